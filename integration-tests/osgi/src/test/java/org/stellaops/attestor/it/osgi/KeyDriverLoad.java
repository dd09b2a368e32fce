package org.stellaops.attestor.it.osgi;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Continuous signing and verification load while key drivers come and go. Every answer is recorded with the phase
 * the test was in when the request started and when it ended; a request may fail only with a driver outage (503,
 * code {@code key.driver_…}) and only if one of those phases expects its driver to be missing. A request that does
 * not answer within the client's timeout is a hang, which no phase allows.
 */
final class KeyDriverLoad implements AutoCloseable {

    /** What one request does. */
    enum Kind { SIGN_FILE, SIGN_HSM, VERIFY }

    /**
     * @param name for messages
     * @param mayFail the kinds whose driver is (or may be about to be) missing
     */
    record Phase(String name, Set<Kind> mayFail) {
        static Phase steady(String name) {
            return new Phase(name, EnumSet.noneOf(Kind.class));
        }

        static Phase without(String name, Kind kind) {
            return new Phase(name, EnumSet.of(kind));
        }
    }

    /** One answer. {@code status} is -1 for a request that failed without an answer (hang or I/O error). */
    record Outcome(Kind kind, Phase startedIn, Phase endedIn, int status, String code, long nanos, String detail) {

        boolean succeeded() {
            return status == 200 && code == null;
        }

        boolean isDriverOutage() {
            return status == 503 && code != null && code.startsWith("key.driver_");
        }

        boolean allowed() {
            return succeeded() || isDriverOutage()
                    && (startedIn.mayFail().contains(kind) || endedIn.mayFail().contains(kind));
        }

        @Override
        public String toString() {
            return kind + " [" + startedIn.name() + " → " + endedIn.name() + "] " + status + " " + code + " in "
                    + nanos / 1_000_000 + " ms: " + detail;
        }
    }

    /**
     * Each client sends at most one request per this many nanoseconds: six clients stay below the HTTP layer's default
     * rate limit per principal (1,000/s), which would otherwise answer 429 to a test about key drivers.
     */
    private static final long PACE_NANOS = 10_000_000;

    private final Map<Kind, Function<HttpApi, HttpApi.Response>> requests;
    private final Map<Kind, Function<HttpApi.Response, String>> judges;
    private final HttpApi api;
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService workers;
    private volatile Phase phase = Phase.steady("warm-up");

    /**
     * @param requests how each kind of request is made
     * @param judges null for a good answer, else why it is not (applied to 200 answers only)
     * @param threadsPerKind concurrent clients per kind
     */
    KeyDriverLoad(HttpApi api, Map<Kind, Function<HttpApi, HttpApi.Response>> requests,
                  Map<Kind, Function<HttpApi.Response, String>> judges, int threadsPerKind) {
        this.api = api;
        this.requests = new EnumMap<>(requests);
        this.judges = new EnumMap<>(judges);
        this.workers = Executors.newFixedThreadPool(threadsPerKind * requests.size());
        for (Kind kind : requests.keySet()) {
            for (int i = 0; i < threadsPerKind; i++) {
                workers.execute(() -> loop(kind));
            }
        }
    }

    void enter(Phase next) {
        phase = next;
    }

    private void loop(Kind kind) {
        while (running.get()) {
            Phase started = phase;
            long t0 = System.nanoTime();
            HttpApi.Response response;
            try {
                response = requests.get(kind).apply(api);
            } catch (UncheckedIOException | IllegalStateException e) {
                outcomes.add(new Outcome(kind, started, phase, -1, null, System.nanoTime() - t0, String.valueOf(e)));
                pace(t0);
                continue;
            }
            long nanos = System.nanoTime() - t0;
            String code = null;
            String detail = response.body().length() > 300 ? response.body().substring(0, 300) : response.body();
            if (response.status() != 200) {
                code = problemCode(response);
            } else {
                String wrong = judges.get(kind).apply(response);
                code = wrong == null ? null : "unexpected answer";
                detail = wrong == null ? "" : wrong;
            }
            outcomes.add(new Outcome(kind, started, phase, response.status(), code, nanos, detail));
            pace(t0);
        }
    }

    private void pace(long startedNanos) {
        long rest = PACE_NANOS - (System.nanoTime() - startedNanos);
        if (rest > 0 && running.get()) {
            LockSupport.parkNanos(rest);
        }
    }

    private static String problemCode(HttpApi.Response response) {
        try {
            return response.json().path("code").asText("(no code)");
        } catch (UncheckedIOException e) {
            return "(not a problem document)";
        }
    }

    /** @return how many answers of {@code kind} matched so far */
    long count(Kind kind, boolean succeeded) {
        return outcomes.stream().filter(o -> o.kind() == kind && o.succeeded() == succeeded).count();
    }

    /** @return how many answers of {@code kind} that started in {@code phase} matched */
    long count(Kind kind, boolean succeeded, Phase in) {
        return outcomes.stream().filter(o -> o.kind() == kind && o.succeeded() == succeeded && o.startedIn() == in)
                .count();
    }

    /** @return every answer no phase allows */
    List<Outcome> unexpected() {
        return outcomes.stream().filter(o -> !o.allowed()).toList();
    }

    /** @return a per-kind summary: answers, failures, and the slowest answer of each */
    String summary() {
        StringBuilder text = new StringBuilder();
        for (Kind kind : requests.keySet()) {
            List<Outcome> mine = new ArrayList<>(outcomes.stream().filter(o -> o.kind() == kind).toList());
            long ok = mine.stream().filter(Outcome::succeeded).count();
            long outages = mine.stream().filter(Outcome::isDriverOutage).count();
            long slowest = mine.stream().mapToLong(Outcome::nanos).max().orElse(0) / 1_000_000;
            long slowestOutage = mine.stream().filter(Outcome::isDriverOutage).mapToLong(Outcome::nanos).max()
                    .orElse(0) / 1_000_000;
            text.append(String.format("%s: %d answers, %d ok, %d driver outages (slowest %d ms), slowest %d ms%n",
                    kind, mine.size(), ok, outages, slowestOutage, slowest));
        }
        return text.toString();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        workers.shutdown();
        if (!workers.awaitTermination(60, TimeUnit.SECONDS)) {
            workers.shutdownNow();
            throw new AssertionError("the load clients did not stop: a request hangs");
        }
    }
}
