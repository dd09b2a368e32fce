package org.stellaops.attestor.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Attestation records with a unique index on (tenant, envelope digest), a lookup index on every log-entry uuid (the
 * uuids of {@link EntryRecord#signatures()} included, so a pending record is found by its final uuid), an index
 * of pending records (the outbox) and search indexes on subject digest, predicate type, signer key id, fact terms
 * ({@link FactTerms}) and creation time (see {@link #search(EntryQuery)}), all of them within a tenant.
 *
 * <p>A record belongs to the tenant of its {@link EntryRecord#provenance()}. Every read takes the tenant and never
 * returns another tenant's record; the same envelope stored by two tenants is two independent records (which share
 * uuids, since uuids are leaf hashes). Only the outbox ({@link #pending}, {@link #claimable}) spans tenants: the
 * publisher serves them all.
 * All writes are durable when the method returns (they survive kill -9); implementations may group concurrent
 * writers into one commit.
 *
 * <p>Several service instances (workers) may share one store. Two rules make that safe: a record changes only by
 * compare-and-set ({@link #replaceIf}), so two workers never overwrite each other's log results, and a worker
 * publishes a pending record only while it holds the record's lease ({@link #tryLease}), so the outbox is drained
 * once. Leases are bookkeeping beside the record: they are not part of {@link EntryRecord}, never change what
 * {@link #byEnvelopeDigest} returns, and need not survive a restart of a single-process store.
 */
@ConsumerType
public interface EntryStore {

    /**
     * Inserts the record unless one with the same tenant and envelope digest exists.
     *
     * @param record the new record
     * @return the stored record: {@code record} itself if it was inserted, otherwise the existing one
     */
    Stored putIfAbsent(EntryRecord record);

    /**
     * Like {@link #putIfAbsent(EntryRecord)}, and if this call inserts the record, appends {@code createdEvent} to
     * the audit trail so that a stored record never lacks its audit event for good. A store with atomic multi-key
     * commits (store-embedded) writes both in one durable step, so a submission waits for one commit instead of two;
     * a store without transactions (store-mongo) stores the event with the record and appends it to the chain right
     * after, repairing an append a crash interrupted at its next start (docs/storage.md).
     *
     * @param record the new record
     * @param createdEvent the audit event of the creation; not written if the record already existed
     * @return the stored record and whether this call inserted it
     */
    Stored putIfAbsent(EntryRecord record, AuditEvent createdEvent);

    /**
     * Stores many new records, each exactly as {@link #putIfAbsent(EntryRecord, AuditEvent)} would, in the given
     * order (a later creation of the same tenant and digest finds the earlier one), and returns once every one is
     * durable. A store with group commits (store-embedded) makes the whole list durable in one wait instead of one
     * per record, so a batch of submissions shares commits with every other writer (measured in
     * docs/benchmarks.md); the default simply calls {@code putIfAbsent} for each.
     *
     * <p>If it throws, some of the records may have been stored, each with its audit event, as when a single
     * {@code putIfAbsent} throws after the store accepted the write; calling again with the same list is safe.
     *
     * @param creations the records and their creation events
     * @return one outcome per creation, in the same order
     */
    default List<Stored> putAllIfAbsent(List<Creation> creations) {
        return creations.stream().map(c -> putIfAbsent(c.record(), c.createdEvent())).toList();
    }

    /**
     * Replaces the record with the same tenant and envelope digest if the stored version still equals {@code expected}
     * (compare-and-set; e.g. when a pending log entry arrives). The envelope digest, uuid, content address,
     * statement facts, derived facts, creation time and provenance never change: only the publication state does
     * ({@code status}, {@code signatures}, {@code logs}, {@code receipts}).
     *
     * @param expected the version the caller read
     * @param next the new version, with the same tenant and envelope digest
     * @return true if {@code next} is now stored; false if the stored version differs from {@code expected} (the
     *         caller reads again and retries) or no record with that tenant and digest exists
     * @throws IllegalArgumentException if {@code next} changes anything but the publication state
     * @throws org.stellaops.attestor.cas.StorageException on I/O failure
     */
    boolean replaceIf(EntryRecord expected, EntryRecord next);

    /**
     * @param tenant the tenant that owns the record
     * @param envelopeDigest {@code sha256:<hex>}
     * @return the tenant's record, if stored
     */
    Optional<EntryRecord> byEnvelopeDigest(String tenant, String envelopeDigest);

    /**
     * @param tenant the tenant that owns the record
     * @param uuid any log entry's uuid (lowercase hex leaf hash)
     * @return the tenant's record that holds that log entry, if any
     */
    Optional<EntryRecord> byUuid(String tenant, String uuid);

    /**
     * The outbox: records of every tenant whose status is {@link EntryRecord#PENDING}. Implementations keep an index, so this is
     * cheap however many records are logged.
     *
     * @param limit at most this many
     * @return pending records, oldest first where the store can tell
     */
    List<EntryRecord> pending(int limit);

    /**
     * The outbox as one worker sees it: pending records of every tenant that no other owner holds a lease on at {@code now}.
     *
     * @param owner the asking worker
     * @param now the current time, for lease expiry
     * @param limit at most this many
     * @return pending records not leased by another owner, oldest first where the store can tell
     */
    List<EntryRecord> claimable(String owner, Instant now, int limit);

    /**
     * Takes or renews the publishing lease of a pending record. Succeeds if the record exists, is pending, and has
     * no lease, an expired lease (its end is not after {@code now}) or a lease held by {@code owner}; the lease then
     * ends at {@code now + ttl}. On a shared database this is one conditional update, so of two workers racing
     * for the same record exactly one wins.
     *
     * @param tenant the record's tenant
     * @param envelopeDigest the record's envelope digest
     * @param owner the worker taking the lease
     * @param now the current time
     * @param ttl how long the lease lasts unless renewed
     * @return whether {@code owner} now holds the lease
     */
    boolean tryLease(String tenant, String envelopeDigest, String owner, Instant now, Duration ttl);

    /**
     * Gives a lease up early (e.g. when the record is settled); does nothing unless {@code owner} holds it.
     *
     * @param tenant the record's tenant
     * @param envelopeDigest the record's envelope digest
     * @param owner the worker that held the lease
     */
    void releaseLease(String tenant, String envelopeDigest, String owner);

    /**
     * Finds a tenant's records by subject digest, predicate type, signer key id, facts and creation time, newest
     * first. The order is total and stable: {@code createdAt} descending, then envelope digest descending. Lookups
     * by subject digest, signer, predicate type or fact use an index (O(log n) to the first match within the
     * tenant), never a full scan, and never read another tenant's index entries. A store whose
     * {@link #searchesFacts()} is true matches {@link EntryQuery#facts()} exactly as {@link FactTerms} defines it,
     * for records of any age (records stored before it indexed facts included).
     *
     * @param query the tenant, the filters (all optional), the page size and the cursor of the previous page
     * @return one page and the cursor of the next one
     * @throws IllegalArgumentException if the cursor is malformed
     */
    EntryPage search(EntryQuery query);

    /**
     * Whether {@link #search} honours {@link EntryQuery#facts()}. Stores written for contract 5.1 or later answer
     * true; a store written for 5.0 inherits false and would ignore the fact filters, so callers must not pass fact
     * filters to a store that answers false (the core refuses such a search with {@code storage.unsupported}).
     *
     * @return true if fact filters are matched
     * @since 5.1
     */
    default boolean searchesFacts() {
        return false;
    }

    /**
     * @param tenant the tenant, or null for every tenant (operator views only)
     * @param limit at most this many
     * @return the most recently created records, newest first
     */
    List<EntryRecord> recent(String tenant, int limit);

    /** @return the number of records of every tenant */
    long count();

    /**
     * Counts one tenant's records without reading them (a counter or an index count, never a scan of other
     * tenants' records).
     *
     * @param tenant the tenant
     * @return the number of the tenant's records
     */
    long count(String tenant);

    /**
     * The outcome of {@link #putIfAbsent} and of each creation of {@link #putAllIfAbsent}.
     *
     * @param record the record now stored under the digest
     * @param created true if this call inserted it
     */
    record Stored(EntryRecord record, boolean created) {
    }

    /**
     * One record for {@link #putAllIfAbsent}.
     *
     * @param record the new record
     * @param createdEvent the audit event written if the record is inserted
     */
    record Creation(EntryRecord record, AuditEvent createdEvent) {
        /** @throws NullPointerException if either is null */
        public Creation {
            Objects.requireNonNull(record, "record");
            Objects.requireNonNull(createdEvent, "createdEvent");
        }
    }
}
