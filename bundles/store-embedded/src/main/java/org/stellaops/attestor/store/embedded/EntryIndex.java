package org.stellaops.attestor.store.embedded;

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

import org.h2.mvstore.MVMap;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.cas.StorageException;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.EntryStore;
import org.stellaops.attestor.store.SignatureCoverage;

/**
 * Entry records and their indexes, in four maps: {@code entries} (envelope digest → record JSON, the unique
 * dedupe index), {@code entries.byUuid} (every log-entry uuid and every planned signature uuid → envelope digest),
 * {@code entries.byCreation} (insertion sequence → envelope digest, for {@link #recent}) and
 * {@code entries.pending} (creation time + digest → digest for every record whose status is pending: the outbox).
 * A digest's record and index entries are written in one shared-lock section, so they are committed together.
 * Files written before the pending index existed get it built once, when they are opened.
 */
final class EntryIndex {

    private static final int STRIPES = 64;
    private static final String PENDING_INDEX_BUILT = "entries.pending.built";

    private final StoreFile file;
    private final JsonCodec json;
    private final MVMap<String, String> entries;
    private final MVMap<String, String> byUuid;
    private final MVMap<Long, String> byCreation;
    private final MVMap<String, String> pending;
    private final AtomicLong nextSequence;
    /** Serializes writers of the same digest, so a record and its uuid index never disagree. */
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    EntryIndex(StoreFile file, JsonCodec json) {
        this.file = file;
        this.json = json;
        this.entries = file.map("entries");
        this.byUuid = file.map("entries.byUuid");
        this.byCreation = file.map("entries.byCreation");
        this.pending = file.map("entries.pending");
        Long last = file.guard(byCreation::lastKey);
        this.nextSequence = new AtomicLong(last == null ? 0 : last + 1);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
        buildPendingIndexOnce(file.map("meta"));
    }

    private void buildPendingIndexOnce(MVMap<String, Long> meta) {
        if (file.guard(() -> meta.containsKey(PENDING_INDEX_BUILT))) {
            return;
        }
        file.write(() -> {
            for (String encoded : entries.values()) {
                EntryRecord record = json.readRecord(encoded);
                if (record.pending()) {
                    pending.put(pendingKey(record), record.envelopeDigest());
                }
            }
            meta.put(PENDING_INDEX_BUILT, 1L);
            return null;
        });
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
        ReentrantLock stripe = stripe(digest);
        EntryStore.Stored stored;
        stripe.lock();
        try {
            stored = file.apply(() -> {
                String existing = entries.putIfAbsent(digest, encoded);
                if (existing != null) {
                    return new EntryStore.Stored(json.readRecord(existing), false);
                }
                uuidsOf(record).forEach(uuid -> byUuid.put(uuid, digest));
                byCreation.put(nextSequence.getAndIncrement(), digest);
                if (record.pending()) {
                    pending.put(pendingKey(record), digest);
                }
                onCreate.run();
                return new EntryStore.Stored(record, true);
            });
        } finally {
            stripe.unlock();
        }
        // the stripe is released first so other digests' writers join the same commit; the loser of a race
        // waits too, because the winner's record may not be durable yet
        file.awaitDurable();
        return stored;
    }

    void replace(EntryRecord record) {
        String digest = record.envelopeDigest();
        String encoded = json.write(record);
        ReentrantLock stripe = stripe(digest);
        stripe.lock();
        try {
            file.apply(() -> {
                String previous = entries.replace(digest, encoded);
                if (previous == null) {
                    throw new StorageException(StorageException.FAILURE, "no record with envelope digest " + digest,
                            null);
                }
                EntryRecord before = json.readRecord(previous);
                Set<String> now = uuidsOf(record);
                now.forEach(uuid -> byUuid.put(uuid, digest));
                for (String old : uuidsOf(before)) {
                    if (!now.contains(old)) {
                        byUuid.remove(old, digest);
                    }
                }
                pending.remove(pendingKey(before));
                if (record.pending()) {
                    pending.put(pendingKey(record), digest);
                }
                return null;
            });
        } finally {
            stripe.unlock();
        }
        file.awaitDurable();
    }

    Optional<EntryRecord> byEnvelopeDigest(String digest) {
        Objects.requireNonNull(digest, "envelopeDigest");
        String encoded = file.guard(() -> entries.get(digest));
        return encoded == null ? Optional.empty() : Optional.of(json.readRecord(encoded));
    }

    Optional<EntryRecord> byUuid(String uuid) {
        Objects.requireNonNull(uuid, "uuid");
        String digest = file.guard(() -> byUuid.get(uuid));
        if (digest == null) {
            return Optional.empty();
        }
        // a concurrent replace may have just moved the uuid; only answer with a record that really holds it
        return byEnvelopeDigest(digest).filter(r -> uuidsOf(r).contains(uuid));
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
                String encoded = digest == null ? null : entries.get(digest);
                if (encoded != null) {
                    result.add(json.readRecord(encoded));
                }
            }
            return null;
        });
        return result;
    }

    /** @return up to {@code limit} pending records, oldest first */
    List<EntryRecord> pending(int limit) {
        List<EntryRecord> result = new ArrayList<>();
        if (limit <= 0) {
            return result;
        }
        file.guard(() -> {
            Iterator<String> keys = pending.keyIterator(null);
            while (keys.hasNext() && result.size() < limit) {
                String digest = pending.get(keys.next());
                String encoded = digest == null ? null : entries.get(digest);
                if (encoded != null) {
                    EntryRecord record = json.readRecord(encoded);
                    // a concurrent replace may have settled it since the key was read
                    if (record.pending()) {
                        result.add(record);
                    }
                }
            }
            return null;
        });
        return result;
    }

    long count() {
        return file.guard(entries::sizeAsLong);
    }

    private ReentrantLock stripe(String digest) {
        return stripes[Math.floorMod(digest.hashCode(), STRIPES)];
    }

    private static Set<String> uuidsOf(EntryRecord record) {
        Set<String> uuids = new LinkedHashSet<>();
        // a pending record may not have a uuid yet; the empty string must not become an index key
        if (!record.uuid().isEmpty()) {
            uuids.add(record.uuid());
        }
        for (SignatureCoverage s : record.signatures()) {
            uuids.add(s.uuid());
        }
        for (LogEntry e : record.logEntries()) {
            if (!e.uuid().isEmpty()) {
                uuids.add(e.uuid());
            }
        }
        return uuids;
    }

    /** Creation time first, so the outbox is drained oldest first; the digest makes the key unique. */
    private static String pendingKey(EntryRecord record) {
        Instant created = record.createdAt();
        return String.format(Locale.ROOT, "%020d.%09d|%s", created.getEpochSecond(), created.getNano(),
                record.envelopeDigest());
    }
}
