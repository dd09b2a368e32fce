package org.stellaops.attestor.api.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Public information about a key.
 *
 * @param keyId lowercase hex SHA-256 of the DER SubjectPublicKeyInfo
 * @param name a human-readable name
 * @param algorithm the signature algorithm
 * @param publicKey the DER SubjectPublicKeyInfo
 * @param state the lifecycle state
 * @param createdAt when the key was created or registered
 * @param revokedAt when it was revoked, or null
 */
public record KeyInfo(String keyId, String name, KeyAlgorithm algorithm, Bytes publicKey, KeyState state,
                      Instant createdAt, Instant revokedAt) {
    /**
     * Validates the required parts.
     *
     * @param keyId not null
     * @param name not null
     * @param algorithm not null
     * @param publicKey not null
     * @param state not null
     * @param createdAt not null
     * @param revokedAt may be null
     */
    public KeyInfo {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
