package org.stellaops.attestor.store;

import java.time.Instant;
import java.util.Objects;

import org.stellaops.attestor.api.model.KeyAlgorithm;

/**
 * A trusted signer public key (a trust root). Revocation keeps the key, marked with the time.
 *
 * @param keyId lowercase hex SHA-256 of the DER SubjectPublicKeyInfo
 * @param name a human-readable name given when it was added
 * @param algorithm the signature algorithm accepted for this key
 * @param publicKeyPem the PEM public key
 * @param createdAt when it was added
 * @param revokedAt when it was revoked, or null while trusted
 */
public record TrustedKey(String keyId, String name, KeyAlgorithm algorithm, String publicKeyPem, Instant createdAt,
                         Instant revokedAt) {
    /**
     * @param keyId not null
     * @param name not null
     * @param algorithm not null
     * @param publicKeyPem not null
     * @param createdAt not null
     * @param revokedAt may be null
     */
    public TrustedKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(publicKeyPem, "publicKeyPem");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** @return whether the key has been revoked */
    public boolean revoked() {
        return revokedAt != null;
    }
}
