package org.stellaops.attestor.store;

import java.time.Instant;
import java.util.Objects;

import org.stellaops.attestor.api.model.KeyAlgorithm;

/**
 * A trusted signer public key (a trust root) of one tenant. Revocation keeps the key, marked with the time. A key
 * verifies the signatures of its own tenant's envelopes only, unless it is {@code shared}: the operator shares a key
 * (for example the organisation's release key) with every tenant.
 *
 * @param keyId lowercase hex SHA-256 of the DER SubjectPublicKeyInfo
 * @param name a human-readable name given when it was added
 * @param algorithm the signature algorithm accepted for this key
 * @param publicKeyPem the PEM public key
 * @param createdAt when it was added
 * @param revokedAt when it was revoked, or null while trusted
 * @param tenant the tenant that added it and may revoke it
 * @param shared whether it verifies every tenant's envelopes
 */
public record TrustedKey(String keyId, String name, KeyAlgorithm algorithm, String publicKeyPem, Instant createdAt,
                         Instant revokedAt, String tenant, boolean shared) {
    /**
     * @param keyId not null
     * @param name not null
     * @param algorithm not null
     * @param publicKeyPem not null
     * @param createdAt not null
     * @param revokedAt may be null
     * @param tenant a tenant name
     * @param shared whether every tenant trusts it
     */
    public TrustedKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(publicKeyPem, "publicKeyPem");
        Objects.requireNonNull(createdAt, "createdAt");
        if (!Tenants.isName(tenant)) {
            throw new IllegalArgumentException("a trusted key belongs to a tenant");
        }
    }

    /**
     * @param asking a tenant
     * @return whether this key verifies that tenant's envelopes: its own key, or a shared one
     */
    public boolean trustedBy(String asking) {
        return shared || tenant.equals(asking);
    }

    /** @return whether the key has been revoked */
    public boolean revoked() {
        return revokedAt != null;
    }
}
