package org.stellaops.attestor.store.embedded;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.h2.mvstore.MVMap;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.store.EntryPage;
import org.stellaops.attestor.store.EntryQuery;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.EntryStore;
import org.stellaops.attestor.store.RecordJson;
import org.stellaops.attestor.store.SignatureCoverage;

/**
 * Entry records and their indexes: {@code entries} (envelope digest → record JSON, the unique dedupe index),
 * {@code entries.byUuid} (every log-entry uuid and every planned signature uuid → envelope digest),
 * {@code entries.byCreation} (insertion sequence → envelope digest, for {@link #recent}),
 * {@code entries.pending} (creation time + digest → digest for every pending record: the outbox) and the
 * {@link SearchIndex}. A record and all its index keys are written in one shared-lock section, so they are committed
 * together. Nothing here keeps per-record data on the heap except the leases of records being published.
 */
final class EntryIndex {

    private static final int STRIPES = 64;

    private final StoreFile file;
    private final RecordJson json;
    private final MVMap<String, String> entries;
    private final MVMap<String, String> byUuid;
    private final MVMap<Long, String> byCreation;
    private final MVMap<String, String> pending;
    private final SearchIndex search;
    private final Leases leases = new Leases();
    private final AtomicLong nextSequence;
    /** Serializes writers (and lease takers) of the same digest, so a record and its indexes never disagree. */
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    EntryIndex(StoreFile file, RecordJson json) {
        this.file = file;
        this.json = json;
        this.entries = file.map("entries");
        this.byUuid = file.map("entries.byUuid");
        this.byCreation = file.map("entries.byCreation");
        this.pending = file.map("entries.pending");
        this.search = new SearchIndex(file);
        Long last = file.guard(byCreation::lastKey);
        this.nextSequence = new AtomicLong(last == null ? 0 : last + 1);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** @return the record map, for migrations */
    MVMap<String, String> records() {
        return entries;
    }

    /** @return the codec, for migrations */
    RecordJson codec() {
        return json;
    }

    /** Adds the outbox key of a stored record if it is pending; runs inside a mutation. Idempotent. */
    void indexPending(EntryRecord record) {
        if (record.pending()) {
            pending.put(pendingKey(record), record.envelopeDigest());
        }
    }

    /** Adds every uuid and search key of a stored record; runs inside a mutation. Idempotent. */
    void indexForSearch(EntryRecord record) {
        record.lookupUuids().forEach(uuid -> byUuid.put(uuid, record.envelopeDigest()));
        search.add(record);
    }

    EntryStore.Stored putIfAbsent(EntryRecord record) {
        return putIfAbsent(record, () -> { });
    }

    /**
     * Inserts the record unless present; {@code onCreate} runs inside the same atomic mutation when it is inserted,
     * so what it writes is covered by the same commit.
     */
    EntryStore.Stored putIfAbsent(EntryRecord record, Runnable onCreate) {
        String digest = record.envelopeDigest();
        String encoded = json.write(record);
        EntryStore.Stored stored = locked(digest, () -> file.apply(() -> {
            String existing = entries.putIfAbsent(digest, encoded);
            if (existing != null) {
                return new EntryStore.Stored(json.readRecord(existing), false);
            }
            byCreation.put(nextSequence.getAndIncrement(), digest);
            indexPending(record);
            indexForSearch(record);
            onCreate.run();
            return new EntryStore.Stored(record, true);
        }));
        // the stripe is released first so other digests' writers join the same commit; the loser of a race
        // waits too, because the winner's record may not be durable yet
        file.awaitDurable();
        return stored;
    }

    boolean replaceIf(EntryRecord expected, EntryRecord next) {
        expected.checkReplacement(next);
        String digest = next.envelopeDigest();
        String encoded = json.write(next);
        boolean replaced = locked(digest, () -> file.apply(() -> {
            String current = entries.get(digest);
            if (current == null || !json.readRecord(current).equals(expected)) {
                return false;
            }
            entries.put(digest, encoded);
            Set<String> now = next.lookupUuids();
            now.forEach(uuid -> byUuid.put(uuid, digest));
            for (String old : expected.lookupUuids()) {
                if (!now.contains(old)) {
                    byUuid.remove(old, digest);
                }
            }
            if (next.pending()) {
                pending.put(pendingKey(next), digest);
            } else {
                pending.remove(pendingKey(next));
                leases.drop(digest);
            }
            return true;
        }));
        if (replaced) {
            file.awaitDurable();
        }
        return replaced;
    }

    boolean tryLease(String digest, String owner, Instant now, Duration ttl) {
        Objects.requireNonNull(digest, "envelopeDigest");
        // under the stripe, so the record cannot settle between the check and the lease
        return locked(digest, () -> byEnvelopeDigest(digest).filter(EntryRecord::pending).isPresent()
                && leases.take(digest, owner, now, ttl));
    }

    void releaseLease(String digest, String owner) {
        leases.release(digest, owner);
    }

    private <T> T locked(String digest, Supplier<T> action) {
        ReentrantLock stripe = stripes[Math.floorMod(digest.hashCode(), STRIPES)];
        stripe.lock();
        try {
            return action.get();
        } finally {
            stripe.unlock();
        }
    }

    Optional<EntryRecord> byEnvelopeDigest(String digest) {
        Objects.requireNonNull(digest, "envelopeDigest");
        return Optional.ofNullable(load(digest));
    }

    private EntryRecord load(String digest) {
        String encoded = file.guard(() -> entries.get(digest));
        return encoded == null ? null : json.readRecord(encoded);
    }

    Optional<EntryRecord> byUuid(String uuid) {
        Objects.requireNonNull(uuid, "uuid");
        String digest = file.guard(() -> byUuid.get(uuid));
        if (digest == null) {
            return Optional.empty();
        }
        // a concurrent replacement may have just dropped the uuid; only answer with a record that really holds it
        return byEnvelopeDigest(digest).filter(r -> r.lookupUuids().contains(uuid));
    }

    EntryPage search(EntryQuery query) {
        Objects.requireNonNull(query, "query");
        return search.search(query, this::load);
    }

    /** @return how {@link #search} would run the query */
    SearchIndex.Plan explain(EntryQuery query) {
        return search.explain(query);
    }

    List<EntryRecord> recent(int limit) {
        List<EntryRecord> result = new ArrayList<>();
        if (limit <= 0) {
            return result;
        }
        file.guard(() -> {
            Iterator<Long> keys = byCreation.keyIteratorReverse(null);
            while (keys.hasNext() && result.size() < limit) {
                String digest = byCreation.get(keys.next());
                EntryRecord record = digest == null ? null : load(digest);
                if (record != null) {
                    result.add(record);
                }
            }
            return null;
        });
        return result;
    }

    /** @return up to {@code limit} pending records, oldest first */
    List<EntryRecord> pending(int limit) {
        return outbox(limit, digest -> true);
    }

    /** @return up to {@code limit} pending records no other owner holds a lease on, oldest first */
    List<EntryRecord> claimable(String owner, Instant now, int limit) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(now, "now");
        return outbox(limit, digest -> !leases.heldByAnother(digest, owner, now));
    }

    private List<EntryRecord> outbox(int limit, java.util.function.Predicate<String> eligible) {
        List<EntryRecord> result = new ArrayList<>();
        if (limit <= 0) {
            return result;
        }
        file.guard(() -> {
            Iterator<String> keys = pending.keyIterator(null);
            while (keys.hasNext() && result.size() < limit) {
                String digest = pending.get(keys.next());
                EntryRecord record = digest == null || !eligible.test(digest) ? null : load(digest);
                // a concurrent replacement may have settled it since the key was read
                if (record != null && record.pending()) {
                    result.add(record);
                }
            }
            return null;
        });
        return result;
    }

    long count() {
        return file.guard(entries::sizeAsLong);
    }

    /** @return how many leases are remembered (for tests of the heap bound) */
    int leaseCount() {
        return leases.size();
    }

    /** Creation time first, so the outbox is drained oldest first; the digest makes the key unique. */
    static String pendingKey(EntryRecord record) {
        Instant created = record.createdAt();
        return String.format(Locale.ROOT, "%020d.%09d|%s", created.getEpochSecond(), created.getNano(),
                record.envelopeDigest());
    }
}
