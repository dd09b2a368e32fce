package org.stellaops.attestor.http;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets per key (a principal, or the address of a caller that failed to authenticate). A bucket holds at
 * most {@code burst} tokens and refills at {@code perSecond}; a request takes one token or is refused. The map is
 * bounded: when it outgrows {@code maxKeys}, full buckets (callers idle long enough to be back at their burst)
 * are dropped, which forgets nothing a caller could exploit.
 */
final class RateLimiter {

    private final double perSecond;
    private final double burst;
    private final int maxKeys;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong lastSweep = new java.util.concurrent.atomic.AtomicLong(
            Long.MIN_VALUE / 2);

    /**
     * @param perSecond the sustained rate; 0 or less turns the limiter off
     * @param burst the bucket size, at least 1
     * @param maxKeys how many buckets to keep before idle ones are dropped
     * @param nanoTime the clock ({@code System::nanoTime} outside tests)
     */
    RateLimiter(double perSecond, double burst, int maxKeys, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.burst = Math.max(1, burst);
        this.maxKeys = maxKeys;
        this.nanoTime = nanoTime;
    }

    /** @return whether the limiter refuses anything at all */
    boolean enabled() {
        return perSecond > 0;
    }

    /**
     * Takes one token from the key's bucket.
     *
     * @param key who is asking
     * @return 0 if the request may proceed, else the whole seconds after which a token will be available
     */
    long acquire(String key) {
        if (!enabled()) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        long last = lastSweep.get();
        // one sweeping thread at most once a second: under a flood of new keys a sweep per request would scan the map
        if (buckets.size() > maxKeys && now - last >= 1_000_000_000L && lastSweep.compareAndSet(last, now)) {
            dropIdle();
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, nanoTime.getAsLong()));
        synchronized (bucket) {
            bucket.refill(nanoTime.getAsLong(), perSecond, burst);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perSecond));
        }
    }

    /**
     * Looks without taking: whether the key's bucket is empty now.
     *
     * @param key who is asking
     * @return whether {@link #acquire} would refuse
     */
    boolean wouldRefuse(String key) {
        Bucket bucket = buckets.get(key);
        if (!enabled() || bucket == null) {
            return false;
        }
        synchronized (bucket) {
            bucket.refill(nanoTime.getAsLong(), perSecond, burst);
            return bucket.tokens < 1;
        }
    }

    /**
     * Whether a refusal of this key should be audited now: at most one audit event per key and second, so that a
     * flood of refused requests cannot flood the audit trail (each event still counts the refusals it stands for).
     *
     * @param key the refused key
     * @return the number of refusals since the last audited one (at least 1), or 0 to skip auditing this one
     */
    long refusalsToAudit(String key) {
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            return 1;
        }
        synchronized (bucket) {
            bucket.refusedSinceAudit++;
            long now = nanoTime.getAsLong();
            if (bucket.lastAudit != 0 && now - bucket.lastAudit < 1_000_000_000L) {
                return 0;
            }
            bucket.lastAudit = now;
            long count = bucket.refusedSinceAudit;
            bucket.refusedSinceAudit = 0;
            return count;
        }
    }

    /** @return how many keys are tracked */
    int size() {
        return buckets.size();
    }

    private void dropIdle() {
        long now = nanoTime.getAsLong();
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            Bucket bucket = it.next();
            synchronized (bucket) {
                bucket.refill(now, perSecond, burst);
                if (bucket.tokens >= burst) {
                    it.remove();
                }
            }
        }
    }

    private static final class Bucket {
        double tokens;
        long updated;
        long lastAudit;
        long refusedSinceAudit;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }

        void refill(long now, double perSecond, double burst) {
            double elapsedSeconds = (now - updated) / 1e9;
            if (elapsedSeconds > 0) {
                tokens = Math.min(burst, tokens + elapsedSeconds * perSecond);
                updated = now;
            }
        }
    }
}
