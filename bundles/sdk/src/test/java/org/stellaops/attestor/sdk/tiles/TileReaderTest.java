package org.stellaops.attestor.sdk.tiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.merkle.ConsistencyProofs;
import org.stellaops.attestor.sdk.merkle.InclusionProofs;
import org.stellaops.attestor.sdk.merkle.ProofBuilder;
import org.stellaops.attestor.sdk.merkle.Rfc6962;

class TileReaderTest {

    private static final int MAX_SIZE = 70_000;
    private static final ReferenceLog LOG = new ReferenceLog(MAX_SIZE);
    private static final Map<Long, Path> WRITTEN = new HashMap<>();

    @TempDir
    static Path root;

    static LongStream sizes() {
        Random random = new Random(20260401L);
        LongStream fixed = LongStream.of(1, 2, 3, 255, 256, 257, 511, 512, 65535, 65536, 65537);
        return LongStream.concat(fixed, random.longs(6, 1, MAX_SIZE + 1));
    }

    private static synchronized Path tiles(long size) throws IOException {
        Path dir = WRITTEN.get(size);
        if (dir == null) {
            dir = root.resolve("size-" + size);
            LOG.writeTiles(dir, size);
            WRITTEN.put(size, dir);
        }
        return dir;
    }

    private static TileReader reader(long size) throws IOException {
        return new TileReader(ReferenceLog.directory(tiles(size)));
    }

