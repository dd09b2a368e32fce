package org.stellaops.attestor.sdk.tiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.stellaops.attestor.sdk.merkle.Rfc6962;
import org.stellaops.attestor.sdk.merkle.SubtreeHashes;

/**
 * A straightforward in-memory log for tests: entries, every complete-subtree hash level by level, and a writer of
 * the C2SP tiles and entry bundles a log of a given size publishes. Independent of the reader under test.
 */
final class ReferenceLog {

    private final List<byte[]> entries = new ArrayList<>();
    /** levels.get(h).get(k) = hash of the complete subtree of height h starting at leaf k·2^h. */
    private final List<List<byte[]>> levels = new ArrayList<>();

    ReferenceLog(int size) {
        levels.add(new ArrayList<>());
        for (int i = 0; i < size; i++) {
            byte[] entry = ("entry " + i).getBytes(StandardCharsets.UTF_8);
            entries.add(entry);
            levels.get(0).add(Rfc6962.leafHash(entry));
        }
        for (int h = 0; levels.get(h).size() > 1; h++) {
            List<byte[]> below = levels.get(h);
            List<byte[]> above = new ArrayList<>();
            for (int k = 0; k + 1 < below.size(); k += 2) {
                above.add(Rfc6962.nodeHash(below.get(k), below.get(k + 1)));
            }
            levels.add(above);
        }
    }

    /** Complete-subtree hashes from memory, for ProofBuilder. */
    SubtreeHashes hashes() {
        return (level, index) -> levels.get(level).get((int) index);
    }

    byte[] entry(int index) {
        return entries.get(index).clone();
    }

    /** The hash a tile at level L holds at position i of tile N: the subtree of height 8L with index N·256+i. */
    private byte[] tileHash(int level, long index) {
        return levels.get(8 * level).get((int) index);
    }

    /** Writes every tile and bundle a log publishes at {@code size}: full ones, plus the partial one per level. */
    void writeTiles(Path dir, long size) throws IOException {
        for (int level = 0; 8 * level < 63 && (size >> (8 * level)) > 0; level++) {
            long count = size >> (8 * level);
            for (long n = 0; n * 256 < count; n++) {
                int width = (int) Math.min(256, count - n * 256);
                ByteArrayOutputStream tile = new ByteArrayOutputStream();
                for (int i = 0; i < width; i++) {
                    tile.write(tileHash(level, n * 256 + i));
                }
                write(dir, TilePaths.tile(level, n, width), tile.toByteArray());
            }
        }
        for (long n = 0; n * 256 < size; n++) {
            int width = (int) Math.min(256, size - n * 256);
            ByteArrayOutputStream bundle = new ByteArrayOutputStream();
            for (int i = 0; i < width; i++) {
                byte[] entry = entries.get((int) (n * 256 + i));
                bundle.write(entry.length >> 8);
                bundle.write(entry.length);
                bundle.write(entry);
            }
            write(dir, TilePaths.entries(n, width), bundle.toByteArray());
        }
    }

    static TileSource directory(Path dir) {
        return path -> Files.readAllBytes(dir.resolve(path));
    }

    private static void write(Path dir, String path, byte[] data) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, data);
    }

    static boolean same(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
