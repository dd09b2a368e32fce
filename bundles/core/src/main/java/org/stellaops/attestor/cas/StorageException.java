package org.stellaops.attestor.cas;

import java.util.Objects;

/**
 * A storage failure with a stable code: {@code storage.failure} (I/O) or {@code storage.corrupt} (content no longer
 * matches its address or record).
 */
public class StorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** I/O or database failure. */
    public static final String FAILURE = "storage.failure";
    /** Stored data was found corrupted. */
    public static final String CORRUPT = "storage.corrupt";

    private final String code;

    /**
     * @param code stable code
     * @param message detail
     * @param cause underlying failure, may be null
     */
    public StorageException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code);
    }

    /** @return the stable code */
    public String code() {
        return code;
    }
}
