package org.stellaops.attestor.tlog.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LeafIndexTest {

    private static byte[] hash(long prefix, long suffix) {
        return ByteBuffer.allocate(32).putLong(prefix).putLong(suffix).putLong(~suffix).putLong(prefix ^ suffix).array();
    }

    @Test
    void findsEveryLeafAfterTheTableHasGrown() {
        LeafIndex index = new LeafIndex(0);
        Map<Long, byte[]> leaves = new HashMap<>();
        for (long i = 0; i < 10_000; i++) {
            byte[] leaf = hash(i * 0x9E3779B97F4A7C15L, i);
            leaves.put(i, leaf);
            index.add(leaf, i);
        }
        for (long i = 0; i < 10_000; i++) {
            byte[] leaf = leaves.get(i);
            assertEquals(i, index.find(leaf, candidate -> Arrays.equals(leaves.get(candidate), leaf)));
        }
        assertEquals(10_000, index.size());
    }

    @Test
    void resolvesSharedPrefixesWithTheCallersFullHashComparison() {
        LeafIndex index = new LeafIndex(4);
        byte[] first = hash(42, 1);
        byte[] second = hash(42, 2);
        Map<Long, byte[]> stored = Map.of(7L, first, 9L, second);
        index.add(first, 7);
        index.add(second, 9);
        assertEquals(9, index.find(second, candidate -> Arrays.equals(stored.get(candidate), second)));
        assertEquals(7, index.find(first, candidate -> Arrays.equals(stored.get(candidate), first)));
        assertEquals(-1, index.find(hash(42, 3), candidate -> false));
    }

    @Test
    void reportsALeafThatWasNeverAddedAsMissing() {
        LeafIndex index = new LeafIndex(4);
        index.add(hash(1, 1), 0);
        assertEquals(-1, index.find(hash(2, 2), candidate -> true));
    }
}
