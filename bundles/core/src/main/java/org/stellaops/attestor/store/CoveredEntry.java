package org.stellaops.attestor.store;

import java.util.Objects;

import org.stellaops.attestor.api.model.LogEntry;

/**
 * One log entry of a record and the envelope signature it covers.
 *
 * @param signatureIndex index of the covered signature in the envelope's {@code signatures}, or
 *                       {@link #UNKNOWN_SIGNATURE} for entries stored before coverage was recorded (the verifier then
 *                       matches the entry's body against every trusted signature)
 * @param via {@link SignatureCoverage#VIA_SIGNATURE} (the envelope signature itself was logged) or
 *            {@link SignatureCoverage#VIA_RECEIPT} (a service-signed receipt for it was logged)
 * @param entry the log's answer: index, uuid, canonical body and inclusion proof
 */
public record CoveredEntry(int signatureIndex, String via, LogEntry entry) {

    /** Signature index of entries written before records said which signature an entry covers. */
    public static final int UNKNOWN_SIGNATURE = -1;

    /**
     * @param signatureIndex {@code >= -1}
     * @param via not null
     * @param entry not null
     */
    public CoveredEntry {
        if (signatureIndex < UNKNOWN_SIGNATURE) {
            throw new IllegalArgumentException("signatureIndex < -1");
        }
        Objects.requireNonNull(via, "via");
        Objects.requireNonNull(entry, "entry");
    }
}
