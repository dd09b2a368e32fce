package org.stellaops.attestor.tlog.embedded.tiles;

/**
 * Pure arithmetic of the C2SP tlog-tiles layout: tile widths, the number of hashes at a level, and the
 * {@code <N>} path encoding ({@code 1234067 -> x001/x234/067}).
 */
public final class TileLayout {

    /** Hashes (or entries) in a full tile. */
    public static final int TILE_WIDTH = 256;
    /** Bytes of one SHA-256 hash. */
    public static final int HASH_SIZE = 32;
    /** Bytes of a full hash tile. */
    public static final int FULL_TILE_BYTES = TILE_WIDTH * HASH_SIZE;
    /** Highest tile level the specification allows. */
    public static final int MAX_LEVEL = 63;

    private TileLayout() {
    }

    /**
     * The number of complete hashes at tile level {@code level} for a tree of {@code treeSize} leaves:
     * {@code floor(treeSize / 256^level)}.
     *
     * @param treeSize tree size, not negative
     * @param level tile level 0..63
     * @return the hash count at that level
     */
    public static long levelSize(long treeSize, int level) {
        checkLevel(level);
        if (treeSize < 0) {
            throw new IllegalArgumentException("treeSize < 0");
        }
        int shift = 8 * level;
        return shift >= Long.SIZE ? 0 : treeSize >>> shift;
    }

    /**
     * The width of the rightmost, partial tile at a level: {@code floor(treeSize / 256^level) mod 256}; 0 when the
     * level has no partial tile.
     *
     * @param treeSize tree size
     * @param level tile level
     * @return 0..255
     */
    public static int partialWidth(long treeSize, int level) {
        return (int) (levelSize(treeSize, level) % TILE_WIDTH);
    }

    /**
     * The number of full tiles at a level.
     *
     * @param treeSize tree size
     * @param level tile level
     * @return full tile count
     */
    public static long fullTiles(long treeSize, int level) {
        return levelSize(treeSize, level) / TILE_WIDTH;
    }

    /**
     * The highest level that holds at least one hash, or -1 for the empty tree.
     *
     * @param treeSize tree size
     * @return the top level
     */
    public static int topLevel(long treeSize) {
        int level = -1;
        while (level < MAX_LEVEL && levelSize(treeSize, level + 1) > 0) {
            level++;
        }
        return level;
    }

    /**
     * Encodes a tile index as zero-padded 3-digit path elements, all but the last prefixed with {@code x}.
     *
     * @param index not negative
     * @return for example {@code x001/x234/067}
     */
    public static String encodeIndex(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("tile index < 0");
        }
        StringBuilder sb = new StringBuilder(group(index % 1000));
        long rest = index / 1000;
        while (rest > 0) {
            sb.insert(0, 'x' + group(rest % 1000) + '/');
            rest /= 1000;
        }
        return sb.toString();
    }

    /**
     * Decodes an index encoded by {@link #encodeIndex}; only the canonical form is accepted.
     *
     * @param text the path elements
     * @return the index, or -1 if {@code text} is not a canonical encoding
     */
    public static long decodeIndex(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length > 7) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            boolean last = i == parts.length - 1;
            String digits = last ? p : (p.startsWith("x") ? p.substring(1) : "");
            if (digits.length() != 3 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return -1;
            }
            try {
                value = Math.addExact(Math.multiplyExact(value, 1000L), Integer.parseInt(digits));
            } catch (ArithmeticException tooLarge) {
                return -1;
            }
        }
        return encodeIndex(value).equals(text) ? value : -1;
    }

    static void checkLevel(int level) {
        if (level < 0 || level > MAX_LEVEL) {
            throw new IllegalArgumentException("tile level out of range: " + level);
        }
    }

    private static String group(long value) {
        String s = Long.toString(value);
        return "000".substring(s.length()) + s;
    }
}
