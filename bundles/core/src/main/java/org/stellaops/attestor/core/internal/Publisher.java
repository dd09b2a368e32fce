package org.stellaops.attestor.core.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.tlog.LogDescriptor;
import org.stellaops.attestor.api.tlog.TransparencyLogException;
import org.stellaops.attestor.cas.ContentStore;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.dsse.DsseEnvelopes;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.EntryStore;
import org.stellaops.attestor.store.LogTarget;

/**
 * The log publisher: drains the durable outbox (records whose status is {@code pending}) into every log target.
 *
 * <p>For each pending target of a record, and each covered signature that target still lacks, one attempt chain
 * runs at a time: submit to the log (bounded by {@code submitTimeout}), check the answer locally (body, leaf,
 * inclusion proof, checkpoint signature), store it; on failure count the attempt on the target and retry after an
 * exponential, fully jittered backoff, or give up once the log has refused the entry {@code maxRejections} times.
 * A target whose log is not registered right now just stays pending. A periodic scan of
 * {@link EntryStore#claimable} (also run at start, so a crash loses nothing) resumes whatever no chain is working on
 * once its {@code nextAttemptAt} is due.
 *
 * <p>Several workers may share the store: a chain starts only once this worker holds the record's lease
 * ({@link OutboxLeases}), renews it before every attempt, stops when it is lost, and the lease is given up once the
 * record is settled. A lease lost in the middle of an attempt can cost a duplicate request, never a duplicate entry:
 * logs dedupe by leaf hash and results are stored by compare-and-set.
 */
final class Publisher implements AutoCloseable {

    /** Publisher settings. */
    record Settings(int threads, Duration submitTimeout, Duration scanInterval, int scanLimit) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

    private final EntryStore entries;
    private final ContentStore cas;
    private final LogRegistry logs;
    private final EntryPlanner planner;
    private final EntryChecks checks;
    private final OutboxRecords outbox;
    private final LogHealth health;
    private final Auditor auditor;
    private final Clock clock;
    private final JsonLimits limits;
    private final Settings settings;
    private final OutboxLeases leases;
    private final ScheduledThreadPoolExecutor executor;
    /** Keys {@code tenant|digest|logId|signatureIndex} of attempt chains in progress (running or waiting to retry). */
    private final Set<String> chains = ConcurrentHashMap.newKeySet();
    private final PrimaryWaiters waiters = new PrimaryWaiters();
    private volatile Map<String, Long> pendingByLog = Map.of();
    private volatile boolean closed;

    Publisher(EntryStore entries, ContentStore cas, LogRegistry logs, EntryPlanner planner, EntryChecks checks,
              OutboxRecords outbox, LogHealth health, Auditor auditor, Clock clock, JsonLimits limits,
              Settings settings, OutboxLeases leases) {
        this.entries = entries;
        this.cas = cas;
        this.logs = logs;
        this.planner = planner;
        this.checks = checks;
        this.outbox = outbox;
        this.health = health;
        this.auditor = auditor;
        this.clock = clock;
        this.limits = limits;
        this.settings = settings;
        this.leases = leases;
        this.executor = new ScheduledThreadPoolExecutor(Math.max(1, settings.threads()), threads());
        executor.setRemoveOnCancelPolicy(true);
    }

    /** Starts the periodic outbox scan; the first scan runs at once and resumes what a previous run left. */
    void start() {
        executor.scheduleWithFixedDelay(this::scan, 0, Math.max(1, settings.scanInterval().toMillis()),
                TimeUnit.MILLISECONDS);
    }

    /** Scans the outbox soon, e.g. because a log was registered. */
    void wake() {
        execute(this::scan);
    }

    /**
     * Starts publishing a record that was just stored.
     *
     * @return completes with the stored record once no primary target is pending any more
     */
    CompletableFuture<EntryRecord> publish(EntryRecord record, PublishJob job) {
        CompletableFuture<EntryRecord> primary = waiters.register(record);
        startLeased(record, job);
        // a scan may have picked the record up before the waiter existed, and even finished it
        entries.byEnvelopeDigest(record.tenant(), record.envelopeDigest()).ifPresent(waiters::settle);
        return primary;
    }

    /** @return whether the publisher was closed (it then starts nothing new) */
    boolean closed() {
        return closed;
    }

    /** Publishes a stored record's pending (mirror) targets without anyone waiting for them. */
    void publishInBackground(EntryRecord record, PublishJob job) {
        startLeased(record, job);
    }

    /** Starts the chains of a record this worker just stored, once it holds the record's lease. */
    private void startLeased(EntryRecord record, PublishJob job) {
        boolean work = record.logs().stream().anyMatch(t -> t.pending() && logs.registration(t.logId()).isPresent());
        if (work && !closed && leases.take(record.tenant(), record.envelopeDigest())) {
            startChains(record, job, false);
        }
    }

    /** Stops waiting for a record's primary target (its submission gave up waiting). */
    void forget(EntryRecord record, CompletableFuture<EntryRecord> waiter) {
        waiters.forget(record, waiter);
    }

    /** @return pending targets per log id, as counted by the last scan */
    Map<String, Long> pendingByLog() {
        return pendingByLog;
    }

