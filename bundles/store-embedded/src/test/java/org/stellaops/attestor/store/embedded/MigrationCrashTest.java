package org.stellaops.attestor.store.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stellaops.attestor.store.tck.TckRecords.T0;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.Tenants;
import org.stellaops.attestor.store.TrustedKey;
import org.stellaops.attestor.store.tck.TckRecords;
import org.stellaops.attestor.testing.ChildJvm;

/**
 * The migration survives kill -9 at any batch boundary: a child process migrates a file of an older schema in
 * batches of {@value #BATCH}, is killed after a chosen number of committed batches (once or twice in a row), and
 * the next open finishes the migration with exactly the file an uninterrupted migration writes.
 */
class MigrationCrashTest {

    private static final int BATCH = 7;
    private static final int RECORDS = 30;
    private static final int EVENTS = 12;

    @TempDir
    Path dir;

    /**
     * Schema 2 runs 23 batches: audit tenant index 2, records 5, records the creation index missed 5, keys 1, the
     * fact index 5, then 5 that find no document to move. Schema 1 chains its 12 old events in 2 batches first.
     * Schema 3 runs 15: the fact index 5, documents in creation order 5, then 5 that find no other document. Schema 4
     * runs the last 10 of those.
     *
     * @return schema, then the batches after which each successive run is killed
     */
    static Stream<Arguments> killPoints() {
        return Stream.of(
                Arguments.of(2, List.of(1)), Arguments.of(2, List.of(2)), Arguments.of(2, List.of(4)),
                Arguments.of(2, List.of(7)), Arguments.of(2, List.of(10)), Arguments.of(2, List.of(13)),
                Arguments.of(2, List.of(15)), Arguments.of(2, List.of(18)),
                Arguments.of(2, List.of(4, 3)), Arguments.of(1, List.of(1)), Arguments.of(1, List.of(3, 5)),
                Arguments.of(3, List.of(1)), Arguments.of(3, List.of(3)), Arguments.of(3, List.of(5)),
                Arguments.of(3, List.of(2, 2)), Arguments.of(3, List.of(8)), Arguments.of(3, List.of(12)),
                Arguments.of(2, List.of(21)), Arguments.of(4, List.of(1)), Arguments.of(4, List.of(5)),
                Arguments.of(4, List.of(7)), Arguments.of(4, List.of(3, 4)));
    }

    @ParameterizedTest(name = "schema {0}, killed after batches {1}")
    @MethodSource("killPoints")
    void finishesAMigrationKilledAtABatchBoundaryWithTheFileOfAnUninterruptedOne(int schema, List<Integer> kills)
            throws Exception {
        Path reference = dir.resolve("reference.mv");
        Path killed = dir.resolve("killed.mv");
        List<EntryRecord> records = MigrationTest.records(RECORDS);
        writeLegacy(reference, schema, records);
        writeLegacy(killed, schema, records);
        new EmbeddedStore(reference).close();
        for (int stopAfter : kills) {
            killDuringMigration(killed, stopAfter);
        }
        try (EmbeddedStore store = new EmbeddedStore(killed)) {
            assertEquals(RECORDS, store.count(Tenants.LEGACY));
            assertEquals(EVENTS, MigrationTest.verifiedChain(store).size());
            MigrationTest.assertSearchesWork(store, records);
        }
        assertEquals(dump(reference), dump(killed));
    }

    private static void writeLegacy(Path file, int schema, List<EntryRecord> records) {
        if (schema >= 3) {
            TrustedKey key = TckRecords.key("legacy", T0, Tenants.LEGACY, false);
            if (schema == 3) {
                Schema3File.write(file, records, MigrationTest.events(EVENTS), key);
            } else {
                Schema3File.writeSchema4(file, records, MigrationTest.events(EVENTS), key);
            }
            return;
        }
        LegacyFile legacy = new LegacyFile(file).records(records)
                .key(TckRecords.key("legacy", T0, Tenants.LEGACY, false), 3);
        if (schema == 1) {
            legacy.events(MigrationTest.events(EVENTS));
        } else {
            legacy.schema2(records, MigrationTest.events(EVENTS));
        }
        legacy.close();
    }

    private void killDuringMigration(Path file, int stopAfter) throws Exception {
        ChildJvm child = ChildJvm.start(dir.resolve("child-" + stopAfter + ".err"), List.of("-da:org.h2..."),
                MigrationCrashRun.class, file.toString(), Integer.toString(BATCH), Integer.toString(stopAfter));
        boolean died;
        try {
            String line = child.nextLine();
            assertTrue(line != null && line.startsWith("stopped "),
                    () -> "child output: " + line + "\n" + child.stderr());
        } finally {
            died = child.kill();
        }
        assertTrue(died, "the child died");
    }

    /** Every map of the file with its entries, in key order; JSON values stored as bytes shown as text. */
    private static Map<String, Map<Object, Object>> dump(Path file) {
        MVStore raw = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        try {
            Map<String, Map<Object, Object>> maps = new LinkedHashMap<>();
            for (String name : raw.getMapNames().stream().sorted().toList()) {
                MVMap<Object, Object> map = RawMaps.open(raw, name);
                Map<Object, Object> entries = new LinkedHashMap<>();
                map.forEach((key, value) -> entries.put(key,
                        value instanceof byte[] ? StoredJson.decode(value) : value));
                maps.put(name, entries);
            }
            return maps;
        } finally {
            raw.close();
        }
    }
}
