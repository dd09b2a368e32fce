package org.stellaops.attestor.store.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stellaops.attestor.store.tck.TckRecords.T0;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.store.AuditQuery;
import org.stellaops.attestor.store.ChainedAuditEvent;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.Tenants;
import org.stellaops.attestor.store.TrustedKey;
import org.stellaops.attestor.store.tck.TckRecords;

/**
 * Opening a file of schema 2 (written before tenants existed) migrates it once to schema 3: records and keys move
 * to tenant {@link Tenants#LEGACY} under tenant-prefixed keys with every index rebuilt, old audit events stay as
 * they are and read as operator events.
 */
class TenantMigrationTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("attestor.mv");
    }

    /** A schema-2 file: 30 records, one key (version 4), 12 chained events; returns the chain as written. */
    private List<ChainedAuditEvent> writeSchema2(List<EntryRecord> records) {
        LegacyFile legacy = new LegacyFile(file()).records(records)
                .key(TckRecords.key("legacy", T0, Tenants.LEGACY, false), 4);
        List<ChainedAuditEvent> chain = legacy.schema2(records, MigrationTest.events(12));
        legacy.close();
        return chain;
    }

    @Test
    void movesEveryRecordToTheDefaultTenant() {
        List<EntryRecord> records = MigrationTest.records(30);
        writeSchema2(records);
        try (EmbeddedStore store = new EmbeddedStore(file())) {
            for (EntryRecord r : records) {
                assertEquals(r, store.byEnvelopeDigest(Tenants.LEGACY, r.envelopeDigest()).orElseThrow());
                assertTrue(store.byEnvelopeDigest(TckRecords.TENANT, r.envelopeDigest()).isEmpty());
            }
            assertEquals(30, store.count(Tenants.LEGACY));
            assertEquals(30, store.count());
        }
    }

    @Test
    void findsMigratedRecordsByEveryUuidInTheDefaultTenant() {
        List<EntryRecord> records = MigrationTest.records(30);
        writeSchema2(records);
        try (EmbeddedStore store = new EmbeddedStore(file())) {
            for (EntryRecord r : records) {
                for (String uuid : r.lookupUuids()) {
                    assertEquals(r, store.byUuid(Tenants.LEGACY, uuid).orElseThrow());
                    assertTrue(store.byUuid(TckRecords.TENANT, uuid).isEmpty());
                }
            }
        }
    }

    @Test
    void searchesMigratedRecordsThroughRebuiltIndexes() {
        List<EntryRecord> records = MigrationTest.records(30);
        writeSchema2(records);
        try (EmbeddedStore store = new EmbeddedStore(file())) {
            MigrationTest.assertSearchesWork(store, records);
        }
    }

    @Test
    void keepsTheCreationOrderOfMigratedRecords() {
        List<EntryRecord> records = MigrationTest.records(30);
        writeSchema2(records);
        List<EntryRecord> newestFirst = new ArrayList<>(records);
        Collections.reverse(newestFirst);
        try (EmbeddedStore store = new EmbeddedStore(file())) {
            assertEquals(newestFirst, store.recent(Tenants.LEGACY, 100));
            EntryRecord fresh = TckRecords.logged("after-migration");
            store.putIfAbsent(fresh);
            assertEquals(fresh, store.recent(null, 1).get(0));
            assertEquals(newestFirst, store.recent(Tenants.LEGACY, 100));
        }
    }

    @Test
    void keepsMigratedPendingRecordsInTheOutbox() {
        List<EntryRecord> records = MigrationTest.records(30);
        writeSchema2(records);
        try (EmbeddedStore store = new EmbeddedStore(file())) {
            assertEquals(records.stream().filter(EntryRecord::pending)
                    .sorted(Comparator.comparing(EntryRecord::createdAt).thenComparing(EntryRecord::envelopeDigest))
                    .toList(), store.pending(100));
        }
    }

    @Test
    void migratesARecordTheOldCreationIndexMissed() {
        List<EntryRecord> records = MigrationTest.records(5);
        EntryRecord unlisted = TckRecords.record("unlisted").tenant(Tenants.LEGACY).logged();
        LegacyFile legacy = new LegacyFile(file()).records(records).unlisted(unlisted);
        legacy.schema2(List.of(), List.of());
        legacy.close();
        try (EmbeddedStore store = new EmbeddedStore(file())) {
            assertEquals(unlisted, store.byEnvelopeDigest(Tenants.LEGACY, unlisted.envelopeDigest()).orElseThrow());
            assertEquals(unlisted, store.recent(Tenants.LEGACY, 1).get(0));
            assertEquals(6, store.count(Tenants.LEGACY));
        }
    }

    @Test
    void movesTrustedKeysToTheDefaultTenantAndKeepsTheVersion() {
        writeSchema2(List.of());
        TrustedKey key = TckRecords.key("legacy", T0, Tenants.LEGACY, false);
        try (EmbeddedStore store = new EmbeddedStore(file())) {
            assertEquals(key, store.get(Tenants.LEGACY, key.keyId()).orElseThrow());
            assertEquals(List.of(key), store.all(Tenants.LEGACY));
            assertTrue(store.get(TckRecords.TENANT, key.keyId()).isEmpty());
            assertEquals(4, store.version());
        }
    }

    @Test
    void keepsOldAuditEventsWithTheirHashesAsOperatorEvents() {
        List<ChainedAuditEvent> written = writeSchema2(List.of());
        try (EmbeddedStore store = new EmbeddedStore(file())) {
            assertEquals(written, MigrationTest.verifiedChain(store));
            List<ChainedAuditEvent> newestFirst = new ArrayList<>(written);
            Collections.reverse(newestFirst);
            assertEquals(newestFirst, store.events(AuditQuery.newest(Tenants.OPERATOR, 100)).events());
            assertEquals(List.of(), store.events(AuditQuery.newest(Tenants.LEGACY, 100)).events());
            ChainedAuditEvent next = store.append(TckRecords.event(99));
            assertEquals(written.get(11).hash(), next.previousHash());
            assertEquals(List.of(next), store.events(AuditQuery.newest(TckRecords.TENANT, 100)).events());
        }
    }

    @Test
    void leavesNoKeyOfTheOldLayoutAndNoMigrationStateBehind() {
        writeSchema2(MigrationTest.records(12));
        new EmbeddedStore(file()).close();
        MVStore raw = new MVStore.Builder().fileName(file().toString()).readOnly().open();
        try {
            for (String name : List.of("entries", "entries.byUuid", "entries.pending", "search.time",
                    "search.subject", "trust.keys")) {
                MVMap<String, String> map = RawMaps.open(raw, name);
                assertFalse(map.isEmpty(), name);
                assertTrue(map.keySet().stream().allMatch(k -> k.startsWith(Tenants.LEGACY + "\0")
                        || k.contains("|" + Tenants.LEGACY + "\0")), name);
            }
            assertTrue(raw.getMapNames().stream().noneMatch(n -> n.startsWith(Migration.TARGET)));
            MVMap<String, Long> meta = raw.openMap("meta");
            assertEquals(Migration.CURRENT_SCHEMA, meta.get(Migration.SCHEMA_VERSION));
            assertTrue(meta.keySet().stream().noneMatch(k -> k.startsWith("migration.")), meta.keySet().toString());
            assertFalse(meta.containsKey("entries.pending.built"));
        } finally {
            raw.close();
        }
    }

    @Test
    void namesTheDefaultTenantInTheJsonOfMigratedRecordsAndKeys() {
        EntryRecord record = MigrationTest.records(1).get(0);
        writeSchema2(List.of(record));
        new EmbeddedStore(file()).close();
        MVStore raw = new MVStore.Builder().fileName(file().toString()).readOnly().open();
        try {
            Long sequence = RawMaps.<String, Long>open(raw, "entries").get(Tenants.LEGACY + "\0" + record.envelopeDigest());
            String stored = StoredJson.decode(RawMaps.<Long, Object>open(raw, "entries.records").get(sequence));
            assertTrue(stored.contains("\"tenant\":\"default\""), stored);
            String key = RawMaps.<String, String>open(raw, "trust.keys").values().iterator().next();
            assertTrue(key.contains("\"tenant\":\"default\""), key);
        } finally {
            raw.close();
        }
    }

    @Test
    void migratesInBatchesToTheSameResultAsInOne() {
        List<EntryRecord> records = MigrationTest.records(30);
        List<ChainedAuditEvent> chain = writeSchema2(records);
        List<String> steps = new ArrayList<>();
        try (EmbeddedStore store = new EmbeddedStore(file(), 4, Clock.systemUTC(), 7,
                (step, done) -> steps.add(step + " " + done))) {
            assertEquals(List.of("audit.tenants 7", "audit.tenants 12", "records 7", "records 14", "records 21",
                    "records 28", "records 30", "unlisted 7", "unlisted 14", "unlisted 21", "unlisted 28",
                    "unlisted 30", "keys 1", "facts 7", "facts 14", "facts 21", "facts 28", "facts 30",
                    // the documents are in the current layout already: this pass finds none to move
                    "documents.unlisted 7", "documents.unlisted 14", "documents.unlisted 21",
                    "documents.unlisted 28", "documents.unlisted 30"), steps);
            assertEquals(chain, MigrationTest.verifiedChain(store));
            assertEquals(30, store.count(Tenants.LEGACY));
            MigrationTest.assertSearchesWork(store, records);
        }
    }
}