    private static List<Long> sampleIndices(long size) {
        TreeSet<Long> picks = new TreeSet<>(List.of(0L, size - 1, size / 2, Math.min(size - 1, 255L),
                Math.min(size - 1, 256L)));
        Random random = new Random(size);
        for (int i = 0; i < 6; i++) {
            picks.add((long) random.nextInt((int) size));
        }
        return new ArrayList<>(picks);
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void rootEqualsTheReferenceRoot(long size) throws IOException {
        assertArrayEquals(ProofBuilder.root(size, LOG.hashes()), reader(size).root(size));
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void inclusionProofsVerifyAgainstTheReferenceRoot(long size) throws IOException {
        byte[] expectedRoot = ProofBuilder.root(size, LOG.hashes());
        TileReader reader = reader(size);
        for (long index : sampleIndices(size)) {
            List<byte[]> proof = reader.inclusionProof(index, size);
            byte[] leaf = Rfc6962.leafHash(LOG.entry((int) index));
            assertDoesNotThrow(() -> InclusionProofs.verify(index, size, leaf, proof, expectedRoot),
                    "index " + index + " of " + size);
            assertTrue(ReferenceLog.same(ProofBuilder.inclusion(index, size, LOG.hashes()), proof));
        }
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void consistencyProofsFromEarlierSizesVerify(long size) throws IOException {
        byte[] root2 = ProofBuilder.root(size, LOG.hashes());
        TileReader reader = reader(size);
        for (long index : sampleIndices(size)) {
            long size1 = index + 1;
            List<byte[]> proof = reader.consistencyProof(size1, size);
            byte[] root1 = ProofBuilder.root(size1, LOG.hashes());
            assertDoesNotThrow(() -> ConsistencyProofs.verify(size1, size, root1, root2, proof),
                    size1 + " -> " + size);
        }
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void entriesComeFromTheEntryBundles(long size) throws IOException {
        TileReader reader = reader(size);
        for (long index : sampleIndices(size)) {
            assertArrayEquals(LOG.entry((int) index), reader.entry(index, size));
        }
    }

    @Test
    void readsAnOlderSizeFromTheTilesOfALogThatHasGrownSince() throws IOException {
        Path dir = root.resolve("grown");
        LOG.writeTiles(dir, 300);
        LOG.writeTiles(dir, 70_000);
        TileReader reader = new TileReader(ReferenceLog.directory(dir));
        assertArrayEquals(ProofBuilder.root(300, LOG.hashes()), reader.root(300));
        assertArrayEquals(ProofBuilder.root(70_000, LOG.hashes()), reader.root(70_000));
    }

    @Test
    void fetchesOnlyTheTilesTheSizeJustifies() throws IOException {
        Path dir = tiles(65537);
        List<String> paths = new ArrayList<>();
        TileReader reader = new TileReader(path -> {
            paths.add(path);
            return Files.readAllBytes(dir.resolve(path));
        });
        reader.root(65537);
        reader.inclusionProof(65536, 65537);
        assertEquals(List.of("tile/2/000.p/1", "tile/0/256.p/1", "tile/2/000.p/1"), paths);
    }

    @Test
    void rootOfAVeryLargeTreeReadsPartialTilesAtHighLevelsAndLongIndices() {
        List<String> paths = new ArrayList<>();
        TileReader reader = new TileReader(path -> {
            paths.add(path);
            return virtualTile(path);
        });
        long size = (1L << 32) + 256 + 1;
        byte[] a = virtualTile("tile/4/000.p/1");
        byte[] b = virtualTile("tile/1/x065/536.p/1");
        byte[] c = virtualTile("tile/0/x016/x777/217.p/1");
        assertArrayEquals(Rfc6962.nodeHash(a, Rfc6962.nodeHash(b, c)), reader.root(size));
        assertEquals(List.of("tile/4/000.p/1", "tile/1/x065/536.p/1", "tile/0/x016/x777/217.p/1"), paths);
    }

    @Test
    void subtreeBetweenTileLevelsIsHashedUpFromTheTileBelow() {
        TileReader reader = new TileReader(TileReaderTest::virtualTile);
        byte[] tile = virtualTile("tile/4/000.p/8");
        List<byte[]> row = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            row.add(java.util.Arrays.copyOfRange(tile, 32 * i, 32 * i + 32));
        }
        while (row.size() > 1) {
            List<byte[]> up = new ArrayList<>();
            for (int i = 0; i < row.size(); i += 2) {
                up.add(Rfc6962.nodeHash(row.get(i), row.get(i + 1)));
            }
            row = up;
        }
        assertArrayEquals(row.get(0), reader.root(1L << 35));
    }

    /** Deterministic stand-in content of the right length for any tile path (no tree behind it). */
    private static byte[] virtualTile(String path) {
        int slash = path.lastIndexOf(".p/");
        int width = slash < 0 ? 256 : Integer.parseInt(path.substring(slash + 3));
        byte[] out = new byte[32 * width];
        for (int i = 0; i < width; i++) {
            byte[] h = Rfc6962.leafHash((path + "#" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            System.arraycopy(h, 0, out, 32 * i, 32);
        }
        return out;
    }

    @Test
    void fetchesEachTileOnceWithinACall() throws IOException {
        Path dir = tiles(65535);
        List<String> paths = new ArrayList<>();
        TileReader reader = new TileReader(path -> {
            paths.add(path);
            return Files.readAllBytes(dir.resolve(path));
        });
        reader.consistencyProof(1000, 65535);
        assertEquals(paths.size(), new TreeSet<>(paths).size(), paths.toString());
    }

    @Test
    void emptyTreeHasTheEmptyRootWithoutFetchingAnything() {
        TileReader reader = new TileReader(path -> {
            throw new IOException("no fetch expected: " + path);
        });
        assertArrayEquals(Rfc6962.emptyRoot(), reader.root(0));
    }

    @Test
    void consistencyFromSizeZeroIsEmpty() throws IOException {
        assertTrue(reader(257).consistencyProof(0, 257).isEmpty());
    }

    @Test
    void missingTileIsUnavailable() {
        TileReader reader = new TileReader(path -> {
            throw new NoSuchFileException(path);
        });
        assertCode("tiles.unavailable", () -> reader.root(5));
    }

    @Test
    void missingEntryBundleIsUnavailable() throws IOException {
        Path dir = root.resolve("no-bundles");
        LOG.writeTiles(dir, 10);
        Files.delete(dir.resolve(TilePaths.entries(0, 10)));
        TileReader reader = new TileReader(ReferenceLog.directory(dir));
        assertCode("tiles.unavailable", () -> reader.entry(3, 10));
    }

    @Test
    void tileOfTheWrongLengthIsMalformed() throws IOException {
        Path dir = tiles(257);
        TileReader reader = new TileReader(path -> {
            byte[] data = Files.readAllBytes(dir.resolve(path));
            return path.equals("tile/0/000") ? java.util.Arrays.copyOf(data, data.length - 32) : data;
        });
        assertCode("tiles.malformed", () -> reader.inclusionProof(3, 257));
    }

    @Test
    void partialTileWithAnExtraHashIsMalformed() throws IOException {
        Path dir = tiles(257);
        TileReader reader = new TileReader(path -> {
            byte[] data = Files.readAllBytes(dir.resolve(path));
            return path.endsWith(".p/1") ? java.util.Arrays.copyOf(data, data.length + 32) : data;
        });
        assertCode("tiles.malformed", () -> reader.root(257));
    }

    @Test
    void entryBundleWithTrailingBytesIsMalformed() throws IOException {
        Path dir = tiles(10);
        TileReader reader = new TileReader(path -> java.util.Arrays.copyOf(Files.readAllBytes(dir.resolve(path)),
                (int) Files.size(dir.resolve(path)) + 1));
        assertCode("tiles.malformed", () -> reader.entry(0, 10));
    }

    @Test
    void entryBundleWithFewerEntriesThanTheSizeImpliesIsMalformed() throws IOException {
        Path dir = tiles(10);
        TileReader reader = new TileReader(path -> Files.readAllBytes(dir.resolve(path.replace(".p/11", ".p/10"))));
        assertCode("tiles.malformed", () -> reader.entry(0, 11));
    }

    @Test
    void entryBundleCutInsideAnEntryIsMalformed() throws IOException {
        Path dir = tiles(10);
        TileReader reader = new TileReader(path -> {
            byte[] data = Files.readAllBytes(dir.resolve(path));
            return java.util.Arrays.copyOf(data, data.length - 1);
        });
        assertCode("tiles.malformed", () -> reader.entry(9, 10));
    }

    @Test
    void sourceReturningNothingIsUnavailable() {
        TileReader reader = new TileReader(path -> null);
        assertCode("tiles.unavailable", () -> reader.root(1));
    }

    @Test
    void indexOutsideTheTreeIsAnArgumentError() throws IOException {
        TileReader reader = reader(2);
        assertThrows(IllegalArgumentException.class, () -> reader.inclusionProof(2, 2));
        assertThrows(IllegalArgumentException.class, () -> reader.entry(-1, 2));
        assertThrows(IllegalArgumentException.class, () -> reader.consistencyProof(3, 2));
    }

    private static void assertCode(String code, Executable call) {
        assertEquals(code, assertThrows(AttestorException.class, call).code());
    }
}
