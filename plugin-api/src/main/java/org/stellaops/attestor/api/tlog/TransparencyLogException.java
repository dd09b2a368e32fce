package org.stellaops.attestor.api.tlog;

import java.util.Objects;

/**
 * A transparency-log failure with a stable code, for example {@code tlog.unavailable}.
 */
public class TransparencyLogException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The log could not be reached or did not answer in time; retry later. */
    public static final String UNAVAILABLE = "tlog.unavailable";
    /** The log refused the entry (for example an algorithm it does not accept). */
    public static final String REJECTED = "tlog.rejected";
    /** The log answered with a proof or checkpoint that does not verify. */
    public static final String BAD_PROOF = "tlog.bad_proof";
    /** A proof was asked for sizes or indexes the log cannot prove. */
    public static final String BAD_PROOF_REQUEST = "tlog.bad_proof_request";

    /**
     * The log presented a checkpoint that is not consistent with one it presented before (a split view): the
     * checkpoint is not used and an event is raised.
     */
    public static final String SPLIT_VIEW = "tlog.split_view";

    private final String code;

    /**
     * @param code stable machine-readable code
     * @param message human-readable detail
     */
    public TransparencyLogException(String code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code);
    }

    /**
     * @param code stable machine-readable code
     * @param message human-readable detail
     * @param cause the underlying failure
     */
    public TransparencyLogException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code);
    }

    /** @return the stable code */
    public String code() {
        return code;
    }
}
