package org.stellaops.attestor.core.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.EntryStore;
import org.stellaops.attestor.store.Receipt;

/**
 * What a verification result depends on besides the trust roots and the policy: the state of the logs whose entries
 * it checked, the service keys of its receipts, the configured RFC 3161 timestamp authorities and, for a record still
 * being published, the record.
 */
final class CacheStamps {

    private final EntryStore entries;
    private final LogHeads heads;
    private final ServiceKeys serviceKeys;
    private final Supplier<TimestampAuthorities> timestampAuthorities;

    CacheStamps(EntryStore entries, LogHeads heads, ServiceKeys serviceKeys,
                Supplier<TimestampAuthorities> timestampAuthorities) {
        this.entries = entries;
        this.heads = heads;
        this.serviceKeys = serviceKeys;
        this.timestampAuthorities = timestampAuthorities;
    }

    /**
     * @param trust the trust-root version read before the computation
     * @param record the record verified (null: not stored), stamped after verifying, so that the log heads the
     *               verification itself observed are the ones recorded
     * @param supplied whether the record was built from entries the caller supplied (it never changes)
     */
    VerificationCache.Stamp stamp(long trust, String tenant, String digest, EntryRecord record, boolean supplied) {
        Map<String, LogHeads.State> logs = new LinkedHashMap<>();
        Map<String, Boolean> keys = new LinkedHashMap<>();
        if (record != null) {
            for (LogEntry e : record.logEntries()) {
                logs.computeIfAbsent(e.logId(), heads::state);
            }
            for (Receipt r : record.receipts()) {
                keys.computeIfAbsent(r.serviceKeyId(), serviceKeys::usable);
            }
        }
        boolean settled = supplied || (record != null && !record.pending());
        return new VerificationCache.Stamp(trust, VerificationCache.POLICY_NONE, Map.copyOf(logs), Map.copyOf(keys),
                timestampAuthorities.get().fingerprint(), tenant, digest, settled, settled ? null : record);
    }

    /** Whether everything but the trust-root and policy versions is still as the stamp says. */
    boolean current(VerificationCache.Stamp stamp) {
        for (Map.Entry<String, LogHeads.State> log : stamp.logs().entrySet()) {
            if (!heads.state(log.getKey()).equals(log.getValue())) {
                return false;
            }
        }
        for (Map.Entry<String, Boolean> key : stamp.serviceKeys().entrySet()) {
            if (serviceKeys.usable(key.getKey()) != key.getValue()) {
                return false;
            }
        }
        if (!timestampAuthorities.get().fingerprint().equals(stamp.timestampAuthorities())) {
            return false;
        }
        return stamp.settled() || Objects.equals(
                entries.byEnvelopeDigest(stamp.tenant(), stamp.envelopeDigest()).orElse(null), stamp.unsettled());
    }
}
