package org.stellaops.attestor.it.osgi;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Continuous submissions of SLSA provenance while a predicate plugin comes and goes: each client signs a fresh
 * statement about its own artifact and posts it to {@code /api/v1/rekor/entries}. Another family's plugin must
 * not disturb them, so every answer other than 201/202 with a uuid counts as a failure, and so does a request that
 * gets no answer within the client's timeout. Each answer records the phase the test was in when the request
 * started and when it ended.
 */
final class ProvenanceLoad implements AutoCloseable {

    /**
     * One answer.
     *
     * @param status -1 when the request got no answer (I/O error or timeout)
     * @param failure null when accepted, else why not
     */
    record Outcome(int client, String startedIn, String endedIn, int status, long nanos, String failure) {

        boolean accepted() {
            return failure == null;
        }

        @Override
        public String toString() {
            return "client " + client + " [" + startedIn + " -> " + endedIn + "] " + status + " in "
                    + nanos / 1_000_000 + " ms" + (failure == null ? "" : ": " + failure);
        }
    }

    /**
     * Each client sends at most one submission per this many nanoseconds: four clients make at most 160 requests a
     * second, far below the HTTP layer's rate limit per principal (1,000/s), which the test's own requests share.
     */
    private static final long PACE_NANOS = 25_000_000;

    private final HttpApi api;
    private final Provenance signer;
    private final String runId = Long.toHexString(System.nanoTime());
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final Set<String> phases = new LinkedHashSet<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ExecutorService clients;
    private volatile String phase;

    ProvenanceLoad(HttpApi api, Provenance signer, int clientCount, String firstPhase) {
        this.api = api;
        this.signer = signer;
        enter(firstPhase);
        this.clients = Executors.newFixedThreadPool(clientCount, r -> new Thread(r, "slsa-load"));
        for (int i = 0; i < clientCount; i++) {
            int client = i;
            clients.execute(() -> loop(client));
        }
    }

    synchronized void enter(String next) {
        phases.add(next);
        phase = next;
    }

    private void loop(int client) {
        long sequence = 0;
        while (running.get()) {
            String started = phase;
            long t0 = System.nanoTime();
            String artifact = "slsa-load/" + runId + "/" + client + "/" + sequence++ + ".jar";
            int status = -1;
            String failure;
            byte[] envelope = signer.signedEnvelope(artifact);
            inFlight.incrementAndGet();
            try {
                HttpApi.Response response = api.postJson("/api/v1/rekor/entries", envelope);
                status = response.status();
                failure = judge(response);
            } catch (UncheckedIOException | IllegalStateException e) {
                failure = String.valueOf(e);
            } finally {
                inFlight.decrementAndGet();
            }
            outcomes.add(new Outcome(client, started, phase, status, System.nanoTime() - t0, failure));
            long rest = PACE_NANOS - (System.nanoTime() - t0);
            if (rest > 0 && running.get()) {
                LockSupport.parkNanos(rest);
            }
        }
    }

    /** @return null for a new record (201, or 202 while the log is still working), else what is wrong */
    private static String judge(HttpApi.Response response) {
        if (response.status() != 201 && response.status() != 202) {
            return response.body().length() > 300 ? response.body().substring(0, 300) : response.body();
        }
        try {
            return response.json().path("uuid").asText().isEmpty() ? "no uuid: " + response.body() : null;
        } catch (UncheckedIOException e) {
            return "not JSON: " + response.body();
        }
    }

    /** Waits until {@code count} submissions that started in {@code inPhase} were accepted. */
    void awaitAccepted(String inPhase, int count, Duration bound) {
        Await.until(count + " SLSA submissions accepted in phase '" + inPhase + "'", bound,
                () -> outcomes.stream().filter(o -> o.accepted() && o.startedIn().equals(inPhase)).count(),
                n -> n >= count);
    }

    /**
     * Waits until a submission is on its way to the service, so that the plugin operation the test makes next
     * overlaps live traffic rather than a pause between requests.
     */
    void awaitInFlight(Duration bound) {
        Await.until("an SLSA submission in flight", bound, inFlight::get, n -> n > 0);
    }

    List<Outcome> failures() {
        return outcomes.stream().filter(o -> !o.accepted()).toList();
    }

    long total() {
        return outcomes.size();
    }

    /** @return per phase: submissions, accepted (201/202), failures, slowest; then the totals */
    synchronized String summary() {
        StringBuilder text = new StringBuilder();
        List<Outcome> all = new ArrayList<>(outcomes);
        for (String name : phases) {
            text.append(line("  " + name, all.stream().filter(o -> o.startedIn().equals(name)).toList()));
        }
        text.append(line("  all phases", all));
        long spanning = all.stream().filter(o -> !o.startedIn().equals(o.endedIn())).count();
        text.append("  in flight across a phase change: ").append(spanning).append('\n');
        all.stream().max(Comparator.comparingLong(Outcome::nanos))
                .ifPresent(o -> text.append("  slowest: ").append(o).append('\n'));
        return text.toString();
    }

    private static String line(String label, List<Outcome> in) {
        long created = in.stream().filter(o -> o.accepted() && o.status() == 201).count();
        long pending = in.stream().filter(o -> o.accepted() && o.status() == 202).count();
        long failed = in.stream().filter(o -> !o.accepted()).count();
        long slowest = in.stream().mapToLong(Outcome::nanos).max().orElse(0) / 1_000_000;
        long[] sorted = in.stream().mapToLong(Outcome::nanos).sorted().toArray();
        long median = sorted.length == 0 ? 0 : sorted[sorted.length / 2] / 1_000_000;
        return String.format("%s: %d submissions, %d created (201), %d pending (202), %d failed; median %d ms, "
                + "slowest %d ms%n", label, in.size(), created, pending, failed, median, slowest);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        clients.shutdown();
        if (!clients.awaitTermination(60, TimeUnit.SECONDS)) {
            clients.shutdownNow();
            throw new AssertionError("the SLSA load clients did not stop: a request hangs");
        }
    }
}
