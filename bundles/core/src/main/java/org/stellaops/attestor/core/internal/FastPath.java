package org.stellaops.attestor.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.tlog.LogDescriptor;
import org.stellaops.attestor.api.tlog.TransparencyLogException;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.LogTarget;

/**
 * The fast path of a submission: logs the planned entries to the primary log before the record is stored, so
 * that normally the record is written once, already holding its proofs. When it fails the record is stored
 * pending (with the failure counted) and the outbox takes over; logs dedupe, so an entry that did reach the log is
 * found again instead of being logged twice. No lease is needed: the record does not exist yet. Split in
 * {@link #start} and {@link #await} so that the envelope is archived while the log integrates its entries, and so
 * that a batch hands every entry of every item to the log at once (the log batches them) and waits for all of them
 * under one deadline.
 */
final class FastPath {

    /**
     * What the fast path got from the primary log.
     *
     * @param record the record with its primary target logged, or null
     * @param failure the primary's refusal or error, or null (also null when it did not answer in time)
     */
    record FirstAttempt(EntryRecord record, OutboxRecords.Failure failure) {
    }

    /**
     * The primary's pending answers for one record.
     *
     * @param log the primary log, or null when none is registered
     * @param answers one per planned entry, in plan order
     */
    record Started(LogDescriptor log, List<CompletableFuture<LogEntry>> answers) {
    }

    private final LogRegistry logs;
    private final EntryChecks checks;
    private final LogHealth health;
    private final OutboxRecords outbox;
    private final BooleanSupplier closed;

    FastPath(LogRegistry logs, EntryChecks checks, LogHealth health, OutboxRecords outbox, BooleanSupplier closed) {
        this.logs = logs;
        this.checks = checks;
        this.health = health;
        this.outbox = outbox;
        this.closed = closed;
    }

    /** Hands the planned entries to the primary log without waiting for its answers. */
    Started start(EntryRecord record, PublishJob job) {
        Optional<LogRegistry.Registration> registration = closed.getAsBoolean() ? Optional.empty()
                : record.logs().stream().filter(LogTarget::primary).findFirst()
                        .flatMap(t -> logs.registration(t.logId()));
        if (registration.isEmpty()) {
            return new Started(null, List.of());
        }
        List<CompletableFuture<LogEntry>> answers = new ArrayList<>();
        for (PlannedEntry planned : job.entries()) {
            try {
                answers.add(registration.get().log().submit(planned.request(), job.envelope()).toCompletableFuture());
            } catch (RuntimeException e) {
                answers.add(CompletableFuture.failedFuture(e));
            }
        }
        return new Started(registration.get().descriptor(), answers);
    }

    /**
     * Waits for the answers of {@link #start} until {@code deadlineNanos} ({@link System#nanoTime()} scale) and
     * checks them as the publisher would.
     */
    FirstAttempt await(Started started, EntryRecord record, PublishJob job, long deadlineNanos) {
        LogDescriptor log = started.log();
        if (log == null) {
            return new FirstAttempt(null, null);
        }
        EntryRecord result = record;
        for (int i = 0; i < started.answers().size(); i++) {
            PlannedEntry planned = job.entries().get(i);
            LogEntry entry;
            try {
                entry = started.answers().get(i).get(Math.max(0, deadlineNanos - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return new FirstAttempt(null, null);
            } catch (ExecutionException e) {
                return failed(log, Publisher.classify(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new FirstAttempt(null, null);
            }
            String reason = checks.acceptance(log, entry, planned, job.digestHex());
            if (reason != null) {
                return failed(log, new OutboxRecords.Failure(TransparencyLogException.BAD_PROOF, reason, true));
            }
            result = OutboxRecords.withEntry(result, primaryLogId(record, log), planned.signatureIndex(), planned.via(),
                    entry);
        }
        health.success(log);
        return new FirstAttempt(result, null);
    }

    /** @return the record as first stored: logged by the primary, or pending with the primary's failure counted */
    EntryRecord firstVersion(EntryRecord record, FirstAttempt attempt) {
        if (attempt.record() != null) {
            return attempt.record();
        }
        if (attempt.failure() == null) {
            return record;
        }
        Optional<LogTarget> primary = record.logs().stream().filter(LogTarget::primary).findFirst();
        OutboxRecords.FailureOutcome outcome = primary
                .map(t -> outbox.withFailure(record, t.logId(), attempt.failure())).orElse(null);
        return outcome == null ? record : outcome.record();
    }

    /** The primary target's log ID: the log's ID when the record was made, even if it rotated its key since. */
    private static String primaryLogId(EntryRecord record, LogDescriptor log) {
        return record.logs().stream().filter(LogTarget::primary).map(LogTarget::logId)
                .filter(id -> log.versionFor(id).isPresent()).findFirst().orElse(log.logId());
    }

    private FirstAttempt failed(LogDescriptor log, OutboxRecords.Failure failure) {
        if (!failure.permanent()) {
            health.failure(log, failure.code() + ": " + failure.detail());
        }
        return new FirstAttempt(null, failure);
    }
}
