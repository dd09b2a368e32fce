package org.stellaops.attestor.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one client thread observed. Each client owns one, so its lock is uncontended; the lock is there because the
 * run also reads the figures of a client that never finished (a hang), while that client may still record.
 */
final class ClientStats {

    private static final int INITIAL_CAPACITY = 1024;

    private long[] latencies = new long[INITIAL_CAPACITY];
    private int count;
    private long failures;
    private final Map<String, Long> outcomes = new TreeMap<>();

    /**
     * Records one finished request.
     *
     * @param latencyNanos time from sending the request to having the whole response (or the error)
     * @param outcome the status code, or a label for a transport error
     * @param expected whether the outcome was the expected one
     */
    synchronized void record(long latencyNanos, String outcome, boolean expected) {
        if (count == latencies.length) {
            latencies = Arrays.copyOf(latencies, count * 2);
        }
        latencies[count++] = latencyNanos;
        outcomes.merge(outcome, 1L, Long::sum);
        if (!expected) {
            failures++;
        }
    }

    synchronized int count() {
        return count;
    }

    synchronized long failures() {
        return failures;
    }

    synchronized Map<String, Long> outcomes() {
        return new TreeMap<>(outcomes);
    }

    synchronized long[] latencies() {
        return Arrays.copyOf(latencies, count);
    }
}
