package org.stellaops.attestor.store;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Trusted signer keys. Writes are durable when the method returns.
 */
@ConsumerType
public interface TrustRootStore {

    /**
     * Inserts or replaces the key with the same id.
     *
     * @param key the key
     */
    void put(TrustedKey key);

    /**
     * @param keyId lowercase hex SHA-256 of the SPKI
     * @return the key, revoked or not
     */
    Optional<TrustedKey> get(String keyId);

    /** @return every key, revoked ones included, ordered by creation time then id */
    List<TrustedKey> all();

    /** @return a number that changes whenever the set of keys or their states change */
    long version();
}
