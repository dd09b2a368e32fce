package org.stellaops.attestor.sdk.timestamp;

import org.stellaops.attestor.sdk.AttestorException;

/** An RFC 3161 token or authority was refused; the code is one of {@link TimestampCodes}. */
public class TimestampException extends AttestorException {

    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /**
     * @param code one of {@link TimestampCodes}
     * @param message why
     */
    public TimestampException(String code, String message) {
        super(code, message);
    }

    /**
     * @param code one of {@link TimestampCodes}
     * @param message why
     * @param cause the underlying failure
     */
    public TimestampException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
