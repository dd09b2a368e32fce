package org.stellaops.attestor.api.tlog;

import java.util.Objects;

/**
 * The identity of a transparency log.
 *
 * @param logId lowercase hex of the 32-byte log ID (for an ECDSA log key: SHA-256 of its DER SubjectPublicKeyInfo)
 * @param origin the checkpoint origin, also the note key name
 * @param kind the API kind, for example {@code embedded}, {@code rekor-v2}, {@code rekor-v1}
 * @param publicKeyPem the log's checkpoint key as a PEM public key
 * @param readUrl where clients read checkpoints and tiles, or empty
 */
public record LogDescriptor(String logId, String origin, String kind, String publicKeyPem, String readUrl) {
    /**
     * Validates the parts.
     *
     * @param logId not null
     * @param origin not null
     * @param kind not null
     * @param publicKeyPem not null
     * @param readUrl not null
     */
    public LogDescriptor {
        Objects.requireNonNull(logId, "logId");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(publicKeyPem, "publicKeyPem");
        Objects.requireNonNull(readUrl, "readUrl");
    }
}
