package org.stellaops.attestor.store.embedded;

import java.util.Iterator;
import java.util.function.Consumer;

import org.h2.mvstore.MVMap;
import org.stellaops.attestor.cas.StorageException;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.EntryRecord;

/**
 * Brings a store file up to the current layout when it is opened, before anything reads it. Schema 1 (no
 * {@code schema.version} in {@code meta}) had no search indexes and an unchained audit trail ({@code audit}: a
 * sequence number from 0 → event JSON); schema 2 adds the {@link SearchIndex} maps and replaces {@code audit} by
 * {@code audit.chain}, chaining the old events in their order. Work is done in batches, each committed with its
 * progress, so a file with millions of records is migrated without holding it all in memory, and a migration
 * interrupted by a crash resumes where it stopped.
 */
final class Migration {

    /** The {@code meta} key of the layout version. */
    static final String SCHEMA_VERSION = "schema.version";
    /** The layout this code writes. */
    static final long CURRENT_SCHEMA = 2;
    /** The map of the unchained audit trail of schema 1. */
    static final String LEGACY_AUDIT = "audit";
    /** Set once the outbox index covers every record (files written before it existed lack it). */
    static final String PENDING_INDEX_BUILT = "entries.pending.built";

    private static final int BATCH = 5_000;
    private static final String PENDING_PROGRESS = "migration.pending.records";
    private static final String SEARCH_PROGRESS = "migration.2.records";

    private final StoreFile file;
    private final EntryIndex entries;
    private final AuditTrail audit;
    private final MVMap<String, Long> meta;

    Migration(StoreFile file, EntryIndex entries, AuditTrail audit) {
        this.file = file;
        this.entries = entries;
        this.audit = audit;
        this.meta = file.map("meta");
    }

    /**
     * Runs whatever the file still needs.
     *
     * @throws StorageException {@code storage.failure} if the file was written by a newer version of the store
     */
    void run() {
        Long schema = file.guard(() -> meta.get(SCHEMA_VERSION));
        if (schema != null && schema > CURRENT_SCHEMA) {
            throw new StorageException(StorageException.FAILURE, "the store file " + file.path()
                    + " has layout " + schema + ", newer than this version understands (" + CURRENT_SCHEMA + ")",
                    null);
        }
        if (!file.guard(() -> meta.containsKey(PENDING_INDEX_BUILT))) {
            forEachRecord(PENDING_PROGRESS, entries::indexPending);
            file.write(() -> {
                meta.remove(PENDING_PROGRESS);
                return meta.put(PENDING_INDEX_BUILT, 1L);
            });
        }
        if (schema == null || schema < CURRENT_SCHEMA) {
            forEachRecord(SEARCH_PROGRESS, entries::indexForSearch);
            chainLegacyAudit();
            file.write(() -> {
                meta.remove(SEARCH_PROGRESS);
                return meta.put(SCHEMA_VERSION, CURRENT_SCHEMA);
            });
        }
    }

    /** Applies {@code action} to every stored record, a batch per commit; the progress is a position in the map. */
    private void forEachRecord(String progressKey, Consumer<EntryRecord> action) {
        MVMap<String, String> records = entries.records();
        long total = file.guard(records::sizeAsLong);
        Long stored = file.guard(() -> meta.get(progressKey));
        long done = stored == null ? 0 : stored;
        while (done < total) {
            long from = done;
            long to = Math.min(total, from + BATCH);
            file.write(() -> {
                Iterator<String> keys = records.keyIterator(records.getKey(from));
                for (long i = from; i < to && keys.hasNext(); i++) {
                    action.accept(entries.codec().readRecord(records.get(keys.next())));
                }
                return meta.put(progressKey, to);
            });
            done = to;
        }
    }

    /**
     * Appends the events of the unchained trail to the chain in their order, then drops the old map. The number of
     * chained events is the progress: they were moved in order, so it is the position of the next one to move.
     */
    private void chainLegacyAudit() {
        if (!file.hasMap(LEGACY_AUDIT)) {
            return;
        }
        MVMap<Long, String> legacy = file.map(LEGACY_AUDIT);
        long total = file.guard(legacy::sizeAsLong);
        long done = audit.eventCount();
        while (done < total) {
            long from = done;
            long to = Math.min(total, from + BATCH);
            file.write(() -> {
                Iterator<Long> keys = legacy.keyIterator(legacy.getKey(from));
                for (long i = from; i < to && keys.hasNext(); i++) {
                    String encoded = legacy.get(keys.next());
                    audit.appendWithinMutation(entries.codec().read(encoded, AuditEvent.class));
                }
                return null;
            });
            done = to;
        }
        file.write(() -> {
            file.removeMap(LEGACY_AUDIT);
            return null;
        });
    }
}
