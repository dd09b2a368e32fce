package org.stellaops.attestor.core.internal;

import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: the delay before retry {@code n} (n ≥ 1) is uniform in
 * {@code [0, min(max, base · 2^(n-1))]}, so clients that failed together do not retry together.
 */
final class Backoff {

    private final long baseMillis;
    private final long maxMillis;
    private final RandomGenerator random;

    /**
     * @param baseMillis the ceiling of the first delay, {@code > 0}
     * @param maxMillis the largest ceiling, {@code >= baseMillis}
     * @param random the jitter source
     */
    Backoff(long baseMillis, long maxMillis, RandomGenerator random) {
        if (baseMillis <= 0 || maxMillis < baseMillis) {
            throw new IllegalArgumentException("need 0 < retryBaseMillis <= retryMaxMillis, got " + baseMillis
                    + " and " + maxMillis);
        }
        this.baseMillis = baseMillis;
        this.maxMillis = maxMillis;
        this.random = random;
    }

    /** @return the largest delay retry {@code attempt} may get */
    long ceilingMillis(int attempt) {
        int doublings = Math.max(0, attempt - 1);
        // beyond 2^62 the product overflows; the cap has long been reached by then
        if (doublings >= 62 || baseMillis > (maxMillis >> doublings)) {
            return maxMillis;
        }
        return Math.min(maxMillis, baseMillis << doublings);
    }

    /** @return a delay for retry {@code attempt}, uniform in {@code [0, ceilingMillis(attempt)]} */
    long delayMillis(int attempt) {
        return random.nextLong(ceilingMillis(attempt) + 1);
    }
}
