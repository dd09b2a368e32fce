package org.stellaops.attestor.store.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stellaops.attestor.store.tck.TckRecords.T0;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.cas.StorageException;
import org.stellaops.attestor.store.AuditChain;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.ChainedAuditEvent;
import org.stellaops.attestor.store.EntryQuery;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.RecordJson;
import org.stellaops.attestor.store.Tenants;
import org.stellaops.attestor.store.TrustedKey;
import org.stellaops.attestor.store.tck.SearchOracle;
import org.stellaops.attestor.store.tck.TckRecords;

/**
 * Opening a file of schema 1 (no search indexes, unchained audit trail, no tenants) upgrades it once; its records
 * and keys become tenant {@link Tenants#LEGACY}'s, its events operator events.
 */
class MigrationTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("attestor.mv");
    }

    static List<EntryRecord> records(int n) {
        List<EntryRecord> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TckRecords.RecordBuilder b = TckRecords.record("legacy-" + i).tenant(Tenants.LEGACY)
                    .at(T0.plusSeconds(i / 3))
                    .predicate(i % 2 == 0 ? TckRecords.SLSA : TckRecords.VEX).subjects("app-" + (i % 7), "base")
                    .signers(i % 3 == 0 ? "a" : "b")
                    .facts(Map.of("scan.index", i % 5, "scan.tags", List.of("t" + i % 3, "all"),
                            "scan.clean", i % 2 == 0));
            records.add(i % 4 == 0 ? b.pending() : b.logged());
        }
        return records;
    }

    static List<AuditEvent> events(int n) {
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(TckRecords.event(T0.plusMillis(i), i % 2 == 0 ? "alice" : "bob", "entry.submit", "t" + i,
                    "success", Tenants.OPERATOR));
        }
        return events;
    }

    static List<ChainedAuditEvent> verifiedChain(EmbeddedStore store) {
        List<ChainedAuditEvent> chain = store.chain(1, Integer.MAX_VALUE);
        ChainedAuditEvent previous = null;
        for (ChainedAuditEvent e : chain) {
            assertEquals(Optional.empty(), AuditChain.check(previous, e));
            previous = e;
        }
        return chain;
    }

    static void assertSearchesWork(EmbeddedStore store, List<EntryRecord> records) {
        String tenant = Tenants.LEGACY;
        List<EntryQuery> queries = List.of(EntryQuery.all(tenant, 50),
                new EntryQuery(tenant, TckRecords.subject("app-3"), null, null, null, null, 50, null),
                new EntryQuery(tenant, TckRecords.subject("base"), TckRecords.VEX, TckRecords.keyId("b"), null, null,
                        50, null),
                new EntryQuery(tenant, null, null, TckRecords.keyId("a"), T0.plusSeconds(2), T0.plusSeconds(9), 50,
                        null),
                EntryQuery.all(tenant, 50).withFacts(Map.of("scan.index", "3")),
                new EntryQuery(tenant, null, TckRecords.VEX, null, null, null,
                        Map.of("scan.tags", "t1", "scan.clean", "false"), 50, null));
        for (EntryQuery q : queries) {
            List<EntryRecord> expected = SearchOracle.search(records, q).stream().limit(50).toList();
            assertFalse(expected.isEmpty(), q.toString());
            assertEquals(expected, store.search(q).records(), q.toString());
        }
    }

    @Test
    void buildsTheSearchIndexesOfRecordsWrittenBeforeThem() {
        List<EntryRecord> records = records(40);
        new LegacyFile(file()).records(records).close();
        try (EmbeddedStore store = new EmbeddedStore(file())) {
            assertSearchesWork(store, records);
            assertEquals(records.stream().filter(EntryRecord::pending).sorted(
                    java.util.Comparator.comparing(EntryRecord::createdAt)
                            .thenComparing(EntryRecord::envelopeDigest)).toList(), store.pending(100));
            assertEquals(records.get(5), store.byUuid(Tenants.LEGACY, records.get(5).signatures().get(0).uuid()).orElseThrow());
        }
    }

    @Test
    void chainsTheLegacyAuditEventsInTheirOrder() {
        List<AuditEvent> events = events(12);
        new LegacyFile(file()).events(events).close();
        try (EmbeddedStore store = new EmbeddedStore(file())) {
            List<ChainedAuditEvent> chain = verifiedChain(store);
            assertEquals(events, chain.stream().map(ChainedAuditEvent::event).toList());
            assertEquals(12, store.eventCount());
            ChainedAuditEvent next = store.append(TckRecords.event(99));
            assertEquals(13, next.seq());
            assertEquals(chain.get(11).hash(), next.previousHash());
        }
    }

    @Test
    void keepsTrustKeysAndTheirVersion() {
        TrustedKey key = TckRecords.key("legacy", T0, Tenants.LEGACY, false);
        new LegacyFile(file()).key(key, 7).close();
        try (EmbeddedStore store = new EmbeddedStore(file())) {
            assertEquals(key, store.get(Tenants.LEGACY, key.keyId()).orElseThrow());
            assertEquals(7, store.version());
        }
    }

    @Test
    void recordsTheSchemaVersionAndDropsTheOldAuditMap() {
        new LegacyFile(file()).records(records(3)).events(events(3)).close();
        new EmbeddedStore(file()).close();
        MVStore raw = new MVStore.Builder().fileName(file().toString()).readOnly().open();
        try {
            assertEquals(Migration.CURRENT_SCHEMA, raw.<String, Long>openMap("meta").get(Migration.SCHEMA_VERSION));
            assertFalse(raw.hasMap(Migration.LEGACY_AUDIT));
            assertTrue(raw.hasMap("search.subject"));
        } finally {
            raw.close();
        }
    }

    @Test
    void migratesOnlyOnce() {
        new LegacyFile(file()).events(events(5)).close();
        List<ChainedAuditEvent> first;
        try (EmbeddedStore store = new EmbeddedStore(file())) {
            first = store.chain(1, 100);
        }
        try (EmbeddedStore store = new EmbeddedStore(file())) {
            assertEquals(first, store.chain(1, 100));
            assertEquals(5, store.eventCount());
        }
    }

    @Test
    void migratesFilesLargerThanOneBatch() {
        List<EntryRecord> records = records(5_003);
        List<AuditEvent> events = events(5_010);
        new LegacyFile(file()).records(records).events(events).close();
        try (EmbeddedStore store = new EmbeddedStore(file())) {
            assertEquals(5_003, store.count());
            assertSearchesWork(store, records);
            List<ChainedAuditEvent> chain = verifiedChain(store);
            assertEquals(events, chain.stream().map(ChainedAuditEvent::event).toList());
        }
    }

    @Test
    void resumesAnInterruptedAuditMigrationWithoutRepeatingEvents() {
        List<AuditEvent> events = events(5);
        LegacyFile legacy = new LegacyFile(file()).events(events);
        // as if the store crashed after committing the first two chained events of the migration
        MVMap<Long, String> chain = legacy.raw().openMap(AuditTrail.MAP);
        RecordJson json = new RecordJson();
        ChainedAuditEvent one = AuditChain.link(null, events.get(0));
        ChainedAuditEvent two = AuditChain.link(one, events.get(1));
        chain.put(1L, json.write(one));
        chain.put(2L, json.write(two));
        legacy.close();
        try (EmbeddedStore store = new EmbeddedStore(file())) {
            assertEquals(events, verifiedChain(store).stream().map(ChainedAuditEvent::event).toList());
        }
    }

    @Test
    void refusesAFileOfANewerLayoutAndLeavesItUnlocked() {
        LegacyFile newer = new LegacyFile(file());
        newer.raw().<String, Long>openMap("meta").put(Migration.SCHEMA_VERSION, Migration.CURRENT_SCHEMA + 1);
        newer.close();
        StorageException e = assertThrows(StorageException.class, () -> new EmbeddedStore(file()));
        assertEquals(StorageException.FAILURE, e.code());
        new LegacyFile(file()).close();
    }

    @Test
    void writesTheCurrentSchemaVersionIntoANewFile() {
        new EmbeddedStore(file()).close();
        MVStore raw = new MVStore.Builder().fileName(file().toString()).readOnly().open();
        try {
            assertEquals(Migration.CURRENT_SCHEMA, raw.<String, Long>openMap("meta").get(Migration.SCHEMA_VERSION));
        } finally {
            raw.close();
        }
    }

    @Test
    void aNewFileFrontCodesItsIndexPagesButNotTheLayoutVersion() {
        try (EmbeddedStore store = new EmbeddedStore(file())) {
            records(12).forEach(store::putIfAbsent);
        }
        MVStore raw = new MVStore.Builder().fileName(file().toString()).readOnly().open();
        try {
            // what a version before schema 6 reads first: it finds a layout it does not know and refuses the file
            assertEquals(Migration.CURRENT_SCHEMA, raw.<String, Long>openMap("meta").get(Migration.SCHEMA_VERSION));
            assertThrows(MVStoreException.class, () -> raw.openMap("search.subject").firstKey());
            assertEquals(12, RawMaps.open(raw, "entries").size());
        } finally {
            raw.close();
        }
    }

    @Test
    void aSchema5FileReadsWhileItsNewPagesAreFrontCoded() {
        List<EntryRecord> records = records(12);
        try (EmbeddedStore store = new EmbeddedStore(file())) {
            records.subList(0, 6).forEach(store::putIfAbsent);
            store.appendAll(events(3));
        }
        RawMaps.rewriteItemByItem(file());
        MVStore raw = new MVStore.Builder().fileName(file().toString()).open();
        raw.<String, Long>openMap("meta").put(Migration.SCHEMA_VERSION, Migration.DOCUMENT_SCHEMA);
        raw.close();
        try (EmbeddedStore store = new EmbeddedStore(file())) {
            records.subList(6, 12).forEach(store::putIfAbsent);
        }
        try (EmbeddedStore store = new EmbeddedStore(file())) {
            for (EntryRecord r : records) {
                assertEquals(r, store.byEnvelopeDigest(r.tenant(), r.envelopeDigest()).orElseThrow());
            }
            EntryQuery base = new EntryQuery(Tenants.LEGACY, TckRecords.subject("base"), null, null, null, null, 100,
                    null);
            assertEquals(SearchOracle.search(records, base), store.search(base).records());
            assertEquals(3, store.eventCount());
        }
        MVStore upgraded = new MVStore.Builder().fileName(file().toString()).readOnly().open();
        try {
            assertEquals(Migration.CURRENT_SCHEMA,
                    upgraded.<String, Long>openMap("meta").get(Migration.SCHEMA_VERSION));
            assertThrows(MVStoreException.class, () -> upgraded.openMap("search.subject").firstKey());
        } finally {
            upgraded.close();
        }
    }
}
