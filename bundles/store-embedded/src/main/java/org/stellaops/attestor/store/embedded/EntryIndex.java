package org.stellaops.attestor.store.embedded;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.stellaops.attestor.store.EntryPage;
import org.stellaops.attestor.store.EntryQuery;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.EntryStore;
import org.stellaops.attestor.store.RecordJson;
import org.stellaops.attestor.store.Tenants;

/**
 * Entry records and their indexes: {@code entries.records} (creation sequence → record JSON, in creation order, also
 * the index of {@link #recent} across tenants) and, with every key starting with the record's tenant
 * ({@link IndexKeys}), {@code entries} ({@code <tenant>\0<envelope digest>} → creation sequence, the unique dedupe
 * index), {@code entries.byUuid} ({@code <tenant>\0<uuid>} for every log-entry uuid and every planned signature uuid
 * → envelope digest), {@code entries.byTenantCreation} ({@code <tenant>\0<sequence>} → digest, for {@link #recent}
 * of one tenant), {@code entries.pending} ({@code <creation time>|<tenant>\0<digest>} → {@code <tenant>\0<digest>}
 * for every pending record of every tenant: the outbox) and the {@link SearchIndex}. A record and all its index keys
 * are written in one shared-lock section, so they are committed together. Nothing here keeps per-record data on the
 * heap except the leases of records being published.
 *
 * <p>Why the documents are keyed by sequence and not by digest: MVStore rewrites a whole leaf page for every change
 * in it. Keyed by digest, every new record landed in a random leaf of big documents, so every commit rewrote (and
 * first read back from disk) one such leaf per record, and left every older chunk sparse for compaction to copy
 * again; keyed by sequence, new documents fill the last leaf only, and the random inserts go to leaves of small
 * values (docs/storage.md has the figures).
 */
final class EntryIndex {

    /** The names of the maps of this class and its {@link SearchIndex}. */
    static final List<String> MAPS = List.of("entries", "entries.byUuid", "entries.records",
            "entries.byTenantCreation", "entries.pending", "search.time", "search.subject", "search.signer",
            "search.predicate", "search.fact");
    /**
     * The creation index of layouts before 5 (sequence → {@code <tenant>\0<digest>}, documents in {@code entries});
     * {@link Migration} moves the documents into {@code entries.records} in its order and then drops it.
     */
    static final String LEGACY_CREATION = "entries.byCreation";

    private static final int STRIPES = 64;

    private final StoreFile file;
    private final RecordJson json;
    private final MVMap<String, Object> entries;
    private final MVMap<String, String> byUuid;
    private final MVMap<Long, Object> records;
    private final MVMap<String, String> byTenantCreation;
    private final MVMap<String, String> pending;
    private final SearchIndex search;
    private final Leases leases = new Leases();
    private final AtomicLong nextSequence;
    /** Serializes writers (and lease takers) of the same record, so a record and its indexes never disagree. */
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    EntryIndex(StoreFile file, RecordJson json) {
        this(file, json, "");
    }

