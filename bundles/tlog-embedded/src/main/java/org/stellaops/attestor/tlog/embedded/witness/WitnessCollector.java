package org.stellaops.attestor.tlog.embedded.witness;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.stellaops.attestor.sdk.note.NoteSignature;

/**
 * Collects witness cosignatures for the log's checkpoints, in the background: after a checkpoint is published,
 * a round asks every witness that has not cosigned the LATEST checkpoint yet, in parallel, and stores the verified
 * cosignatures durably with that checkpoint. At most one round starts per interval, so a busy log is cosigned
 * about once per interval rather than once per batch; a witness that failed is retried with exponential backoff.
 *
 * <p>Witnessing never blocks or fails the log: rounds run on their own thread, every failure is logged and
 * counted in {@link #status()}, and appends go on regardless.
 */
public final class WitnessCollector implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WitnessCollector.class.getName());

    private final CheckpointSource source;
    private final CosignatureStore store;
    private final List<WitnessTracker> trackers;
    private final WitnessClient client;
    private final long intervalNanos;
    private final long roundBoundNanos;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean roundScheduled = new AtomicBoolean();
    private final AtomicLong rounds = new AtomicLong();
    private final AtomicLong storeFailures = new AtomicLong();
    /** Completed by {@link #close()}: a round stops waiting for witnesses and stores nothing more. */
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile WitnessEvents events = WitnessEvents.NONE;
    private volatile long lastRoundStartNanos;

    private WitnessCollector(WitnessSettings settings, CheckpointSource source, CosignatureStore store,
                             List<WitnessTracker> trackers, HttpClient http) {
        this.source = source;
        this.store = store;
        this.trackers = trackers;
        Duration timeout = Duration.ofMillis(settings.timeoutMillis());
        this.client = new WitnessClient(http, timeout, source);
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(settings.intervalMillis());
        // A 409 costs a second request; allow both, plus slack for the proof and the response parsing.
        this.roundBoundNanos = 2 * timeout.toNanos() + TimeUnit.SECONDS.toNanos(1);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tlog-embedded-witness");
            t.setDaemon(true);
            return t;
        });
        this.lastRoundStartNanos = System.nanoTime() - intervalNanos;
    }

    /**
     * Starts collecting; the first round runs at once, so a restarted log catches up with its witnesses.
     *
     * @param settings the witnesses, not empty
     * @param logDirectory where the per-witness state files live
     * @param source the log
     * @param store where cosignatures go
     * @return the running collector
     * @throws IOException if a witness state file cannot be read
     */
    public static WitnessCollector start(WitnessSettings settings, Path logDirectory, CheckpointSource source,
                                         CosignatureStore store) throws IOException {
        List<WitnessTracker> trackers = new ArrayList<>();
        for (WitnessEndpoint w : settings.witnesses()) {
            trackers.add(WitnessTracker.load(w, logDirectory));
        }
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(settings.timeoutMillis()))
                .followRedirects(HttpClient.Redirect.NEVER);
        if (settings.tls() != null) {
            builder.sslContext(settings.tls());
        }
        HttpClient http = builder.build();
        WitnessCollector collector = new WitnessCollector(settings, source, store, trackers, http);
        collector.published();
        return collector;
    }

    /** Tells the collector a checkpoint was published. Cheap and non-blocking: called on the sequencer thread. */
    public void published() {
        if (roundScheduled.compareAndSet(false, true)) {
            long wait = lastRoundStartNanos + intervalNanos - System.nanoTime();
            schedule(Math.max(0, wait));
        }
    }

    /** @param events where each witness's answer is reported from now on */
    public void reportTo(WitnessEvents events) {
        this.events = java.util.Objects.requireNonNull(events, "events");
    }

    /** @return one status line per configured witness, in configuration order */
    public List<WitnessStatus> status() {
        return trackers.stream().map(WitnessTracker::status).toList();
    }

    /** @return how many rounds ran since the collector started */
    public long rounds() {
        return rounds.get();
    }

    /** @return how many rounds could not store the cosignatures they obtained */
    public long storeFailures() {
        return storeFailures.get();
    }

    /**
     * Stops collecting. A round waiting for witnesses stops waiting and stores nothing; a round storing finishes
     * its write. The round thread is not interrupted: an interrupt inside file I/O would close the shared
     * cosignature history under it.
     */
    @Override
    public void close() {
        closed.complete(null);
        scheduler.shutdown();
        boolean interrupted = false;
        while (!scheduler.isTerminated()) {
            try {
                scheduler.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void schedule(long delayNanos) {
        try {
            scheduler.schedule(this::round, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            roundScheduled.set(false);
        }
    }

    private void round() {
        // Cleared first: a checkpoint published while this round runs schedules the next one.
        roundScheduled.set(false);
        long start = System.nanoTime();
        lastRoundStartNanos = start;
        rounds.incrementAndGet();
        try {
            runRound(start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The scheduler would swallow it silently and the log would never be witnessed again.
            LOG.log(Level.ERROR, "witness round failed", e);
        }
        scheduleRetry();
    }

    private void runRound(long start) throws InterruptedException {
        SignedCheckpoint checkpoint = source.latest();
        if (checkpoint.size() == 0) {
            return;
        }
        List<WitnessTracker> asked = new ArrayList<>();
        List<CompletableFuture<WitnessClient.Outcome>> outcomes = new ArrayList<>();
        for (WitnessTracker t : trackers) {
            if (t.size() != checkpoint.size() && t.due(start)) {
                asked.add(t);
                outcomes.add(client.cosign(t.endpoint(), t.size(), checkpoint));
            }
        }
        List<NoteSignature> collected = new ArrayList<>();
        for (int i = 0; i < asked.size(); i++) {
            WitnessClient.Outcome outcome = await(outcomes.get(i), start);
            if (closed.isDone()) {
                return;
            }
            record(asked.get(i), outcome, checkpoint);
            collected.addAll(outcome.cosignatures());
        }
        if (!collected.isEmpty()) {
            try {
                store.add(checkpoint.size(), checkpoint.note(), collected, source.latest().size() == checkpoint.size());
            } catch (IOException | RuntimeException e) {
                storeFailures.incrementAndGet();
                LOG.log(Level.ERROR, "could not store " + collected.size() + " cosignatures of size " + checkpoint.size(), e);
            }
        }
    }

    private WitnessClient.Outcome await(CompletableFuture<WitnessClient.Outcome> outcome, long start)
            throws InterruptedException {
        try {
            CompletableFuture.anyOf(outcome, closed)
                    .get(Math.max(0, start + roundBoundNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            return outcome.isDone() ? outcome.join() : WitnessClient.Outcome.failure("the log is closing", -1);
        } catch (TimeoutException e) {
            outcome.cancel(true);
            return WitnessClient.Outcome.failure("no answer within the round's time bound", -1);
        } catch (ExecutionException e) {
            return WitnessClient.Outcome.failure(String.valueOf(e.getCause()), -1);
        }
    }

    private void record(WitnessTracker tracker, WitnessClient.Outcome outcome, SignedCheckpoint checkpoint) {
        if (outcome.witnessSize() >= 0) {
            try {
                tracker.remember(outcome.witnessSize());
            } catch (IOException e) {
                LOG.log(Level.WARNING, "could not persist the size witness " + tracker.endpoint().name() + " holds", e);
            }
        }
        String name = tracker.endpoint().name();
        String url = String.valueOf(tracker.endpoint().addCheckpoint());
        if (outcome.error() == null) {
            tracker.succeeded(outcome.cosignatures().size(), Instant.now());
            events.report("COSIGNED", java.util.Map.of("witness", name, "url", url, "size", checkpoint.size(),
                    "cosignatures", outcome.cosignatures().size()));
        } else {
            tracker.failed(outcome.error(), Instant.now(), System.nanoTime(), intervalNanos);
            events.report("WITNESS_FAILED", java.util.Map.of("witness", name, "url", url, "size", checkpoint.size(),
                    "detail", outcome.error()));
            LOG.log(Level.WARNING, "witness " + tracker.endpoint().name() + " (" + tracker.endpoint().addCheckpoint()
                    + ") did not cosign size " + checkpoint.size() + ": " + outcome.error());
        }
    }

    /** Witnesses still behind the latest checkpoint get another round once their backoff allows. */
    private void scheduleRetry() {
        if (closed.isDone()) {
            return;
        }
        long latest;
        try {
            latest = source.latest().size();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot read the latest checkpoint; witnessing resumes with the next one", e);
            return;
        }
        long next = Long.MAX_VALUE;
        for (WitnessTracker t : trackers) {
            if (latest > 0 && t.size() != latest) {
                long due = t.due(System.nanoTime()) ? lastRoundStartNanos + intervalNanos : t.notBeforeNanos();
                next = Math.min(next, due);
            }
        }
        if (next != Long.MAX_VALUE && roundScheduled.compareAndSet(false, true)) {
            schedule(Math.max(0, Math.max(next, lastRoundStartNanos + intervalNanos) - System.nanoTime()));
        }
    }
}
