package org.stellaops.attestor.store.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.store.EntryQuery;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.tck.SearchOracle;
import org.stellaops.attestor.store.tck.TckRecords;

/**
 * Opening a file of schema 3 (written before facts were searchable) builds the fact index of every record once, so
 * old records are found by fact like new ones, and then moves on to the current version.
 */
class FactIndexMigrationTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("attestor.mv");
    }

    static List<EntryRecord> records() {
        List<EntryRecord> records = new ArrayList<>(MigrationTest.records(20));
        for (int i = 0; i < 6; i++) {
            records.add(TckRecords.record("other-tenant-" + i).tenant("tenant-b").facts(Map.of("scan.index", 3))
                    .logged());
        }
        return records;
    }

    @Test
    void findsRecordsOfASchema3FileByTheirFacts() {
        List<EntryRecord> records = records();
        Schema3File.write(file(), records, MigrationTest.events(4), null);
        try (EmbeddedStore store = new EmbeddedStore(file())) {
            MigrationTest.assertSearchesWork(store, records);
            EntryQuery ofB = EntryQuery.all("tenant-b", 50).withFacts(Map.of("scan.index", "3"));
            assertEquals(SearchOracle.search(records, ofB), store.search(ofB).records());
            assertEquals(6, store.search(ofB).records().size());
        }
    }

    @Test
    void upgradesToTheCurrentVersionAndLeavesNoProgressBehind() {
        Schema3File.write(file(), records(), List.of(), null);
        new EmbeddedStore(file()).close();
        MVStore raw = new MVStore.Builder().fileName(file().toString()).readOnly().open();
        try {
            Map<String, Long> meta = raw.openMap("meta");
            assertEquals(Migration.CURRENT_SCHEMA, meta.get(Migration.SCHEMA_VERSION));
            assertNull(meta.get(Migration.FACTS_PROGRESS));
            assertTrue(raw.hasMap("search.fact"));
            // 20 records with three facts (an index, two tags, a boolean: four terms), 6 with one term
            assertEquals(20 * 4 + 6, RawMaps.open(raw, "search.fact").size());
        } finally {
            raw.close();
        }
    }

    @Test
    void indexesTheFactsOfFilesLargerThanOneBatch() {
        List<EntryRecord> records = MigrationTest.records(5_003);
        Schema3File.write(file(), records, List.of(), null);
        try (EmbeddedStore store = new EmbeddedStore(file())) {
            MigrationTest.assertSearchesWork(store, records);
        }
    }

    @Test
    void keepsTheOtherIndexesAndTheAuditChainAsTheyWere() {
        List<EntryRecord> records = records();
        Schema3File.write(file(), records, MigrationTest.events(9), null);
        try (EmbeddedStore store = new EmbeddedStore(file())) {
            assertEquals(9, MigrationTest.verifiedChain(store).size());
            assertEquals(records.get(3), store.byUuid(records.get(3).tenant(), records.get(3).uuid()).orElseThrow());
            assertFalse(store.search(EntryQuery.all("tenant-b", 10)).records().isEmpty());
        }
    }
}
