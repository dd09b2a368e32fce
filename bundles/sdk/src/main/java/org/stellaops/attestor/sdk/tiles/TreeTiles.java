package org.stellaops.attestor.sdk.tiles;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.ErrorCodes;
import org.stellaops.attestor.sdk.merkle.Rfc6962;
import org.stellaops.attestor.sdk.merkle.SubtreeHashes;

/**
 * The tiles of one tree size, as complete-subtree hashes. A level-L tile holds hashes of subtrees of height 8L; a
 * subtree of height h (8L ≤ h &lt; 8L+8) is the hash of 2^(h-8L) consecutive, aligned entries of a level-L tile.
 * Each resource is fetched at most once per instance, and only in the width the tree size justifies.
 */
final class TreeTiles implements SubtreeHashes {

    private static final int HASH = Rfc6962.HASH_LENGTH;

    private final TileSource source;
    private final long size;
    private final Map<String, byte[]> fetched = new HashMap<>();

    TreeTiles(TileSource source, long size) {
        this.source = source;
        this.size = size;
    }

    @Override
    public byte[] hash(int level, long index) {
        int tileLevel = level / 8;
        int height = level % 8;
        long first = index << height;
        int count = 1 << height;
        long tileIndex = first / TilePaths.TILE_WIDTH;
        int position = (int) (first % TilePaths.TILE_WIDTH);
        byte[] tile = hashTile(tileLevel, tileIndex);
        if ((position + count) * HASH > tile.length) {
            throw new IllegalStateException("subtree " + level + "/" + index + " is not complete at size " + size);
        }
        return fold(tile, position, count);
    }

    /** The entry bundle holding an entry, checked to hold exactly the entries the tree size implies. */
    byte[][] bundle(long bundleIndex) {
        int width = width(size, bundleIndex);
        String path = TilePaths.entries(bundleIndex, width);
        byte[] data = fetch(path);
        byte[][] entries = new byte[width][];
        int offset = 0;
        for (int i = 0; i < width; i++) {
            if (offset + 2 > data.length) {
                throw malformed(path + " holds fewer than " + width + " entries");
            }
            int length = (data[offset] & 0xff) << 8 | (data[offset + 1] & 0xff);
            offset += 2;
            if (offset + length > data.length) {
                throw malformed(path + " is truncated inside entry " + i);
            }
            entries[i] = Arrays.copyOfRange(data, offset, offset + length);
            offset += length;
        }
        if (offset != data.length) {
            throw malformed(path + " has bytes after its " + width + " entries");
        }
        return entries;
    }

    private byte[] hashTile(int level, long index) {
        long levelSize = size >>> (8 * level);
        int width = width(levelSize, index);
        String path = TilePaths.tile(level, index, width);
        byte[] tile = fetch(path);
        if (tile.length != width * HASH) {
            throw malformed(path + " has " + tile.length + " bytes, expected " + width * HASH);
        }
        return tile;
    }

    /** Full tiles where the count covers them; otherwise the partial width floor(count / 256^L) mod 256. */
    private static int width(long count, long tileIndex) {
        long start = tileIndex * TilePaths.TILE_WIDTH;
        if (tileIndex < 0 || start >= count) {
            throw new IllegalStateException("tile " + tileIndex + " is beyond " + count + " hashes");
        }
        return (int) Math.min(TilePaths.TILE_WIDTH, count - start);
    }

    private byte[] fetch(String path) {
        byte[] cached = fetched.get(path);
        if (cached != null) {
            return cached;
        }
        byte[] data;
        try {
            data = source.fetch(path);
        } catch (IOException e) {
            throw new AttestorException(ErrorCodes.TILES_UNAVAILABLE, "cannot read " + path + ": " + e, e);
        }
        if (data == null) {
            throw new AttestorException(ErrorCodes.TILES_UNAVAILABLE, "the tile source returned nothing for " + path);
        }
        fetched.put(path, data);
        return data;
    }

    private static byte[] fold(byte[] tile, int position, int count) {
        byte[][] row = new byte[count][];
        for (int i = 0; i < count; i++) {
            int from = (position + i) * HASH;
            row[i] = Arrays.copyOfRange(tile, from, from + HASH);
        }
        for (int width = count; width > 1; width /= 2) {
            for (int i = 0; i < width / 2; i++) {
                row[i] = Rfc6962.nodeHash(row[2 * i], row[2 * i + 1]);
            }
        }
        return row[0];
    }

    private static AttestorException malformed(String message) {
        return new AttestorException(ErrorCodes.TILES_MALFORMED, message);
    }
}
