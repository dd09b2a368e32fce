package org.stellaops.attestor.store;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Trusted signer keys, each owned by one tenant; the identity of a key is (tenant, key id), so two tenants may trust
 * the same public key independently and revoke it independently. Writes are durable when the method returns.
 */
@ConsumerType
public interface TrustRootStore {

    /**
     * Inserts or replaces the key with the same tenant and id.
     *
     * @param key the key
     */
    void put(TrustedKey key);

    /**
     * @param tenant the tenant that owns the key
     * @param keyId lowercase hex SHA-256 of the SPKI
     * @return the tenant's key, revoked or not
     */
    Optional<TrustedKey> get(String tenant, String keyId);

    /**
     * @param tenant a tenant, or null for every tenant's keys
     * @return the tenant's keys (not the shared keys of others), revoked ones included, ordered by creation time,
     *         then id, then tenant
     */
    List<TrustedKey> all(String tenant);

    /**
     * @return a number that changes whenever the set of keys or their states change, in any tenant (one global
     *         version keeps cache invalidation simple and safe)
     */
    long version();
}
