package org.stellaops.attestor.tlog.embedded.tiles;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One tlog-tiles resource: a hash tile {@code tile/<L>/<N>[.p/<W>]} or an entry bundle
 * {@code tile/entries/<N>[.p/<W>]}.
 *
 * @param level the hash tile level 0..63, or {@link #ENTRIES} for an entry bundle
 * @param index the tile index {@code N}
 * @param width 1..256; 256 is a full tile, anything less a partial one
 */
public record TileRef(int level, long index, int width) {

    /** The {@code level} value of entry bundles. */
    public static final int ENTRIES = -1;

    private static final Pattern PATH = Pattern.compile(
            "tile/(entries|0|[1-9][0-9]?)/((?:x[0-9]{3}/){0,6}[0-9]{3})(?:\\.p/([1-9][0-9]{0,2}))?");

    /**
     * Validates the parts.
     *
     * @param level -1 or 0..63
     * @param index not negative
     * @param width 1..256
     */
    public TileRef {
        if (level != ENTRIES) {
            TileLayout.checkLevel(level);
        }
        if (index < 0 || width < 1 || width > TileLayout.TILE_WIDTH) {
            throw new IllegalArgumentException("invalid tile " + level + "/" + index + "/" + width);
        }
    }

    /**
     * @param level tile level
     * @param index tile index
     * @return the full hash tile
     */
    public static TileRef full(int level, long index) {
        return new TileRef(level, index, TileLayout.TILE_WIDTH);
    }

    /** @return whether this is an entry bundle rather than a hash tile */
    public boolean isEntries() {
        return level == ENTRIES;
    }

    /** @return whether the tile is full (256 wide) */
    public boolean isFull() {
        return width == TileLayout.TILE_WIDTH;
    }

    /** @return the full tile this partial tile is a prefix of (or this tile) */
    public TileRef toFull() {
        return new TileRef(level, index, TileLayout.TILE_WIDTH);
    }

    /** @return the path of the tile directory {@code tile/<L>/<N>} or {@code tile/entries/<N>} */
    public String fullPath() {
        return "tile/" + (isEntries() ? "entries" : Integer.toString(level)) + "/" + TileLayout.encodeIndex(index);
    }

    /** @return the path of the directory holding this tile's partial versions, {@code <fullPath>.p} */
    public String partialDirectory() {
        return fullPath() + ".p";
    }

    /** @return the resource path relative to the log prefix */
    public String path() {
        return isFull() ? fullPath() : partialDirectory() + "/" + width;
    }

    /**
     * Whether a tree of {@code treeSize} leaves covers this resource: every hash (or entry) it holds is part of that
     * tree. Resources beyond it may be leftovers of a batch that was never published and must not be served.
     *
     * @param treeSize a published tree size
     * @return true if a client holding a checkpoint of that size may fetch it
     */
    public boolean justifiedBy(long treeSize) {
        if (index > Long.MAX_VALUE / TileLayout.TILE_WIDTH - 1) {
            return false;
        }
        long available = TileLayout.levelSize(treeSize, isEntries() ? 0 : level);
        return available >= index * TileLayout.TILE_WIDTH + width;
    }

    /**
     * Parses a resource path relative to the log prefix; only canonical encodings are accepted.
     *
     * @param path for example {@code tile/1/x001/234.p/17}
     * @return the resource, or empty if the path is not a tile or bundle path
     */
    public static Optional<TileRef> parse(String path) {
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        int level = "entries".equals(m.group(1)) ? ENTRIES : Integer.parseInt(m.group(1));
        long index = TileLayout.decodeIndex(m.group(2));
        int width = m.group(3) == null ? TileLayout.TILE_WIDTH : Integer.parseInt(m.group(3));
        if (level > TileLayout.MAX_LEVEL || index < 0 || width >= TileLayout.TILE_WIDTH && m.group(3) != null) {
            return Optional.empty();
        }
        return Optional.of(new TileRef(level, index, width));
    }
}
