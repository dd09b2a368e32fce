package org.stellaops.attestor.tlog.embedded;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.stellaops.attestor.tlog.embedded.tiles.TileLayout;
import org.stellaops.attestor.tlog.embedded.tiles.TileRef;

/**
 * A small LRU of {@link TileTree}s of full hash tiles, which never change once written. Disk reads happen outside
 * the lock, so a slow read does not hold up other proof requests.
 */
final class TileCache {

    private final TileStore store;
    private final Map<TileRef, TileTree> lru;

    TileCache(TileStore store, int capacity) {
        this.store = store;
        this.lru = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<TileRef, TileTree> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * @param level tile level
     * @param index tile index of a full tile
     * @return its tree
     */
    TileTree full(int level, long index) {
        TileRef ref = TileRef.full(level, index);
        synchronized (lru) {
            TileTree cached = lru.get(ref);
            if (cached != null) {
                return cached;
            }
        }
        byte[] hashes;
        try {
            hashes = store.read(ref);
        } catch (IOException e) {
            throw LogErrors.unavailable("cannot read tile " + ref.path(), e);
        }
        if (hashes == null || hashes.length != TileLayout.FULL_TILE_BYTES) {
            throw LogErrors.corrupt("full tile " + ref.path() + " is missing or has the wrong size");
        }
        TileTree tree = TileTree.of(hashes);
        put(ref, tree);
        return tree;
    }

    /**
     * Caches a tile that was just written (the newest tiles are the ones proofs need next).
     *
     * @param ref the full tile
     * @param tree its tree
     */
    void put(TileRef ref, TileTree tree) {
        synchronized (lru) {
            lru.put(ref, tree);
        }
    }

    /** Drops everything, after recovery rewrote the tail of the log. */
    void clear() {
        synchronized (lru) {
            lru.clear();
        }
    }
}
