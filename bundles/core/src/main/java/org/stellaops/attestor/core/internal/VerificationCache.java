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
 * A bounded (least recently used) cache of verification reports. A report is served again only while everything
 * it depended on is unchanged: the trust roots ({@code TrustRootStore.version()}), the policy version, the state of
 * every log whose entries it checked ({@link LogHeads.State}: latest checkpoint and its cosignatures, registration,
 * availability), the service keys of its receipts, and — for a record still being published, or an envelope not
 * stored at all — the stored record itself. A change of the trust roots drops every entry (counted as
 * invalidations); any other change makes the next lookup a miss that replaces the entry. The cache holds no lock
 * while a report is computed, and a hit does no I/O besides reading the trust-root version (and, for unsettled
 * records only, the record).
 */
final class VerificationCache {

    /** The policy version while no policy engine exists; the engine will put its own version here. */
    static final String POLICY_NONE = "none";

    /**
     * What a report depended on, captured before it was computed (so a change during the computation makes the
     * entry stale rather than wrongly current).
     *
     * @param trustVersion the trust-root version
     * @param policyVersion the policy version
     * @param logs the state of every log whose entries the report checked, by log id
     * @param serviceKeys for each receipt's service key: whether it was usable
     * @param tenant the tenant whose trust roots and records the report used
     * @param envelopeDigest the envelope digest
     * @param settled true when the record can no longer change (logged, partially logged, failed, or supplied by
     *                the caller); the store is then not consulted on a hit
     * @param unsettled the record as it was (null: not stored), compared on a hit when not settled
     */
    record Stamp(long trustVersion, String policyVersion, Map<String, LogHeads.State> logs,
                 Map<String, Boolean> serviceKeys, String tenant, String envelopeDigest, boolean settled,
                 EntryRecord unsettled) {
    }

    private record Cached(Stamp stamp, VerificationReport report) {
    }

    private final int capacity;
    private final Map<String, Cached> reports;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong invalidations = new AtomicLong();
    private long trustVersion = Long.MIN_VALUE;
    private String policyVersion = POLICY_NONE;

    /** @param capacity reports held at most; 0 disables the cache */
    VerificationCache(int capacity) {
        this.capacity = Math.max(0, capacity);
        this.reports = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                return size() > VerificationCache.this.capacity;
            }
        };
    }

    /**
     * @param key what was asked (request identity)
     * @param currentTrust the trust-root version now
     * @param currentPolicy the policy version now
     * @param current whether the rest of a stamp still holds
     * @return the cached report if it is still current
     */
    Optional<VerificationReport> get(String key, long currentTrust, String currentPolicy, Predicate<Stamp> current) {
        if (capacity == 0) {
            misses.incrementAndGet();
            return Optional.empty();
        }
        Cached cached;
        synchronized (this) {
            if (currentTrust != trustVersion || !currentPolicy.equals(policyVersion)) {
                invalidations.addAndGet(reports.size());
                reports.clear();
                trustVersion = currentTrust;
                policyVersion = currentPolicy;
            }
            cached = reports.get(key);
        }
        if (cached != null && current.test(cached.stamp())) {
            hits.incrementAndGet();
            return Optional.of(cached.report());
        }
        misses.incrementAndGet();
        return Optional.empty();
    }

    /** Caches a report computed under {@code stamp}, unless the trust roots or policy changed meanwhile. */
    synchronized void put(String key, Stamp stamp, VerificationReport report) {
        if (capacity > 0 && stamp.trustVersion() == trustVersion && stamp.policyVersion().equals(policyVersion)) {
            reports.put(key, new Cached(stamp, report));
        }
    }

    CacheStats stats() {
        int size;
        synchronized (this) {
            size = reports.size();
        }
        return new CacheStats(hits.get(), misses.get(), size, invalidations.get());
    }
}
