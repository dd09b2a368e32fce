package org.stellaops.attestor.api.keys;

import java.util.Objects;

/**
 * A key driver failure with a stable, machine-readable code such as {@code key.not_found}.
 */
public class KeyDriverException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The code of a key the driver does not hold. */
    public static final String NOT_FOUND = "key.not_found";
    /** The code of a key that may not sign (retired or revoked). */
    public static final String NOT_ACTIVE = "key.not_active";
    /** The code of an algorithm the driver cannot use. */
    public static final String UNSUPPORTED_ALGORITHM = "key.unsupported_algorithm";
    /** The code of any other driver failure (I/O, token gone, timeout). */
    public static final String DRIVER_FAILURE = "key.driver_failure";

    private final String code;

    /**
     * @param code stable machine-readable code
     * @param message human-readable detail (never key material)
     */
    public KeyDriverException(String code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code);
    }

    /**
     * @param code stable machine-readable code
     * @param message human-readable detail (never key material)
     * @param cause the underlying failure
     */
    public KeyDriverException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code);
    }

    /** @return the stable code */
    public String code() {
        return code;
    }
}
