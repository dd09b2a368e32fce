package org.stellaops.attestor.tlog.embedded;

import java.util.Arrays;

import org.stellaops.attestor.sdk.merkle.Rfc6962;
import org.stellaops.attestor.tlog.embedded.tiles.TileLayout;

/**
 * The Merkle subtree that one hash tile spans: the tile's hashes at height 0 and every complete node above them,
 * up to the tile root at height 8 (only for a full tile). Computed once per tile so that any subtree hash inside
 * it is a lookup; immutable.
 */
final class TileTree {

    private final byte[][] heights;
    private final int width;

    private TileTree(byte[][] heights, int width) {
        this.heights = heights;
        this.width = width;
    }

    /**
     * @param hashes 1..256 concatenated 32-byte hashes (not copied: the caller must not change them)
     * @return the tile's tree
     */
    static TileTree of(byte[] hashes) {
        if (hashes.length == 0 || hashes.length % TileLayout.HASH_SIZE != 0 || hashes.length > TileLayout.FULL_TILE_BYTES) {
            throw LogErrors.corrupt("hash tile has an invalid length: " + hashes.length);
        }
        int width = hashes.length / TileLayout.HASH_SIZE;
        byte[][] heights = new byte[9][];
        heights[0] = hashes;
        for (int h = 1; h <= 8; h++) {
            int n = width >> h;
            byte[] level = new byte[n * TileLayout.HASH_SIZE];
            byte[] below = heights[h - 1];
            for (int i = 0; i < n; i++) {
                byte[] node = Rfc6962.nodeHash(slice(below, 2 * i), slice(below, 2 * i + 1));
                System.arraycopy(node, 0, level, i * TileLayout.HASH_SIZE, TileLayout.HASH_SIZE);
            }
            heights[h] = level;
        }
        return new TileTree(heights, width);
    }

    /** @return the number of hashes in the tile */
    int width() {
        return width;
    }

    /**
     * @param height 0..8 above the tile's hashes
     * @param index node index at that height
     * @return the hash of the complete node
     */
    byte[] node(int height, int index) {
        byte[] level = heights[height];
        if (index < 0 || (index + 1) * TileLayout.HASH_SIZE > level.length) {
            throw new IllegalStateException("node " + height + "/" + index + " is not complete in a tile of width " + width);
        }
        return slice(level, index);
    }

    /** @return the root of a full tile, the hash that goes into the tile above */
    byte[] root() {
        return node(8, 0);
    }

    private static byte[] slice(byte[] hashes, int i) {
        return Arrays.copyOfRange(hashes, i * TileLayout.HASH_SIZE, (i + 1) * TileLayout.HASH_SIZE);
    }
}
