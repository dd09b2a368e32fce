package org.stellaops.attestor.sdk;

import java.util.Objects;

/**
 * The one failure type of the sdk for bad input: every rejection carries a stable, machine-readable code (see
 * {@link ErrorCodes}) that callers such as the HTTP layer map to a response without parsing the message.
 */
public class AttestorException extends RuntimeException {

    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    private final String code;

    /**
     * Creates an exception.
     *
     * @param code the stable error code, for example {@code envelope.bad_base64}
     * @param message a human-readable reason
     */
    public AttestorException(String code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    /**
     * Creates an exception with a cause.
     *
     * @param code the stable error code
     * @param message a human-readable reason
     * @param cause the underlying failure
     */
    public AttestorException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** @return the stable error code */
    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return getClass().getName() + "[" + code + "]: " + getMessage();
    }
}
