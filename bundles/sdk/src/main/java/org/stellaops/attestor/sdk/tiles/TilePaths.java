package org.stellaops.attestor.sdk.tiles;

/**
 * C2SP tlog-tiles resource paths: {@code tile/<L>/<N>[.p/<W>]} for hash tiles and
 * {@code tile/entries/<N>[.p/<W>]} for entry bundles, where {@code <N>} is the index in groups of three digits,
 * all but the last prefixed with {@code x}.
 */
public final class TilePaths {

    /** Hashes or entries in a full tile. */
    public static final int TILE_WIDTH = 256;
    /** Highest tile level the specification allows. */
    public static final int MAX_LEVEL = 63;

    private TilePaths() {
    }

    /**
     * Encodes a tile index.
     *
     * @param index not negative
     * @return for example {@code x001/x234/067} for 1234067, {@code 005} for 5
     */
    public static String n(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("tile index < 0");
        }
        StringBuilder sb = new StringBuilder(group(index % 1000));
        for (long rest = index / 1000; rest > 0; rest /= 1000) {
            sb.insert(0, "x" + group(rest % 1000) + "/");
        }
        return sb.toString();
    }

    /**
     * The path of a hash tile.
     *
     * @param level the tile level, 0..63
     * @param index the tile index
     * @param width 1..256; 256 is the full tile
     * @return {@code tile/<L>/<N>} or {@code tile/<L>/<N>.p/<W>}
     */
    public static String tile(int level, long index, int width) {
        if (level < 0 || level > MAX_LEVEL) {
            throw new IllegalArgumentException("tile level out of range: " + level);
        }
        return withWidth("tile/" + level + "/" + n(index), width);
    }

    /**
     * The path of an entry bundle.
     *
     * @param index the bundle index (entry index / 256)
     * @param width 1..256; 256 is the full bundle
     * @return {@code tile/entries/<N>} or {@code tile/entries/<N>.p/<W>}
     */
    public static String entries(long index, int width) {
        return withWidth("tile/entries/" + n(index), width);
    }

    private static String withWidth(String full, int width) {
        if (width < 1 || width > TILE_WIDTH) {
            throw new IllegalArgumentException("tile width must be 1..256, not " + width);
        }
        return width == TILE_WIDTH ? full : full + ".p/" + width;
    }

    private static String group(long value) {
        String s = Long.toString(value);
        return "000".substring(s.length()) + s;
    }
}
