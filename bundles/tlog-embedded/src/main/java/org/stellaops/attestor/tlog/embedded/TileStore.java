package org.stellaops.attestor.tlog.embedded;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.stellaops.attestor.tlog.embedded.tiles.TileLayout;
import org.stellaops.attestor.tlog.embedded.tiles.TileRef;

/**
 * The tlog-tiles files of one log under its directory: hash tiles and entry bundles, read and written by
 * {@link TileRef}. Files are written once and never modified; only recovery deletes what no checkpoint covers.
 */
final class TileStore {

    private final Path root;

    TileStore(Path root) {
        this.root = root;
    }

    Path path(TileRef ref) {
        return root.resolve(ref.path());
    }

    /**
     * @param ref the resource
     * @return its bytes, or null if it is not on disk
     * @throws IOException on a read failure
     */
    byte[] read(TileRef ref) throws IOException {
        return DurableFiles.readIfExists(path(ref));
    }

    /**
     * Writes tiles in place without forcing them. Tile names are written once: a name beyond the published
     * checkpoint is not served and is deleted by recovery, so a torn write is never seen.
     *
     * @param tiles resource to content, in write order
     * @param toForce receives the files and directories to force before the tiles are published
     * @throws IOException on failure
     */
    void writeUnforced(Map<TileRef, byte[]> tiles, Set<Path> toForce) throws IOException {
        for (Map.Entry<TileRef, byte[]> e : tiles.entrySet()) {
            DurableFiles.writeUnforced(path(e.getKey()), e.getValue(), toForce);
        }
    }

    /**
     * Deletes the partial versions of a tile that is now full (tlog-tiles allows it once the full tile is served).
     *
     * @param fullTile the full tile
     * @throws IOException on failure
     */
    void deletePartials(TileRef fullTile) throws IOException {
        DurableFiles.deleteTree(root.resolve(fullTile.partialDirectory()));
    }

    /**
     * Deletes every tile and bundle that a tree of {@code treeSize} leaves does not cover: the leftovers of a batch
     * that was written but never published, and partial tiles of tiles already full.
     * A lost batch always starts at the tile that is partial (or next) at {@code treeSize} and writes tiles in
     * ascending order, so probing upward from there until nothing is found visits all of them.
     *
     * @param treeSize the published size
     * @throws IOException on failure
     */
    void truncateBeyond(long treeSize) throws IOException {
        truncateLevel(TileRef.ENTRIES, treeSize);
        for (int level = 0; level <= TileLayout.MAX_LEVEL && Files.isDirectory(root.resolve("tile/" + level)); level++) {
            truncateLevel(level, treeSize);
        }
    }

    private void truncateLevel(int level, long treeSize) throws IOException {
        int sizeLevel = level == TileRef.ENTRIES ? 0 : level;
        long full = TileLayout.fullTiles(treeSize, sizeLevel);
        int width = TileLayout.partialWidth(treeSize, sizeLevel);
        for (long n = full - 1; n >= 0 && Files.exists(partialDir(level, n)); n--) {
            DurableFiles.deleteTree(partialDir(level, n));
        }
        for (long n = full; hasAnything(level, n); n++) {
            Files.deleteIfExists(root.resolve(TileRef.full(level, n).path()));
            deletePartialsWiderThan(partialDir(level, n), n == full ? width : 0);
        }
    }

    private boolean hasAnything(int level, long n) {
        return Files.exists(root.resolve(TileRef.full(level, n).path())) || Files.exists(partialDir(level, n));
    }

    private void deletePartialsWiderThan(Path dir, int keepWidth) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        if (keepWidth == 0) {
            DurableFiles.deleteTree(dir);
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (!name.matches("[1-9][0-9]{0,2}") || Integer.parseInt(name) > keepWidth) {
                    DurableFiles.deleteTree(f);
                }
            }
        }
    }

    private Path partialDir(int level, long n) {
        return root.resolve(TileRef.full(level, n).partialDirectory());
    }
}
