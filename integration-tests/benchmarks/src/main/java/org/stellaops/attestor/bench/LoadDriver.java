package org.stellaops.attestor.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP load driver for a running Attestor on this machine.
 *
 * <p>It generates a fresh P-256 key, registers it as a trust root, pre-signs distinct SLSA v1 provenance envelopes
 * (a unique subject each, so every submission creates a new entry), then runs N concurrent clients for a bounded
 * time and prints throughput, latency percentiles and counts per status code. Modes: {@code submit}
 * ({@code POST /api/v1/rekor/entries}, 201 expected), {@code batch} ({@code --batch-size} envelopes per
 * {@code POST /api/v1/rekor/entries:batch}, 200 with every item created expected; figures also in items),
 * {@code verify} ({@code POST /api/v1/rekor/verify} by uuid of entries submitted just before, 200 with
 * {@code verified:true} expected) and {@code mixed}. An unmeasured warm-up in the same mode comes first; in submit,
 * batch and mixed mode its rate sizes the number of pre-signed envelopes.
 *
 * <p>Every phase also reports the CPU time used during exactly its run: the driver's own, and with
 * {@code --server-pid} the server's (from {@code /proc/<pid>/stat}), as seconds, cores used and server CPU
 * milliseconds per item. On a shared machine that is a steadier figure than the wall-clock rate.
 *
 * <p>Exit status: 0 when every request got its expected answer, 1 when any did not (in any phase), a client hung,
 * setup failed or the server's CPU time could no longer be read, 2 for a refused command line (including any URL
 * that is not loopback, an https URL without a CA to trust, a CA file or issuer key that cannot be used, and a
 * server pid whose {@code /proc/<pid>/stat} cannot be read).
 *
 * <p>Every request carries the access token ({@code --token}, or a development token minted from
 * {@code --data-dir}); over https the server certificate must chain to the given CA and name the URL's host.
 *
 * <p>The load phases send through one blocking keep-alive connection per client ({@code --client blocking}, the
 * default: the driver shares the server's cores, and it costs less CPU per request) or through the JDK's
 * {@code HttpClient} ({@code --client jdk}, as every figure before the option existed); setup requests always use the
 * JDK client.
 */
public final class LoadDriver {

    /** The longest the seed phase of a verify or mixed run may take. */
    static final Duration SEED_TIME_LIMIT = Duration.ofMinutes(5);
    private static final int STATEMENT_BYTES = 2048;
    private static final int WARMUP_ENVELOPES = 1000;
    /**
     * Envelopes pre-signed per second of a submit warm-up, so that a long warm-up (30 s to warm both JITs before an
     * open-loop run) is not cut short by running out of them.
     */
    private static final int WARMUP_ENVELOPES_PER_SECOND = 1000;
    private static final int MIN_AUTO_ENVELOPES = 2000;
    /** The warm-up runs on a cold JIT (server and driver): the measured rate was 2–3× higher in practice. */
    private static final int AUTO_ENVELOPE_FACTOR = 4;
    private static final int MAX_AUTO_ENVELOPES = 200_000;
    /** Caps the batch warm-up's pre-signing (2 batches per client) for large batches and many clients. */
    private static final int MAX_WARMUP_BATCH_ITEMS = 20_000;

    private final LoadOptions options;
    private final PrintStream out;
    private final ServerAccess server;
    private final AttestorSetup setup;
    /** The server's CPU time, when {@code --server-pid} was given. */
    private final Optional<ProcessCpu> serverCpu;
    private ProvenanceStatements statements;
    private KeyPair signer;
    private long nextSequence;
    /** The seed phase's submission rate: sizes the envelopes of a mixed run that has no warm-up. */
    private double seedRate;

    private LoadDriver(LoadOptions options, ServerAccess server, Optional<ProcessCpu> serverCpu, PrintStream out) {
        this.options = options;
        this.out = out;
        this.server = server;
        this.setup = new AttestorSetup(server);
        this.serverCpu = serverCpu;
    }

    /**
     * Runs the driver and exits with its status.
     *
     * @param args see {@link LoadOptions#USAGE}
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the driver.
     *
     * @param args the command line
     * @param out where the figures go
     * @param err where usage errors go
     * @return the exit status
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.println(LoadOptions.USAGE);
            return 2;
        }
        Optional<ProcessCpu> serverCpu = options.serverPid().isPresent()
                ? Optional.of(ProcessCpu.ofPid(options.serverPid().getAsLong(), options.clockTicks()))
                : Optional.empty();
        try {
            if (serverCpu.isPresent()) {
                serverCpu.get().cpuNanos();
            }
        } catch (ProcessCpu.StatException e) {
            // Found before any load is sent: a wrong pid would otherwise only show after the warm-up.
            err.println("--server-pid " + options.serverPid().getAsLong() + ": " + e.getMessage());
            return 2;
        }
        ServerAccess server;
        try {
            server = ServerAccess.open(options.server(), true, Instant.now());
        } catch (UsageException e) {
            err.println(e.getMessage());
            return 2;
        }
        try {
            return new LoadDriver(options, server, serverCpu, out).drive();
        } catch (IOException | PhaseFailed e) {
            out.println("stopped: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("interrupted");
            return 1;
        }
    }

    private int drive() throws IOException, InterruptedException {
        out.println("requests: " + server.describe());
        out.println("load requests: " + options.client().description() + " (--client "
                + options.client().optionValue() + "); setup requests: the JDK HttpClient");
        out.println("cpu time: driver pid " + ProcessHandle.current().pid() + serverCpu.map(
                c -> ", server pid " + options.serverPid().getAsLong() + " (" + c.statFile() + ", "
                        + options.clockTicks() + " clock ticks/s)").orElse(", server not watched (no --server-pid)"));
        setup.checkHealth();
        String runId = AttestorSetup.runId();
        signer = registerKeys(runId);
        statements = new ProvenanceStatements(runId, STATEMENT_BYTES);
        out.printf(Locale.ROOT, "run %s: mode %s, %d clients, %d s, %s, statement %d bytes%s%n", runId,
                name(options.mode()), options.clients(), options.duration().toSeconds(), options.baseUrl(),
                statements.statement(0).length, batched() ? ", " + options.batchSize() + " envelopes per request" : "");
        Workload measured = switch (options.mode()) {
            case VERIFY -> verifyWorkload();
            case BATCH -> batchWorkload();
            case SUBMIT, MIXED -> submitWorkload();
        };
        RunResult result = runAndReport(name(options.mode()), measured, options.duration(), options.maxRequests(),
                options.rate());
        return result.clean() ? 0 : 1;
    }

    private Workload verifyWorkload() throws InterruptedException, IOException {
        UuidPool uuids = seed();
        if (!options.warmup().isZero()) {
            phase("warmup", Workloads.verify(uuids), options.warmup(), options.maxRequests());
        }
        return Workloads.verify(uuids);
    }

    private Workload submitWorkload() throws InterruptedException, IOException {
        UuidPool uuids = options.mode() == LoadMode.MIXED ? seed() : new UuidPool();
        double submitRate = seedRate;
        if (!options.warmup().isZero()) {
            int count = (int) Math.min(MAX_AUTO_ENVELOPES, Math.max(WARMUP_ENVELOPES,
                    options.warmup().toSeconds() * WARMUP_ENVELOPES_PER_SECOND));
            submitRate = phase("warmup", Workloads.submit(presign(count), uuids), options.warmup(), count);
        }
        List<byte[]> envelopes = presign(envelopeCount(options.rate() > 0 ? options.rate() : submitRate));
        return options.mode() == LoadMode.MIXED ? Workloads.mixed(envelopes, uuids)
                : Workloads.submit(envelopes, null);
    }

    /** Batch mode sizes everything in items (envelopes), not requests: a request carries a whole batch. */
    private Workload batchWorkload() throws InterruptedException, IOException {
        int size = options.batchSize();
        double itemRate = options.rate() * size;
        if (!options.warmup().isZero()) {
            int items = wholeBatches(Math.min(MAX_WARMUP_BATCH_ITEMS,
                    Math.max(WARMUP_ENVELOPES, 2L * size * options.clients())));
            double requestRate = phase("warmup", Workloads.batch(presign(items), size), options.warmup(),
                    items / size);
            itemRate = options.rate() > 0 ? itemRate : requestRate * size;
        }
        return Workloads.batch(presign(envelopeCount(itemRate)), size);
    }

    private UuidPool seed() throws InterruptedException, IOException {
        UuidPool uuids = new UuidPool();
        seedRate = phase("seed", Workloads.submit(presign(options.seedEntries()), uuids), SEED_TIME_LIMIT,
                options.seedEntries());
        return uuids;
    }

    /** Runs an unmeasured phase; any unexpected answer ends the driver. */
    private double phase(String name, Workload workload, Duration limit, long maxRequests)
            throws InterruptedException, IOException {
        RunResult r = runAndReport(name, workload, limit, maxRequests, 0);
        if (!r.clean()) {
            throw new PhaseFailed("the " + name + " phase had unexpected answers");
        }
        return r.throughput();
    }

    /**
     * Runs a phase and prints its report, with the CPU time sampled just before and just after the run, so that
     * pre-signing and setup never count.
     *
     * @throws ProcessCpu.StatException when the server's CPU time cannot be read (it has exited): the report is
     *         printed without CPU figures first
     */
    private RunResult runAndReport(String name, Workload workload, Duration limit, long maxRequests, double rate)
            throws InterruptedException, ProcessCpu.StatException {
        CpuUsage.Meter meter = CpuUsage.start(serverCpu);
        RunResult r = newRun().run(workload, options.clients(), limit, maxRequests, rate);
        CpuUsage cpu;
        try {
            cpu = meter.stop();
        } catch (ProcessCpu.StatException e) {
            Report.print(name, options.clients(), reportedBatchSize(), r, out);
            throw e;
        }
        if (rate > 0) {
            out.printf(Locale.ROOT, "open loop: %.0f req/s offered, latency counted from each request's due time%n",
                    rate);
        }
        Report.print(name, options.clients(), reportedBatchSize(), r, cpu, out);
        return r;
    }

    /**
     * Envelopes to pre-sign for the measured phase: {@code --envelopes}, or 4× what the warm-up item rate needs
     * for the duration plus one request per client; in batch mode rounded up to whole batches.
     */
    private int envelopeCount(double itemRate) {
        if (options.envelopes() > 0) {
            return wholeBatches(options.envelopes());
        }
        double needed = Math.ceil(itemRate * options.duration().toMillis() / 1000.0 * AUTO_ENVELOPE_FACTOR)
                + (double) options.clients() * options.batchSize();
        int count = wholeBatches((long) Math.min(MAX_AUTO_ENVELOPES, Math.max(MIN_AUTO_ENVELOPES, needed)));
        out.printf(Locale.ROOT, "warm-up rate %.1f envelopes/s: pre-signing %d envelopes for the measured phase%n",
                itemRate, count);
        return count;
    }

    /** Rounds up to a multiple of the batch size (a no-op outside batch mode, where the size is 1). */
    private int wholeBatches(long envelopes) {
        long size = options.batchSize();
        return (int) ((envelopes + size - 1) / size * size);
    }

    private boolean batched() {
        return options.mode() == LoadMode.BATCH;
    }

    private int reportedBatchSize() {
        return batched() ? options.batchSize() : Report.NOT_BATCHED;
    }

    private LoadRun newRun() {
        return new LoadRun(server, options.client(), options.requestTimeout(), out);
    }

    private KeyPair registerKeys(String runId) throws IOException, InterruptedException {
        KeyPair key = BenchAlgorithm.ECDSA_P256.generate();
        String keyId = setup.registerKey("load-driver-" + runId, key);
        for (int i = 1; i < options.keys(); i++) {
            setup.registerKey("load-driver-" + runId + "-extra-" + i, BenchAlgorithm.ECDSA_P256.generate());
        }
        out.println("registered signer " + keyId + (options.keys() > 1
                ? " and " + (options.keys() - 1) + " further trusted keys" : ""));
        return key;
    }

    private List<byte[]> presign(int count) {
        long t0 = System.nanoTime();
        List<byte[]> envelopes = AttestorSetup.presign(statements, nextSequence, count, signer);
        nextSequence += count;
        out.printf(Locale.ROOT, "pre-signed %d envelopes (%d bytes each) in %.1f s%n", count,
                envelopes.get(0).length, (System.nanoTime() - t0) / 1e9);
        return envelopes;
    }

    private static String name(LoadMode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }

    /** An unmeasured phase went wrong: the server is not in a state worth measuring. */
    private static final class PhaseFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PhaseFailed(String message) {
            super(message);
        }
    }
}
