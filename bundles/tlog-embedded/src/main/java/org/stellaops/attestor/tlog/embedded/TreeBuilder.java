package org.stellaops.attestor.tlog.embedded;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.stellaops.attestor.tlog.embedded.tiles.TileLayout;
import org.stellaops.attestor.tlog.embedded.tiles.TileRef;

/**
 * The growing right edge of the tree, owned by the sequencer thread: appends leaf hashes and entries, completes
 * tiles level by level (only a full tile is hashed into the level above), and hands out the files a batch has to
 * write. Not thread-safe.
 */
final class TreeBuilder {

    private static final int LEVELS = TileLayout.MAX_LEVEL + 1;

    private final TileCache cache;
    private final byte[][] edge = new byte[LEVELS][];
    private final int[] widths = new int[LEVELS];
    private final long[] counts = new long[LEVELS];
    private final Map<TileRef, byte[]> completed = new LinkedHashMap<>();
    private long size;
    private byte[] bundle = new byte[4096];
    private int bundleLength;

    /**
     * Continues a tree from its published state.
     *
     * @param size the published size
     * @param partials per level, the hashes of the partial tile at that size (null where there is none)
     * @param partialBundle the partial entry bundle at that size (empty if none)
     * @param cache where completed full tiles are put for proofs
     */
    TreeBuilder(long size, byte[][] partials, byte[] partialBundle, TileCache cache) {
        this.cache = cache;
        this.size = size;
        for (int level = 0; level < LEVELS; level++) {
            counts[level] = TileLayout.levelSize(size, level);
            widths[level] = TileLayout.partialWidth(size, level);
            if (widths[level] > 0) {
                edge[level] = Arrays.copyOf(partials[level], TileLayout.FULL_TILE_BYTES);
            }
        }
        ensureBundle(partialBundle.length);
        System.arraycopy(partialBundle, 0, bundle, 0, partialBundle.length);
        bundleLength = partialBundle.length;
    }

    /** @return the number of leaves appended so far, published or not */
    long size() {
        return size;
    }

    /**
     * Appends one entry.
     *
     * @param leafHash its RFC 6962 leaf hash
     * @param body the entry bytes (at most 65535)
     * @return the index it got
     */
    long append(byte[] leafHash, byte[] body) {
        long index = size;
        addHash(0, leafHash);
        ensureBundle(bundleLength + 2 + body.length);
        bundle[bundleLength++] = (byte) (body.length >>> 8);
        bundle[bundleLength++] = (byte) body.length;
        System.arraycopy(body, 0, bundle, bundleLength, body.length);
        bundleLength += body.length;
        size++;
        if (size % TileLayout.TILE_WIDTH == 0) {
            completed.put(TileRef.full(TileRef.ENTRIES, index / TileLayout.TILE_WIDTH), Arrays.copyOf(bundle, bundleLength));
            bundleLength = 0;
        }
        return index;
    }

    /**
     * @param index a leaf index below {@link #size()}
     * @return its leaf hash
     */
    byte[] leafHash(long index) {
        long edgeStart = counts[0] - widths[0];
        if (index >= edgeStart) {
            int at = (int) (index - edgeStart) * TileLayout.HASH_SIZE;
            return Arrays.copyOfRange(edge[0], at, at + TileLayout.HASH_SIZE);
        }
        int at = (int) (index % TileLayout.TILE_WIDTH) * TileLayout.HASH_SIZE;
        byte[] unwritten = completed.get(TileRef.full(0, index / TileLayout.TILE_WIDTH));
        if (unwritten != null) {
            // Completed in this batch and not on disk yet; the cache may already have dropped it.
            return Arrays.copyOfRange(unwritten, at, at + TileLayout.HASH_SIZE);
        }
        return cache.full(0, index / TileLayout.TILE_WIDTH).node(0, (int) (index % TileLayout.TILE_WIDTH));
    }

    /**
     * The files to write for everything appended since {@code sinceSize}: the tiles and bundles completed since,
     * then the partial tile of every level whose content changed.
     *
     * @param sinceSize the size of the last published state
     * @return the files in write order (ascending per level) and the tiles that became full
     */
    Writes drainWrites(long sinceSize) {
        Map<TileRef, byte[]> files = new LinkedHashMap<>(completed);
        List<TileRef> full = new ArrayList<>(completed.keySet());
        completed.clear();
        if (size != sinceSize && size % TileLayout.TILE_WIDTH != 0) {
            files.put(new TileRef(TileRef.ENTRIES, size / TileLayout.TILE_WIDTH, (int) (size % TileLayout.TILE_WIDTH)),
                    Arrays.copyOf(bundle, bundleLength));
        }
        for (int level = 0; level < LEVELS && counts[level] > 0; level++) {
            if (widths[level] > 0 && counts[level] != TileLayout.levelSize(sinceSize, level)) {
                files.put(new TileRef(level, counts[level] / TileLayout.TILE_WIDTH, widths[level]), partialCopy(level));
            }
        }
        return new Writes(files, full);
    }

    /** @return an immutable copy of the edge at the current size */
    EdgeSnapshot snapshot() {
        byte[][] partials = new byte[LEVELS][];
        for (int level = 0; level < LEVELS && counts[level] > 0; level++) {
            if (widths[level] > 0) {
                partials[level] = partialCopy(level);
            }
        }
        return new EdgeSnapshot(size, partials);
    }

    private void addHash(int level, byte[] hash) {
        if (edge[level] == null) {
            edge[level] = new byte[TileLayout.FULL_TILE_BYTES];
        }
        System.arraycopy(hash, 0, edge[level], widths[level] * TileLayout.HASH_SIZE, TileLayout.HASH_SIZE);
        widths[level]++;
        counts[level]++;
        if (widths[level] == TileLayout.TILE_WIDTH) {
            TileRef ref = TileRef.full(level, counts[level] / TileLayout.TILE_WIDTH - 1);
            byte[] hashes = edge[level];
            edge[level] = new byte[TileLayout.FULL_TILE_BYTES];
            widths[level] = 0;
            TileTree tree = TileTree.of(hashes);
            cache.put(ref, tree);
            completed.put(ref, hashes);
            addHash(level + 1, tree.root());
        }
    }

    private byte[] partialCopy(int level) {
        return Arrays.copyOf(edge[level], widths[level] * TileLayout.HASH_SIZE);
    }

    private void ensureBundle(int capacity) {
        if (capacity > bundle.length) {
            bundle = Arrays.copyOf(bundle, Math.max(capacity, bundle.length * 2));
        }
    }

    /**
     * What one batch writes.
     *
     * @param files resource to content, in write order
     * @param completedTiles full tiles and bundles completed by the batch, whose partial versions may go
     */
    record Writes(Map<TileRef, byte[]> files, List<TileRef> completedTiles) {
    }
}
