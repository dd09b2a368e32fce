package org.stellaops.attestor.tlog.embedded;

import java.util.function.LongPredicate;

/**
 * Dedupe index from leaf hash to log index, kept compact: an open-addressing table of the first 8 bytes of each
 * leaf hash (16 bytes per entry instead of a map of objects). Prefix collisions are resolved by the caller, who
 * compares the full leaf hash stored in the tiles. The index is derived data: it is rebuilt from the level-0
 * tiles when the log opens, so it survives restarts without a file of its own. Not thread-safe: owned by the
 * sequencer thread.
 */
final class LeafIndex {

    private long[] keys;
    private long[] slots; // log index + 1; 0 marks a free slot
    private int count;

    LeafIndex(long expected) {
        int capacity = 1024;
        while (capacity < expected * 2 && capacity < (1 << 30)) {
            capacity <<= 1;
        }
        keys = new long[capacity];
        slots = new long[capacity];
    }

    /** @return the number of indexed leaves */
    int size() {
        return count;
    }

    /**
     * Adds a leaf.
     *
     * @param leafHash the 32-byte leaf hash
     * @param index its log index
     */
    void add(byte[] leafHash, long index) {
        if ((count + 1) * 3L > keys.length * 2L) {
            grow();
        }
        insert(prefix(leafHash), index + 1);
        count++;
    }

    /**
     * Finds the index of a leaf.
     *
     * @param leafHash the leaf hash
     * @param holdsLeaf tells whether the leaf at a candidate index really is {@code leafHash}
     * @return the index, or -1 if the leaf is not indexed
     */
    long find(byte[] leafHash, LongPredicate holdsLeaf) {
        long key = prefix(leafHash);
        int mask = keys.length - 1;
        for (int i = start(key, mask); slots[i] != 0; i = (i + 1) & mask) {
            if (keys[i] == key && holdsLeaf.test(slots[i] - 1)) {
                return slots[i] - 1;
            }
        }
        return -1;
    }

    private void insert(long key, long slot) {
        int mask = keys.length - 1;
        int i = start(key, mask);
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        slots[i] = slot;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldSlots = slots;
        keys = new long[oldKeys.length * 2];
        slots = new long[oldSlots.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldSlots[i] != 0) {
                insert(oldKeys[i], oldSlots[i]);
            }
        }
    }

    private static int start(long key, int mask) {
        return (int) (key ^ (key >>> 32)) & mask;
    }

    private static long prefix(byte[] hash) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (hash[i] & 0xff);
        }
        return v;
    }
}
