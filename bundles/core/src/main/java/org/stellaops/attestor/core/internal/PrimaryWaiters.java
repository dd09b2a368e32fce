package org.stellaops.attestor.core.internal;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.stellaops.attestor.store.EntryRecord;

/**
 * Submissions waiting for their record's primary target to settle (logged or failed for good). Mirrors are never
 * waited for.
 */
final class PrimaryWaiters {

    private final Map<String, CompletableFuture<EntryRecord>> waiting = new ConcurrentHashMap<>();

    /** @return completes with the record once no primary target is pending; at once if none is */
    CompletableFuture<EntryRecord> register(EntryRecord record) {
        if (!waitsForPrimary(record)) {
            return CompletableFuture.completedFuture(record);
        }
        CompletableFuture<EntryRecord> waiter = new CompletableFuture<>();
        waiting.put(key(record), waiter);
        return waiter;
    }

    /** Completes the waiter of this record if its primary target has settled. */
    void settle(EntryRecord record) {
        if (!waitsForPrimary(record)) {
            CompletableFuture<EntryRecord> waiter = waiting.remove(key(record));
            if (waiter != null) {
                waiter.complete(record);
            }
        }
    }

    void forget(EntryRecord record, CompletableFuture<EntryRecord> waiter) {
        waiting.remove(key(record), waiter);
    }

    /** Records are identified by tenant and digest: the same envelope may be pending in two tenants at once. */
    private static String key(EntryRecord record) {
        return record.tenant() + '\0' + record.envelopeDigest();
    }

    void closeAll() {
        waiting.values().forEach(w -> w.completeExceptionally(new IllegalStateException("the publisher stopped")));
        waiting.clear();
    }

    private static boolean waitsForPrimary(EntryRecord record) {
        return record.logs().stream().anyMatch(t -> t.primary() && t.pending());
    }
}
