package org.stellaops.attestor.core.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.cas.StorageException;
import org.stellaops.attestor.store.CoveredEntry;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.EntryStore;
import org.stellaops.attestor.store.LogTarget;
import org.stellaops.attestor.store.SignatureCoverage;

/**
 * The state transitions of a record's log targets. Every change is a read-modify-replace of the stored record
 * under a lock striped on the envelope digest, so results arriving at the same time for the same record (the
 * primary and a mirror, two signatures) never overwrite each other.
 */
final class OutboxRecords {

    private static final int STRIPES = 64;
    /** Compare-and-set conflicts tolerated in one update before giving up (each means another worker wrote). */
    private static final int MAX_CONFLICTS = 16;

    /** A failure of one attempt. */
    record Failure(String code, String detail, boolean permanent) {
    }

    /** What a failure did to the target. */
    record FailureOutcome(EntryRecord record, boolean failedForGood, long retryDelayMillis) {
    }

    private final EntryStore entries;
    private final Clock clock;
    private final Backoff backoff;
    private final int maxRejections;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    OutboxRecords(EntryStore entries, Clock clock, Backoff backoff, int maxRejections) {
        this.entries = entries;
        this.clock = clock;
        this.backoff = backoff;
        this.maxRejections = Math.max(1, maxRejections);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /**
     * Gives a record that was stored while no log was registered one target per log registered now.
     *
     * @return the record as stored afterwards
     */
    EntryRecord ensureTargets(EntryRecord record, List<LogTarget> targets) {
        if (!record.logs().isEmpty() || targets.isEmpty()) {
            return record;
        }
        return update(record.tenant(), record.envelopeDigest(),
                current -> current.logs().isEmpty() ? current.withLogs(targets) : current).orElse(record);
    }

    /**
     * Stores a log's entry for one signature; the target becomes {@code logged} once it covers every signature.
     *
     * @return the record as stored afterwards, empty if it is gone
     */
    Optional<EntryRecord> logged(String tenant, String digest, String logId, int signatureIndex, String via,
                                 LogEntry entry) {
        return update(tenant, digest, current -> withEntry(current, logId, signatureIndex, via, entry));
    }

    /**
     * The record with one more covered signature on a log's target, in memory; the target becomes {@code logged}
     * once it covers every signature. Unchanged if the target is unknown or already covers the signature.
     */
    static EntryRecord withEntry(EntryRecord current, String logId, int signatureIndex, String via, LogEntry entry) {
        Optional<LogTarget> target = current.log(logId);
        if (target.isEmpty() || target.get().covers(signatureIndex)) {
            return current;
        }
        LogTarget t = target.get();
        List<CoveredEntry> covered = new ArrayList<>(t.entries());
        covered.add(new CoveredEntry(signatureIndex, via, entry));
        covered.sort(Comparator.comparingInt(CoveredEntry::signatureIndex));
        boolean complete = current.signatures().stream().map(SignatureCoverage::signatureIndex)
                .allMatch(i -> covered.stream().anyMatch(c -> c.signatureIndex() == i));
        LogTarget next = new LogTarget(t.logId(), t.origin(), t.kind(), t.role(),
                complete ? LogTarget.LOGGED : t.state(), 0, t.rejections(), null, null, covered);
        return current.withLogs(replace(current.logs(), next));
    }

    /**
     * Counts a failed attempt on a pending target: backoff for the next one, or {@code failed} once the log has
     * refused {@code maxRejections} times.
     *
     * @return the outcome, empty if the record is gone or the target is no longer pending
     */
    Optional<FailureOutcome> failed(String tenant, String digest, String logId, Failure failure) {
        FailureOutcome[] outcome = new FailureOutcome[1];
        Optional<EntryRecord> stored = update(tenant, digest, current -> {
            outcome[0] = withFailure(current, logId, failure);
            return outcome[0] == null ? current : outcome[0].record();
        });
        return stored.isEmpty() || outcome[0] == null ? Optional.empty() : Optional.of(outcome[0]);
    }

    /**
     * Counts a failed attempt on a pending target, in memory.
     *
     * @return the outcome, or null if the target is unknown or no longer pending
     */
    FailureOutcome withFailure(EntryRecord current, String logId, Failure failure) {
        Optional<LogTarget> target = current.log(logId).filter(LogTarget::pending);
        if (target.isEmpty()) {
            return null;
        }
        LogTarget t = target.get();
        int attempts = t.attempts() + 1;
        int rejections = t.rejections() + (failure.permanent() ? 1 : 0);
        boolean failedForGood = failure.permanent() && rejections >= maxRejections;
        long delay = failedForGood ? 0 : backoff.delayMillis(attempts);
        Instant next = failedForGood ? null : clock.instant().plusMillis(delay);
        LogTarget updated = new LogTarget(t.logId(), t.origin(), t.kind(), t.role(),
                failedForGood ? LogTarget.FAILED : LogTarget.PENDING, attempts, rejections,
                failure.code() + ": " + failure.detail(), next, t.entries());
        return new FailureOutcome(current.withLogs(replace(current.logs(), updated)), failedForGood, delay);
    }

    private Optional<EntryRecord> update(String tenant, String digest, UnaryOperator<EntryRecord> change) {
        ReentrantLock lock = stripes[Math.floorMod(digest.hashCode(), STRIPES)];
        lock.lock();
        try {
            // the lock spares this worker futile retries; the compare-and-set guards against other workers
            for (int attempt = 1; ; attempt++) {
                Optional<EntryRecord> current = entries.byEnvelopeDigest(tenant, digest);
                if (current.isEmpty()) {
                    return current;
                }
                EntryRecord next = change.apply(current.get());
                if (next.equals(current.get()) || entries.replaceIf(current.get(), next)) {
                    return Optional.of(next);
                }
                if (attempt == MAX_CONFLICTS) {
                    throw new StorageException(StorageException.FAILURE, "record " + digest + " kept changing under "
                            + MAX_CONFLICTS + " attempts to update it; another worker may be stuck in a loop", null);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private static List<LogTarget> replace(List<LogTarget> targets, LogTarget updated) {
        return targets.stream().map(t -> t.logId().equals(updated.logId()) ? updated : t).toList();
    }
}
