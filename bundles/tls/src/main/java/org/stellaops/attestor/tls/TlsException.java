package org.stellaops.attestor.tls;

/**
 * A failure to provide the API listener's TLS material, with a stable machine-readable code.
 */
public class TlsException extends RuntimeException {

    /** A framework property has a value that cannot be used (for example a malformed subject alternative name). */
    public static final String BAD_CONFIGURATION = "tls.bad_configuration";
    /** The TLS directory or one of its files cannot be read or written. */
    public static final String STORAGE = "tls.storage_failed";
    /** A configured key store cannot be opened with the configured password, or holds no usable key. */
    public static final String KEYSTORE_UNUSABLE = "tls.keystore_unusable";
    /** The client-certificate hook could not be installed on a TLS connector. */
    public static final String HOOK_FAILED = "tls.hook_failed";

    private static final long serialVersionUID = 1L;

    private final String code;

    /**
     * @param code one of the constants of this class
     * @param message what went wrong, for an operator
     * @param cause the underlying exception, or null
     */
    public TlsException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /**
     * @param code one of the constants of this class
     * @param message what went wrong, for an operator
     */
    public TlsException(String code, String message) {
        this(code, message, null);
    }

    /** @return the stable machine-readable code */
    public String code() {
        return code;
    }
}
