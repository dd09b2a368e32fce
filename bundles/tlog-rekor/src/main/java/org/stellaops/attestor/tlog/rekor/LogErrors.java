package org.stellaops.attestor.tlog.rekor;

import java.net.URI;

import org.stellaops.attestor.api.tlog.TransparencyLogException;

/**
 * Builds the exceptions of one configured log, so that every message names the log and the URL involved.
 */
final class LogErrors {

    private final String label;

    /**
     * @param kind {@code rekor-v2} or {@code rekor-v1}
     * @param origin the configured origin
     */
    LogErrors(String kind, String origin) {
        this.label = kind + " log '" + origin + "'";
    }

    TransparencyLogException unavailable(URI uri, String detail, Throwable cause) {
        return create(TransparencyLogException.UNAVAILABLE, uri, detail, cause);
    }

    TransparencyLogException rejected(URI uri, String detail, Throwable cause) {
        return create(TransparencyLogException.REJECTED, uri, detail, cause);
    }

    TransparencyLogException badProof(URI uri, String detail, Throwable cause) {
        return create(TransparencyLogException.BAD_PROOF, uri, detail, cause);
    }

    TransparencyLogException badProofRequest(URI uri, String detail) {
        return create(TransparencyLogException.BAD_PROOF_REQUEST, uri, detail, null);
    }

    TransparencyLogException splitView(URI uri, String detail, Throwable cause) {
        return create(TransparencyLogException.SPLIT_VIEW, uri, detail, cause);
    }

    /** @return how messages name the log, e.g. {@code rekor-v2 log 'log.example'} */
    String label() {
        return label;
    }

    private TransparencyLogException create(String code, URI uri, String detail, Throwable cause) {
        String message = label + " at " + uri + ": " + detail;
        return cause == null ? new TransparencyLogException(code, message) : new TransparencyLogException(code, message, cause);
    }
}
