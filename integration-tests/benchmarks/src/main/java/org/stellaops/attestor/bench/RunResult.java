package org.stellaops.attestor.bench;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of one load phase: throughput, latency percentiles (nearest rank over the sorted latencies of every
 * request), counts per outcome and the first unexpected responses.
 *
 * @param requests finished requests
 * @param failures requests whose outcome was not the expected one
 * @param elapsedNanos from the start of the phase until the last client finished
 * @param sortedLatencies every latency in nanoseconds, ascending
 * @param outcomes count per status code or error label
 * @param failureSamples the first few unexpected responses, with bodies
 * @param stillRunning clients that had not finished when the run gave up waiting (a hang)
 * @param exhausted whether the run stopped early because the pre-signed envelopes ran out
 */
public record RunResult(long requests, long failures, long elapsedNanos, long[] sortedLatencies,
                        Map<String, Long> outcomes, List<String> failureSamples, int stillRunning,
                        boolean exhausted) {

    /**
     * Merges the per-client figures.
     *
     * @param clients the clients' statistics
     * @param elapsedNanos the phase's wall time
     * @param samples the first unexpected responses
     * @param stillRunning clients that never finished
     * @param exhausted whether the envelopes ran out
     * @return the merged result
     */
    static RunResult merge(Collection<ClientStats> clients, long elapsedNanos, List<String> samples,
                           int stillRunning, boolean exhausted) {
        long failures = 0;
        int total = 0;
        Map<String, Long> outcomes = new TreeMap<>();
        for (ClientStats c : clients) {
            failures += c.failures();
            total += c.count();
            c.outcomes().forEach((k, v) -> outcomes.merge(k, v, Long::sum));
        }
        long[] all = new long[total];
        int at = 0;
        for (ClientStats c : clients) {
            long[] l = c.latencies();
            System.arraycopy(l, 0, all, at, l.length);
            at += l.length;
        }
        Arrays.sort(all);
        return new RunResult(total, failures, elapsedNanos, all, Collections.unmodifiableMap(outcomes), List.copyOf(samples),
                stillRunning, exhausted);
    }

    /**
     * The nearest-rank percentile: the smallest latency such that at least {@code p} percent of the requests took
     * no longer.
     *
     * @param p the percentile, above 0 and at most 100
     * @return the latency in nanoseconds, 0 when there were no requests
     */
    public long percentileNanos(double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100], not " + p);
        }
        if (sortedLatencies.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sortedLatencies.length);
        return sortedLatencies[Math.max(rank, 1) - 1];
    }

    /** @return finished requests per second of wall time */
    public double throughput() {
        return elapsedNanos == 0 ? 0 : requests * 1e9 / elapsedNanos;
    }

    /** @return the mean latency in nanoseconds */
    public double meanNanos() {
        return sortedLatencies.length == 0 ? 0 : Arrays.stream(sortedLatencies).average().orElse(0);
    }

    /** @return whether every request got its expected answer and no client hung */
    public boolean clean() {
        return failures == 0 && stillRunning == 0;
    }
}
