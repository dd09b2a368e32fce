package org.stellaops.attestor.cas;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A content-addressed archive. Content is immutable and addressed by the lowercase hex SHA-256 of its bytes.
 * Implementations write atomically (a reader never sees a partial object) and re-hash on every read.
 */
@ConsumerType
public interface ContentStore {

    /**
     * Stores bytes, idempotently. When this method returns, the content survives a process crash.
     *
     * @param content the bytes, stored exactly as given
     * @return lowercase hex SHA-256 of {@code content}
     * @throws StorageException with code {@code storage.failure} on I/O failure
     */
    String put(byte[] content);

    /**
     * Reads content back, verifying its hash.
     *
     * @param sha256Hex lowercase hex SHA-256
     * @return the bytes, or empty if absent
     * @throws StorageException with code {@code storage.corrupt} if the stored bytes no longer hash to the address
     */
    Optional<byte[]> get(String sha256Hex);

    /**
     * @param sha256Hex lowercase hex SHA-256
     * @return whether content with that address is stored
     */
    boolean contains(String sha256Hex);
}