    void scan() {
        if (closed) {
            return;
        }
        try {
            Map<String, Long> counts = new HashMap<>();
            for (EntryRecord record : entries.pending(settings.scanLimit())) {
                record.logs().stream().filter(LogTarget::pending)
                        .forEach(t -> counts.merge(t.logId(), 1L, Long::sum));
            }
            pendingByLog = Map.copyOf(counts);
            for (EntryRecord record : leases.claimable(settings.scanLimit())) {
                resume(record);
            }
        } catch (RuntimeException e) {
            // a store outage must not end the periodic scan: the next run tries again
            LOG.warn("outbox scan failed: {}", e.toString());
        }
    }

    private void resume(EntryRecord claimed) {
        try {
            boolean work = claimed.logs().isEmpty() ? !logs.targets().isEmpty() : anyDue(claimed);
            if (closed || !work || !leases.take(claimed.tenant(), claimed.envelopeDigest())) {
                return;
            }
            // another worker may have published it between the scan and the lease
            Optional<EntryRecord> current = entries.byEnvelopeDigest(claimed.tenant(), claimed.envelopeDigest());
            if (current.isEmpty() || !current.get().pending()) {
                leases.release(claimed.tenant(), claimed.envelopeDigest());
                return;
            }
            EntryRecord record = outbox.ensureTargets(current.get(), logs.targets());
            if (anyDue(record)) {
                startChains(record, load(record), true);
            }
        } catch (AttestorException e) {
            // e.g. the key driver holding a receipt's service key is gone; a later scan retries
            LOG.info("cannot publish {} now: {}", claimed.envelopeDigest(), e.getMessage());
        } catch (RuntimeException e) {
            // one broken record (archive damaged, trusted key gone) must not hold up the rest of the outbox
            LOG.error("cannot publish {}: {}", claimed.envelopeDigest(), e.toString());
        }
    }

    private boolean anyDue(EntryRecord record) {
        Instant now = clock.instant();
        return record.logs().stream().anyMatch(t -> due(t, now) && logs.registration(t.logId()).isPresent()
                && record.signatures().stream().anyMatch(s -> !t.covers(s.signatureIndex())
                && !chains.contains(chainKey(record.tenant(), record.envelopeDigest(), t.logId(),
                        s.signatureIndex()))));
    }

    private static boolean due(LogTarget target, Instant now) {
        return target.pending() && (target.nextAttemptAt() == null || !target.nextAttemptAt().isAfter(now));
    }

    private PublishJob load(EntryRecord record) {
        byte[] bytes = cas.get(record.casDigest()).orElseThrow(() -> new IllegalStateException(
                "the archived envelope of " + record.envelopeDigest() + " is missing"));
        // it was accepted before: parse it under limits that fit it even if the configured ones shrank since
        JsonLimits archived = new JsonLimits(bytes.length + 1,
                Math.max(limits.maxDepth(), JsonLimits.DEFAULT.maxDepth()));
        var envelope = DsseEnvelopes.parse(bytes, archived).envelope();
        return new PublishJob(record.tenant(), record.envelopeDigest(), envelope,
                planner.replan(record, envelope));
    }

    private void startChains(EntryRecord record, PublishJob job, boolean onlyDue) {
        Instant now = clock.instant();
        for (LogTarget target : record.logs()) {
            if (!target.pending() || (onlyDue && !due(target, now))) {
                continue;
            }
            for (PlannedEntry planned : job.entries()) {
                String key = chainKey(job.tenant(), job.envelopeDigest(), target.logId(), planned.signatureIndex());
                if (!target.covers(planned.signatureIndex()) && chains.add(key)) {
                    execute(() -> attempt(job, target.logId(), planned, key));
                }
            }
        }
    }

