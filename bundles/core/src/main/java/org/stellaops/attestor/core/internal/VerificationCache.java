package org.stellaops.attestor.core.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import org.stellaops.attestor.core.service.AttestationService.CacheStats;
import org.stellaops.attestor.core.service.VerificationReport;
import org.stellaops.attestor.store.EntryRecord;

/**
 * A bounded (least recently used) cache of verification results: plain reports, and reports with a policy decision
 * ({@link PolicyVerifications}). A result is served again only while everything it depended on is unchanged: the
 * trust roots ({@code TrustRootStore.version()}), the policy it was judged by (its id, version and digest, and the
 * rule types installed: {@link Stamp#policyVersion}), the state of every log whose entries it checked
 * ({@link LogHeads.State}: latest checkpoint and its cosignatures, registration, availability), the service keys of
 * its receipts, the configured RFC 3161 timestamp authorities, and — for a record still being published, or an
 * envelope not stored at all — the stored record itself. A change of the trust roots drops every entry; a change
 * of the policy drops that entry (both counted as invalidations); any other change makes the next lookup a miss
 * that replaces the entry. The cache holds no lock while a result is computed, and a hit does no I/O besides reading
 * the trust-root version (and, for unsettled records only, the record).
 */
final class VerificationCache {

    /** The policy version of a result judged by no policy. */
    static final String POLICY_NONE = "none";

    /**
     * What a result depended on, captured before it was computed (so a change during the computation makes the
     * entry stale rather than wrongly current).
     *
     * @param trustVersion the trust-root version
     * @param policyVersion what identifies the policy judged by ({@link #POLICY_NONE} for none)
     * @param logs the state of every log whose entries the report checked, by log id
     * @param serviceKeys for each receipt's service key: whether it was usable
     * @param timestampAuthorities the fingerprint of the configured RFC 3161 timestamp authorities
     * @param tenant the tenant whose trust roots and records the report used
     * @param envelopeDigest the envelope digest
     * @param settled true when the record can no longer change (logged, partially logged, failed, or supplied by
     *                the caller); the store is then not consulted on a hit
     * @param unsettled the record as it was (null: not stored), compared on a hit when not settled
     */
    record Stamp(long trustVersion, String policyVersion, Map<String, LogHeads.State> logs,
                 Map<String, Boolean> serviceKeys, String timestampAuthorities, String tenant, String envelopeDigest,
                 boolean settled, EntryRecord unsettled) {

        /**
         * @param policy the policy version of the result
         * @return this stamp for a result judged by that policy
         */
        Stamp withPolicy(String policy) {
            return new Stamp(trustVersion, policy, logs, serviceKeys, timestampAuthorities, tenant, envelopeDigest,
                    settled, unsettled);
        }
    }

    private record Cached(Stamp stamp, Object value) {
    }

    private final int capacity;
    private final Map<String, Cached> results;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong invalidations = new AtomicLong();
    private long trustVersion = Long.MIN_VALUE;

    /** @param capacity results held at most; 0 disables the cache */
    VerificationCache(int capacity) {
        this.capacity = Math.max(0, capacity);
        this.results = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                return size() > VerificationCache.this.capacity;
            }
        };
    }

    /**
     * @param key what was asked (request identity)
     * @param type the type of value cached under such keys
     * @param currentTrust the trust-root version now
     * @param currentPolicy the policy version the result must have been judged by
     * @param current whether the rest of a stamp still holds
     * @param <V> the value type
     * @return the cached value if it is still current
     */
    <V> Optional<V> get(String key, Class<V> type, long currentTrust, String currentPolicy,
                        Predicate<Stamp> current) {
        if (capacity == 0) {
            misses.incrementAndGet();
            return Optional.empty();
        }
        Cached cached;
        synchronized (this) {
            if (currentTrust != trustVersion) {
                invalidations.addAndGet(results.size());
                results.clear();
                trustVersion = currentTrust;
            }
            cached = results.get(key);
            if (cached != null && !cached.stamp().policyVersion().equals(currentPolicy)) {
                results.remove(key);
                invalidations.incrementAndGet();
                cached = null;
            }
        }
        if (cached != null && type.isInstance(cached.value()) && current.test(cached.stamp())) {
            hits.incrementAndGet();
            return Optional.of(type.cast(cached.value()));
        }
        misses.incrementAndGet();
        return Optional.empty();
    }

    /**
     * Looks up a plain report.
     *
     * @param key what was asked
     * @param currentTrust the trust-root version now
     * @param current whether the rest of a stamp still holds
     * @return the cached report if it is still current
     */
    Optional<VerificationReport> get(String key, long currentTrust, Predicate<Stamp> current) {
        return get(key, VerificationReport.class, currentTrust, POLICY_NONE, current);
    }

    /** Caches a value computed under {@code stamp}, unless the trust roots changed meanwhile. */
    synchronized void put(String key, Stamp stamp, Object value) {
        if (capacity > 0 && stamp.trustVersion() == trustVersion) {
            results.put(key, new Cached(stamp, value));
        }
    }

    CacheStats stats() {
        int size;
        synchronized (this) {
            size = results.size();
        }
        return new CacheStats(hits.get(), misses.get(), size, invalidations.get());
    }
}
