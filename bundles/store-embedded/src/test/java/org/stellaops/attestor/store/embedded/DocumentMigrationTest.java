package org.stellaops.attestor.store.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.store.EntryRecord;

/**
 * Opening a file of schema 4 (record documents in {@code entries}) moves every document to {@code entries.records}
 * under its creation sequence, so records read, search, list and publish as before, in the same creation order.
 */
class DocumentMigrationTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("attestor.mv");
    }

    /** Logged and pending records of the default tenant, then records of another tenant. */
    private static List<EntryRecord> records() {
        return FactIndexMigrationTest.records();
    }

    @Test
    void readsAndSearchesEveryRecordOfASchema4File() {
        List<EntryRecord> records = records();
        Schema3File.writeSchema4(file(), records, MigrationTest.events(3), null);
        try (EmbeddedStore store = new EmbeddedStore(file())) {
            for (EntryRecord record : records) {
                assertEquals(record, store.byEnvelopeDigest(record.tenant(), record.envelopeDigest()).orElseThrow());
                assertEquals(record, store.byUuid(record.tenant(), record.uuid()).orElseThrow());
            }
            MigrationTest.assertSearchesWork(store, records);
            assertEquals(3, MigrationTest.verifiedChain(store).size());
        }
    }

    @Test
    void keepsTheCreationOrderAndTheOutbox() {
        List<EntryRecord> records = records();
        Schema3File.writeSchema4(file(), records, List.of(), null);
        try (EmbeddedStore store = new EmbeddedStore(file())) {
            List<EntryRecord> newestFirst = new ArrayList<>(records);
            Collections.reverse(newestFirst);
            assertEquals(newestFirst, store.recent(null, 100));
            assertEquals(records.stream().filter(EntryRecord::pending).toList(), store.pending(100));
        }
    }

    @Test
    void recordsTheCurrentVersionAndLeavesNoOldIndexOrProgressBehind() {
        Schema3File.writeSchema4(file(), records(), List.of(), null);
        new EmbeddedStore(file()).close();
        MVStore raw = new MVStore.Builder().fileName(file().toString()).readOnly().open();
        try {
            Map<String, Long> meta = raw.openMap("meta");
            assertEquals(Migration.CURRENT_SCHEMA, meta.get(Migration.SCHEMA_VERSION));
            assertFalse(meta.keySet().stream().anyMatch(k -> k.startsWith("migration.")), meta.keySet()::toString);
            assertFalse(raw.hasMap(EntryIndex.LEGACY_CREATION));
            MVMap<String, Object> entries = RawMaps.open(raw, "entries");
            entries.values().forEach(v -> assertInstanceOf(Long.class, v));
            assertEquals(entries.size(), RawMaps.open(raw, "entries.records").size());
        } finally {
            raw.close();
        }
    }

    /** A document the old creation index did not list is kept, as the newest record. */
    @Test
    void movesADocumentTheOldCreationIndexMissedToTheEnd() {
        List<EntryRecord> records = records();
        Schema3File.writeSchema4(file(), records, List.of(), null);
        EntryRecord unlisted = records.get(4);
        MVStore raw = new MVStore.Builder().fileName(file().toString()).open();
        try {
            MVMap<Long, String> byCreation = raw.openMap(EntryIndex.LEGACY_CREATION);
            assertTrue(byCreation.remove(4L) != null);
            raw.commit();
        } finally {
            raw.close();
        }
        try (EmbeddedStore store = new EmbeddedStore(file())) {
            assertEquals(unlisted, store.byEnvelopeDigest(unlisted.tenant(), unlisted.envelopeDigest()).orElseThrow());
            assertEquals(unlisted, store.recent(null, 1).get(0));
            assertEquals(unlisted, store.recent(unlisted.tenant(), 1).get(0));
            assertEquals(records.size(), store.count());
        }
    }
}