    /**
     * @param file the store file
     * @param json the record codec
     * @param mapPrefix prepended to every map name (empty, except while a migration builds new maps)
     */
    EntryIndex(StoreFile file, RecordJson json, String mapPrefix) {
        this.file = file;
        this.json = json;
        this.entries = file.map(mapPrefix + MAPS.get(0));
        this.byUuid = file.map(mapPrefix + MAPS.get(1));
        this.records = file.map(mapPrefix + MAPS.get(2));
        this.byTenantCreation = file.map(mapPrefix + MAPS.get(3));
        this.pending = file.map(mapPrefix + MAPS.get(4));
        this.search = new SearchIndex(file, mapPrefix);
        this.nextSequence = new AtomicLong(Math.max(next(records), file.hasMap(mapPrefix + LEGACY_CREATION)
                ? next(file.<Long, Object>map(mapPrefix + LEGACY_CREATION)) : 0));
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /**
     * Stores a record of an older file with every index key, unless the tenant already has a record of that
     * digest; runs inside a mutation of a migration, which owns the file (no concurrent writer).
     *
     * @param sequence the record's creation sequence, or -1 for the next one
     * @param record the record
     * @return whether it was stored
     */
    boolean restore(long sequence, EntryRecord record) {
        String key = IndexKeys.scoped(record.tenant(), record.envelopeDigest());
        if (entries.containsKey(key)) {
            return false;
        }
        long seq = putDocument(sequence, key, StoredJson.encode(json.write(record)));
        index(seq, key, record);
        return true;
    }

    /**
     * Moves a document of a layout before 5 (held in {@code entries} under its key) to {@code entries.records} under
     * its creation sequence; runs inside a mutation of a migration. Documents moved before are left alone, so a
     * migration resumed after a crash can run it again.
     *
     * @param sequence the creation sequence the old creation index gave the document, or -1 for the next one (a
     *        document that index missed, which then also gets its tenant creation key)
     * @param key the {@code entries} key
     */
    void moveDocument(long sequence, String key) {
        Object value = entries.get(key);
        if (value == null || value instanceof Long) {
            return;
        }
        long seq = putDocument(sequence, key, value);
        if (sequence < 0) {
            EntryRecord record = json.readRecord(StoredJson.decode(value));
            byTenantCreation.put(IndexKeys.scoped(record.tenant(), IndexKeys.sequence(seq)), record.envelopeDigest());
        }
    }

    /**
     * @param value an {@code entries} value: a sequence, or a document of a layout before 5 (during a migration)
     * @return the record it stands for, or null if it stands for none
     * @throws IllegalStateException if it names a document the file lacks, or is of no known form (a damaged file:
     *         {@link StoreFile#guard} reports it as a storage failure)
     */
    EntryRecord decode(Object value) {
        Object document = value;
        if (value instanceof Long seq) {
            document = records.get(seq);
            if (document == null) {
                throw new IllegalStateException("the index names document " + seq + ", which the file lacks");
            }
        }
        String encoded = StoredJson.decode(document);
        return encoded == null ? null : json.readRecord(encoded);
    }

    /**
     * Stores a document under a sequence and points its key at it; inside a mutation of a migration (which owns the
     * file), or with the key's stripe held.
     *
     * @param sequence the sequence to use, or -1 for the next one
     * @return the sequence used; the next one handed out is beyond it
     */
    private long putDocument(long sequence, String key, Object document) {
        long seq = sequence >= 0 ? sequence : nextSequence.getAndIncrement();
        nextSequence.accumulateAndGet(seq + 1, Math::max);
        records.put(seq, document);
        entries.put(key, seq);
        return seq;
    }

    private static long next(MVMap<Long, ?> bySequence) {
        Long last = bySequence.lastKey();
        return last == null ? 0 : last + 1;
    }

    /**
     * @param tenant a tenant
     * @param digest an envelope digest
     * @return whether the tenant has a record of that digest
     */
    boolean holds(String tenant, String digest) {
        return file.guard(() -> entries.containsKey(IndexKeys.scoped(tenant, digest)));
    }

    private void index(long sequence, String key, EntryRecord record) {
        String tenant = record.tenant();
        byTenantCreation.put(IndexKeys.scoped(tenant, IndexKeys.sequence(sequence)), record.envelopeDigest());
        if (record.pending()) {
            pending.put(pendingKey(record), key);
        }
        record.lookupUuids().forEach(uuid -> byUuid.put(IndexKeys.scoped(tenant, uuid), record.envelopeDigest()));
        search.add(record);
    }

    EntryStore.Stored putIfAbsent(EntryRecord record) {
        return putIfAbsent(record, () -> { });
    }

    /**
     * Inserts the record unless its tenant has one of that digest; {@code onCreate} runs inside the same atomic
     * mutation when it is inserted, so what it writes is covered by the same commit.
     */
    EntryStore.Stored putIfAbsent(EntryRecord record, Runnable onCreate) {
        EntryStore.Stored stored = applyPutIfAbsent(record, onCreate);
        // the stripe is released first so other records' writers join the same commit; the loser of a race
        // waits too, because the winner's record may not be durable yet
        file.awaitDurable();
        return stored;
    }

    /**
     * Inserts every record as {@link #putIfAbsent(EntryRecord, Runnable)} does, in order, and then waits once for
     * durability: the whole list joins the same group commits as every other writer's records.
     *
     * @param records the records
     * @param onCreate runs inside the mutation of each record it inserts (given that record's position in the list)
     * @return one outcome per record
     */
    List<EntryStore.Stored> putAllIfAbsent(List<EntryRecord> records, IntConsumer onCreate) {
        List<EntryStore.Stored> stored = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            int position = i;
            stored.add(applyPutIfAbsent(records.get(i), () -> onCreate.accept(position)));
        }
        // also when nothing was inserted: an existing record another writer just inserted may not be durable yet
        file.awaitDurable();
        return stored;
    }

