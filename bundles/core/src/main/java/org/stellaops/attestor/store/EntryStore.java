package org.stellaops.attestor.store;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Attestation records with a unique index on the envelope digest, a lookup index on every log-entry uuid (the
 * uuids of {@link EntryRecord#signatures()} included, so a pending record is found by its final uuid) and an index
 * of pending records (the outbox).
 * All writes are durable when the method returns (they survive kill -9); implementations may group concurrent
 * writers into one commit.
 */
@ConsumerType
public interface EntryStore {

    /**
     * Inserts the record unless one with the same envelope digest exists.
     *
     * @param record the new record
     * @return the stored record: {@code record} itself if it was inserted, otherwise the existing one
     */
    Stored putIfAbsent(EntryRecord record);

    /**
     * Like {@link #putIfAbsent(EntryRecord)}, and if this call inserts the record, appends {@code createdEvent} to
     * the audit trail in the same durable step, so a stored record never lacks its audit event and a submission
     * waits for one commit instead of two.
     *
     * @param record the new record
     * @param createdEvent the audit event of the creation; not written if the record already existed
     * @return the stored record and whether this call inserted it
     */
    Stored putIfAbsent(EntryRecord record, AuditEvent createdEvent);

    /**
     * Replaces the record with the same envelope digest (e.g. when a pending log entry arrives).
     *
     * @param record the new version
     * @throws org.stellaops.attestor.cas.StorageException if no such record exists or on I/O failure
     */
    void replace(EntryRecord record);

    /**
     * @param envelopeDigest {@code sha256:<hex>}
     * @return the record, if stored
     */
    Optional<EntryRecord> byEnvelopeDigest(String envelopeDigest);

    /**
     * @param uuid any log entry's uuid (lowercase hex leaf hash)
     * @return the record that holds that log entry, if any
     */
    Optional<EntryRecord> byUuid(String uuid);

    /**
     * The outbox: records whose status is {@link EntryRecord#PENDING}. Implementations keep an index, so this is
     * cheap however many records are logged.
     *
     * @param limit at most this many
     * @return pending records, oldest first where the store can tell
     */
    List<EntryRecord> pending(int limit);

    /**
     * @param limit at most this many
     * @return the most recently created records, newest first
     */
    List<EntryRecord> recent(int limit);

    /** @return the number of records */
    long count();

    /**
     * The outcome of {@link #putIfAbsent}.
     *
     * @param record the record now stored under the digest
     * @param created true if this call inserted it
     */
    record Stored(EntryRecord record, boolean created) {
    }
}
