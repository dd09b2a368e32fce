package org.stellaops.attestor.tlog.embedded;

import java.util.concurrent.atomic.AtomicReferenceArray;

import org.stellaops.attestor.tlog.embedded.tiles.TileLayout;

/**
 * An immutable view of the right edge of the tree at one size: the partial tile of every level (the full tiles
 * are on disk). Partial tiles are kept in memory so that proofs never read a partial file that a later batch may
 * already have replaced by the full tile and deleted.
 */
final class EdgeSnapshot {

    private final long size;
    private final byte[][] partials;
    private final AtomicReferenceArray<TileTree> trees;

    /**
     * @param size the tree size
     * @param partials per level, the hashes of its partial tile, or null when the level has none (not copied)
     */
    EdgeSnapshot(long size, byte[][] partials) {
        this.size = size;
        this.partials = partials;
        this.trees = new AtomicReferenceArray<>(partials.length);
    }

    /** @return the tree size */
    long size() {
        return size;
    }

    /**
     * @param level a level whose partial tile is not empty at this size
     * @return the tree over the partial tile, computed on first use
     */
    TileTree partialTree(int level) {
        TileTree tree = trees.get(level);
        if (tree == null) {
            byte[] hashes = level < partials.length ? partials[level] : null;
            if (hashes == null) {
                throw new IllegalStateException("level " + level + " has no partial tile at size " + size);
            }
            tree = TileTree.of(hashes);
            trees.compareAndSet(level, null, tree);
        }
        return tree;
    }

    /**
     * @param level tile level
     * @return the hashes of the partial tile at that level (shared, do not modify), or null
     */
    byte[] partial(int level) {
        return level < partials.length ? partials[level] : null;
    }

    /** @return the number of levels that may hold a partial tile */
    int levels() {
        return Math.min(partials.length, TileLayout.MAX_LEVEL + 1);
    }
}
