package org.stellaops.attestor.tlog.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.testing.MemoryKeyDriver;

/**
 * A log of 70,000 entries (the tlog-tiles example: tiles at levels 0, 1 and 2) checked file by file against the
 * Merkle Tree Hash computed naively from the submitted bodies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TilesOnDiskTest {

    private static final int SIZE = 70_000;

    private Path dir;

    private final List<byte[]> leaves = new ArrayList<>();
    private final List<byte[]> bodies = new ArrayList<>();

    @BeforeAll
    void appendSeventyThousandEntries(@TempDir Path tempDir) {
        dir = tempDir;
        try (EmbeddedLog log = EmbeddedLog.open(new LogSettings(dir, "tiles.test", "service", 256, 0, ""), MemoryKeyDriver.generate())) {
            LogEntry[] byIndex = new LogEntry[SIZE];
            for (int chunk = 0; chunk < SIZE; chunk += 10_000) {
                List<CompletionStage<LogEntry>> stages = new ArrayList<>();
                for (int i = chunk; i < chunk + 10_000; i++) {
                    stages.add(log.submit(Requests.bulk(i)));
                }
                stages.stream().map(Verify::await).forEach(e -> byIndex[(int) e.logIndex()] = e);
            }
            for (LogEntry e : byIndex) {
                bodies.add(e.canonicalizedBody().value());
                leaves.add(NaiveMerkle.leafHash(e.canonicalizedBody().value()));
            }
            assertEquals(SIZE, log.latestCheckpoint().size());
        }
    }

    @AfterAll
    void release() {
        leaves.clear();
        bodies.clear();
    }

    private byte[] read(String path) throws IOException {
        return Files.readAllBytes(dir.resolve(path));
    }

    private static byte[] slice(byte[] tile, int i) {
        return Arrays.copyOfRange(tile, i * 32, i * 32 + 32);
    }

    @Test
    void levelZeroTilesHoldTheLeafHashesInIndexOrder() throws IOException {
        for (int n = 0; n < 273; n++) {
            byte[] tile = read("tile/0/" + String.format("%03d", n));
            assertEquals(8192, tile.length);
            for (int i = 0; i < 256; i++) {
                assertArrayEquals(leaves.get(n * 256 + i), slice(tile, i));
            }
        }
        byte[] partial = read("tile/0/273.p/112");
        assertEquals(112 * 32, partial.length);
        for (int i = 0; i < 112; i++) {
            assertArrayEquals(leaves.get(273 * 256 + i), slice(partial, i));
        }
    }

    @Test
    void upperTilesHoldTheMerkleTreeHashesOfFullTilesBelow() throws IOException {
        byte[] level1 = read("tile/1/000");
        for (int i = 0; i < 256; i++) {
            assertArrayEquals(NaiveMerkle.mth(leaves, i * 256, (i + 1) * 256), slice(level1, i));
        }
        byte[] level1Partial = read("tile/1/001.p/17");
        for (int i = 0; i < 17; i++) {
            int start = (256 + i) * 256;
            assertArrayEquals(NaiveMerkle.mth(leaves, start, start + 256), slice(level1Partial, i));
        }
        assertArrayEquals(NaiveMerkle.mth(leaves, 0, 65_536), read("tile/2/000.p/1"));
    }

    @Test
    void entryBundlesHoldEntriesThatHashToTheLevelZeroTiles() throws IOException {
        List<byte[]> fromBundles = new ArrayList<>();
        for (int n = 0; n < 273; n++) {
            fromBundles.addAll(parseBundle(read("tile/entries/" + String.format("%03d", n))));
        }
        fromBundles.addAll(parseBundle(read("tile/entries/273.p/112")));
        assertEquals(SIZE, fromBundles.size());
        for (int i = 0; i < SIZE; i++) {
            assertArrayEquals(bodies.get(i), fromBundles.get(i));
        }
    }

    @Test
    void deletesPartialTilesOnceTheFullTileIsWritten() {
        assertFalse(Files.exists(dir.resolve("tile/0/000.p")));
        assertFalse(Files.exists(dir.resolve("tile/entries/272.p")));
        assertFalse(Files.exists(dir.resolve("tile/1/000.p")));
        assertTrue(Files.exists(dir.resolve("tile/0/273.p/112")));
        assertFalse(Files.exists(dir.resolve("tile/0/273")));
        assertFalse(Files.exists(dir.resolve("tile/3")));
    }

    static List<byte[]> parseBundle(byte[] bundle) {
        List<byte[]> entries = new ArrayList<>();
        int at = 0;
        while (at < bundle.length) {
            int length = ((bundle[at] & 0xff) << 8) | (bundle[at + 1] & 0xff);
            entries.add(Arrays.copyOfRange(bundle, at + 2, at + 2 + length));
            at += 2 + length;
        }
        return entries;
    }
}
