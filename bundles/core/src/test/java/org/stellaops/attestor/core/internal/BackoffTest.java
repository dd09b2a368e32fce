package org.stellaops.attestor.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(500, 60_000, new SplittableRandom(42));

    @Test
    void ceilingDoublesFromTheBaseUntilTheCap() {
        assertEquals(500, backoff.ceilingMillis(1));
        assertEquals(1_000, backoff.ceilingMillis(2));
        assertEquals(2_000, backoff.ceilingMillis(3));
        assertEquals(32_000, backoff.ceilingMillis(7));
        assertEquals(60_000, backoff.ceilingMillis(8));
        assertEquals(60_000, backoff.ceilingMillis(1_000));
    }

    @Test
    void everyDelayLiesBetweenZeroAndItsCeiling() {
        for (int attempt = 1; attempt <= 20; attempt++) {
            for (int i = 0; i < 200; i++) {
                long delay = backoff.delayMillis(attempt);
                assertTrue(delay >= 0 && delay <= backoff.ceilingMillis(attempt), attempt + ": " + delay);
            }
        }
    }

    @Test
    void delaysAreJitteredAcrossTheWholeRange() {
        Set<Long> seen = new HashSet<>();
        long smallest = Long.MAX_VALUE;
        long largest = 0;
        for (int i = 0; i < 1_000; i++) {
            long delay = backoff.delayMillis(8);
            seen.add(delay);
            smallest = Math.min(smallest, delay);
            largest = Math.max(largest, delay);
        }
        assertTrue(seen.size() > 500, "distinct delays: " + seen.size());
        assertTrue(smallest < 6_000 && largest > 54_000, smallest + ".." + largest);
    }

    @Test
    void laterRetriesReachLongerDelays() {
        long firstLargest = 0;
        long laterLargest = 0;
        for (int i = 0; i < 1_000; i++) {
            firstLargest = Math.max(firstLargest, backoff.delayMillis(1));
            laterLargest = Math.max(laterLargest, backoff.delayMillis(6));
        }
        assertTrue(firstLargest <= 500 && laterLargest > 500, firstLargest + " then " + laterLargest);
    }

    @Test
    void refusesACapBelowTheBase() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(1_000, 500, new SplittableRandom()));
    }
}