    private EntryStore.Stored applyPutIfAbsent(EntryRecord record, Runnable onCreate) {
        String key = IndexKeys.scoped(record.tenant(), record.envelopeDigest());
        byte[] encoded = StoredJson.encode(json.write(record));
        return locked(key, () -> file.apply(() -> {
            Object existing = entries.get(key);
            if (existing != null) {
                return new EntryStore.Stored(decode(existing), false);
            }
            index(putDocument(-1, key, encoded), key, record);
            onCreate.run();
            return new EntryStore.Stored(record, true);
        }));
    }

    boolean replaceIf(EntryRecord expected, EntryRecord next) {
        expected.checkReplacement(next);
        String tenant = next.tenant();
        String digest = next.envelopeDigest();
        String key = IndexKeys.scoped(tenant, digest);
        byte[] encoded = StoredJson.encode(json.write(next));
        boolean replaced = locked(key, () -> file.apply(() -> {
            Object sequence = entries.get(key);
            if (!(sequence instanceof Long seq) || !expected.equals(decode(seq))) {
                return false;
            }
            records.put(seq, encoded);
            Set<String> now = next.lookupUuids();
            now.forEach(uuid -> byUuid.put(IndexKeys.scoped(tenant, uuid), digest));
            for (String old : expected.lookupUuids()) {
                if (!now.contains(old)) {
                    byUuid.remove(IndexKeys.scoped(tenant, old), digest);
                }
            }
            if (next.pending()) {
                pending.put(pendingKey(next), key);
            } else {
                pending.remove(pendingKey(next));
                leases.drop(key);
            }
            return true;
        }));
        if (replaced) {
            file.awaitDurable();
        }
        return replaced;
    }

    boolean tryLease(String tenant, String digest, String owner, Instant now, Duration ttl) {
        String key = key(tenant, digest);
        // under the stripe, so the record cannot settle between the check and the lease
        return locked(key, () -> Optional.ofNullable(load(key)).filter(EntryRecord::pending).isPresent()
                && leases.take(key, owner, now, ttl));
    }

    void releaseLease(String tenant, String digest, String owner) {
        leases.release(key(tenant, digest), owner);
    }

    private static String key(String tenant, String digest) {
        Tenants.require(tenant);
        Objects.requireNonNull(digest, "envelopeDigest");
        return IndexKeys.scoped(tenant, digest);
    }

    private <T> T locked(String key, Supplier<T> action) {
        ReentrantLock stripe = stripes[Math.floorMod(key.hashCode(), STRIPES)];
        stripe.lock();
        try {
            return action.get();
        } finally {
            stripe.unlock();
        }
    }

    Optional<EntryRecord> byEnvelopeDigest(String tenant, String digest) {
        return Optional.ofNullable(load(key(tenant, digest)));
    }

    private EntryRecord load(String key) {
        return file.guard(() -> decode(entries.get(key)));
    }

