package org.stellaops.attestor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RunResultTest {

    @Test
    void percentilesAreNearestRankOverTheLatenciesOfAllClients() {
        ClientStats a = new ClientStats();
        ClientStats b = new ClientStats();
        for (int i = 1; i <= 100; i++) {
            (i % 2 == 0 ? a : b).record(i * 1_000_000L, "201", true);
        }
        RunResult r = RunResult.merge(List.of(a, b), 2_000_000_000L, List.of(), 0, false);
        assertEquals(50_000_000L, r.percentileNanos(50));
        assertEquals(90_000_000L, r.percentileNanos(90));
        assertEquals(99_000_000L, r.percentileNanos(99));
        assertEquals(100_000_000L, r.percentileNanos(100));
        assertEquals(1_000_000L, r.percentileNanos(0.1));
        assertEquals(50.0, r.throughput(), 1e-9);
    }

    @Test
    void countsOutcomesPerStatusAndMarksTheRunUncleanOnAnyUnexpectedAnswer() {
        ClientStats a = new ClientStats();
        a.record(1, "201", true);
        a.record(1, "201", true);
        a.record(1, "503", false);
        RunResult r = RunResult.merge(List.of(a), 1, List.of("sample"), 0, false);
        assertEquals(Map.of("201", 2L, "503", 1L), r.outcomes());
        assertEquals(1, r.failures());
        assertFalse(r.clean());
    }

    @Test
    void aRunWithAHungClientIsNotClean() {
        RunResult r = RunResult.merge(List.of(new ClientStats()), 1, List.of(), 1, false);
        assertFalse(r.clean());
        assertEquals(0, r.percentileNanos(99));
        assertTrue(r.failureSamples().isEmpty());
    }
}
