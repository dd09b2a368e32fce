package org.stellaops.attestor.tlog.embedded;

import org.stellaops.attestor.api.tlog.TransparencyLogException;

/**
 * The failures of the embedded log, as {@link TransparencyLogException}s with stable codes.
 */
final class LogErrors {

    /**
     * Code for files on disk that contradict each other or the signed checkpoint (the log refuses to open or to
     * answer rather than serve a view it cannot prove).
     */
    static final String STORAGE_CORRUPT = "tlog.storage_corrupt";

    private LogErrors() {
    }

    static TransparencyLogException unavailable(String message) {
        return new TransparencyLogException(TransparencyLogException.UNAVAILABLE, message);
    }

    static TransparencyLogException unavailable(String message, Throwable cause) {
        return new TransparencyLogException(TransparencyLogException.UNAVAILABLE, message, cause);
    }

    static TransparencyLogException corrupt(String message) {
        return new TransparencyLogException(STORAGE_CORRUPT, message);
    }

    static TransparencyLogException rejected(String message, Throwable cause) {
        return new TransparencyLogException(TransparencyLogException.REJECTED, message, cause);
    }

    static TransparencyLogException badRequest(String message) {
        return new TransparencyLogException(TransparencyLogException.BAD_PROOF_REQUEST, message);
    }
}
