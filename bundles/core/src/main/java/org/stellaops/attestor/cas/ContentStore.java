package org.stellaops.attestor.cas;

import java.util.List;
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
     * Stores several contents, idempotently, as {@link #put} stores one. An archive that makes writes durable in
     * groups (cas-fs packs share one fsync) overrides this to wait once for all of them instead of once per content;
     * this default stores them one after the other.
     *
     * @param contents the contents, each stored exactly as given; the same content may appear more than once
     * @return the lowercase hex SHA-256 of each content, in order
     * @throws StorageException with code {@code storage.failure} on I/O failure (some of the contents may be stored)
     * @since 1.1.0
     */
    default List<String> putAll(List<byte[]> contents) {
        return contents.stream().map(this::put).toList();
    }

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