    Optional<EntryRecord> byUuid(String tenant, String uuid) {
        Tenants.require(tenant);
        Objects.requireNonNull(uuid, "uuid");
        String digest = file.guard(() -> byUuid.get(IndexKeys.scoped(tenant, uuid)));
        if (digest == null) {
            return Optional.empty();
        }
        // a concurrent replacement may have just dropped the uuid; only answer with a record that really holds it
        return byEnvelopeDigest(tenant, digest).filter(r -> r.lookupUuids().contains(uuid));
    }

    EntryPage search(EntryQuery query) {
        Objects.requireNonNull(query, "query");
        return search.search(query, digest -> load(IndexKeys.scoped(query.tenant(), digest)));
    }

    /** @return how {@link #search} would run the query */
    SearchIndex.Plan explain(EntryQuery query) {
        return search.explain(query);
    }

    /** @return the newest records of the tenant (of every tenant if null), newest first */
    List<EntryRecord> recent(String tenant, int limit) {
        List<EntryRecord> result = new ArrayList<>();
        if (limit <= 0) {
            return result;
        }
        if (tenant == null) {
            file.guard(() -> {
                Iterator<Long> keys = records.keyIteratorReverse(null);
                while (keys.hasNext() && result.size() < limit) {
                    result.add(decode(keys.next()));
                }
                return null;
            });
            return result;
        }
        Tenants.require(tenant);
        file.guard(() -> {
            String low = IndexKeys.tenantLow(tenant);
            String start = byTenantCreation.lowerKey(IndexKeys.tenantHigh(tenant));
            if (start == null || start.compareTo(low) < 0) {
                return null;
            }
            Cursor<String, String> keys = byTenantCreation.cursor(start, low, true);
            while (keys.hasNext() && result.size() < limit) {
                keys.next();
                addIfPresent(result, IndexKeys.scoped(tenant, keys.getValue()));
            }
            return null;
        });
        return result;
    }

    private void addIfPresent(List<EntryRecord> result, String key) {
        EntryRecord record = key == null ? null : load(key);
        if (record != null) {
            result.add(record);
        }
    }

    /** @return up to {@code limit} pending records of every tenant, oldest first */
    List<EntryRecord> pending(int limit) {
        return outbox(limit, key -> true);
    }

    /** @return up to {@code limit} pending records no other owner holds a lease on, oldest first */
    List<EntryRecord> claimable(String owner, Instant now, int limit) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(now, "now");
        return outbox(limit, key -> !leases.heldByAnother(key, owner, now));
    }

    private List<EntryRecord> outbox(int limit, Predicate<String> eligible) {
        List<EntryRecord> result = new ArrayList<>();
        if (limit <= 0) {
            return result;
        }
        file.guard(() -> {
            Iterator<String> keys = pending.keyIterator(null);
            while (keys.hasNext() && result.size() < limit) {
                String key = pending.get(keys.next());
                EntryRecord record = key == null || !eligible.test(key) ? null : load(key);
                // a concurrent replacement may have settled it since the key was read
                if (record != null && record.pending()) {
                    result.add(record);
                }
            }
            return null;
        });
        return result;
    }

    /** @return the number of records of every tenant */
    long count() {
        return file.guard(entries::sizeAsLong);
    }

    /** @return the number of the tenant's records: the size of its key range, in O(log n) (a counted B-tree) */
    long count(String tenant) {
        Tenants.require(tenant);
        return file.guard(() -> position(IndexKeys.tenantHigh(tenant)) - position(IndexKeys.tenantLow(tenant)));
    }

    private long position(String key) {
        long index = entries.getKeyIndex(key);
        return index >= 0 ? index : -index - 1;
    }

    /** @return how many leases are remembered (for tests of the heap bound) */
    int leaseCount() {
        return leases.size();
    }

    /** Creation time first, so the outbox is drained oldest first; tenant and digest make the key unique. */
    static String pendingKey(EntryRecord record) {
        Instant created = record.createdAt();
        return String.format(Locale.ROOT, "%020d.%09d|%s", created.getEpochSecond(), created.getNano(),
                IndexKeys.scoped(record.tenant(), record.envelopeDigest()));
    }
}