    private void attempt(PublishJob job, String logId, PlannedEntry planned, String key) {
        Optional<LogRegistry.Registration> registration = closed ? Optional.empty() : logs.registration(logId);
        if (registration.isEmpty()) {
            chains.remove(key); // stays pending until the log is back and a scan finds it
            return;
        }
        if (!leases.take(job.tenant(), job.envelopeDigest())) {
            chains.remove(key); // another worker holds the record now: it publishes, this chain ends
            return;
        }
        LogDescriptor log = registration.get().descriptor();
        CompletableFuture<LogEntry> answer;
        try {
            answer = registration.get().log().submit(planned.request(), job.envelope()).toCompletableFuture();
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        // a copy, so the timeout never completes a future the log itself may still hold
        // the record's target keeps the log ID the log had when the record was made, whatever key it signs with now
        answer.copy().orTimeout(settings.submitTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((entry, error) -> execute(() -> settle(job, new Target(logId, log), planned, key, entry,
                        error)));
    }

    /** A scheduled retry: reloads the record and its envelope, and tries again if the entry is still missing. */
    private void retry(String tenant, String digest, String logId, int signatureIndex, String key) {
        try {
            Optional<EntryRecord> record = closed ? Optional.empty() : entries.byEnvelopeDigest(tenant, digest);
            boolean missing = record.flatMap(r -> r.log(logId))
                    .filter(t -> t.pending() && !t.covers(signatureIndex)).isPresent();
            PublishJob job = missing ? load(record.get()) : null;
            Optional<PlannedEntry> planned = job == null ? Optional.empty()
                    : job.entries().stream().filter(p -> p.signatureIndex() == signatureIndex).findFirst();
            if (planned.isEmpty()) {
                chains.remove(key);
                return;
            }
            attempt(job, logId, planned.get(), key);
        } catch (RuntimeException e) {
            chains.remove(key); // the next scan resumes it
            LOG.info("cannot retry publishing {} now: {}", digest, e.toString());
        }
    }

    /**
     * The log an attempt went to: the log ID of the record's target (possibly of an earlier key version) and the
     * log's descriptor at the time of the attempt.
     */
    private record Target(String logId, LogDescriptor log) {
    }

    private void settle(PublishJob job, Target target, PlannedEntry planned, String key, LogEntry entry,
                        Throwable error) {
        boolean retrying = false;
        try {
            OutboxRecords.Failure failure = error != null ? classify(error)
                    : rejectedAnswer(job, target.log(), planned, entry);
            if (failure == null) {
                succeeded(job, target, planned, entry);
            } else {
                retrying = failed(job, target, planned, key, failure);
            }
        } catch (RuntimeException e) {
            // storage failure while recording the result: the next scan retries the whole attempt
            LOG.warn("cannot record the result of publishing {} to {}: {}", job.envelopeDigest(), target.log().origin(),
                    e.toString());
        } finally {
            if (!retrying) {
                chains.remove(key);
            }
        }
    }

    private OutboxRecords.Failure rejectedAnswer(PublishJob job, LogDescriptor log, PlannedEntry planned,
                                                 LogEntry entry) {
        String reason = checks.acceptance(log, entry, planned, job.digestHex());
        return reason == null ? null : new OutboxRecords.Failure(TransparencyLogException.BAD_PROOF, reason, true);
    }

    private void succeeded(PublishJob job, Target target, PlannedEntry planned, LogEntry entry) {
        // the log answered: that ends an outage whether or not the answer can be stored right now
        health.success(target.log());
        Optional<EntryRecord> stored = outbox.logged(job.tenant(), job.envelopeDigest(), target.logId(),
                planned.signatureIndex(), planned.via(), entry);
        stored.ifPresent(record -> {
            waiters.settle(record);
            if (!record.pending()) {
                leases.release(record.tenant(), record.envelopeDigest());
            }
            if (EntryRecord.LOGGED.equals(record.status())) {
                auditor.notifySystem("entry.logged", record.envelopeDigest(), "logged in every log",
                        Map.of("uuid", record.uuid()));
            }
        });
    }

    /** @return whether a retry was scheduled (the chain stays claimed) */
    private boolean failed(PublishJob job, Target target, PlannedEntry planned, String key,
                           OutboxRecords.Failure failure) {
        LogDescriptor log = target.log();
        if (!failure.permanent()) {
            health.failure(log, failure.code() + ": " + failure.detail());
        }
        Optional<OutboxRecords.FailureOutcome> outcome = outbox.failed(job.tenant(), job.envelopeDigest(),
                target.logId(), failure);
        if (outcome.isEmpty()) {
            return false;
        }
        if (outcome.get().failedForGood()) {
            auditor.system("tlog.rejected", job.envelopeDigest(), failure.code() + ": " + failure.detail(),
                    Map.of("logId", log.logId(), "origin", log.origin()));
            waiters.settle(outcome.get().record());
            if (!outcome.get().record().pending()) {
                leases.release(job.tenant(), job.envelopeDigest());
            }
            return false;
        }
        try {
            // the retry keeps only names, not the envelope: a long outage may park many records here
            String digest = job.envelopeDigest();
            int index = planned.signatureIndex();
            executor.schedule(() -> retry(job.tenant(), digest, target.logId(), index, key),
                    outcome.get().retryDelayMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException closing) {
            return false;
        }
    }

    static OutboxRecords.Failure classify(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof TimeoutException) {
            return new OutboxRecords.Failure(TransparencyLogException.UNAVAILABLE, "no answer in time", false);
        }
        if (cause instanceof TransparencyLogException tle) {
            boolean permanent = switch (tle.code()) {
                case TransparencyLogException.REJECTED, TransparencyLogException.BAD_PROOF,
                        TransparencyLogException.SPLIT_VIEW -> true;
                default -> false;
            };
            return new OutboxRecords.Failure(tle.code(), String.valueOf(tle.getMessage()), permanent);
        }
        return new OutboxRecords.Failure(TransparencyLogException.UNAVAILABLE, String.valueOf(cause), false);
    }

    private static String chainKey(String tenant, String digest, String logId, int signatureIndex) {
        return tenant + '|' + digest + '|' + logId + '|' + signatureIndex;
    }

    private void execute(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException closing) {
            LOG.debug("publisher closed; task dropped (the outbox keeps the work)");
        }
    }

    private static ThreadFactory threads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "attestor-publisher-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Stops publishing; whatever is pending stays in the outbox for the next start. */
    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        waiters.closeAll();
    }
}
