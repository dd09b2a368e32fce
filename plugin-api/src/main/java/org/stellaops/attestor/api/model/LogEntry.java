package org.stellaops.attestor.api.model;

import java.util.Objects;

/**
 * One entry of a transparency log, as returned to clients.
 *
 * @param logId the log's identity: lowercase hex of its 32-byte log ID
 * @param origin the log's checkpoint origin
 * @param logIndex the entry's zero-based index in the log
 * @param uuid lowercase hex of the RFC 6962 leaf hash, SHA-256(0x00 ‖ canonicalizedBody)
 * @param canonicalizedBody the logged entry bytes (RFC 8785 JSON)
 * @param inclusionProof the proof against a signed checkpoint
 */
public record LogEntry(String logId, String origin, long logIndex, String uuid, Bytes canonicalizedBody,
                       InclusionProof inclusionProof) {
    /**
     * Validates the required parts.
     *
     * @param logId not null
     * @param origin not null
     * @param logIndex not negative
     * @param uuid not null
     * @param canonicalizedBody not null
     * @param inclusionProof not null
     */
    public LogEntry {
        Objects.requireNonNull(logId, "logId");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(canonicalizedBody, "canonicalizedBody");
        Objects.requireNonNull(inclusionProof, "inclusionProof");
        if (logIndex < 0) {
            throw new IllegalArgumentException("logIndex < 0");
        }
    }
}
