package org.stellaops.attestor.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Prints the figures of a load phase for humans, plus one {@code RESULT} line for scripts. */
final class Report {

    /** The batch size given for a phase whose requests are not batches. */
    static final int NOT_BATCHED = 0;

    private Report() {
    }

    /**
     * Prints the result of a phase whose requests are single operations.
     *
     * @param phase the phase name (submit, verify, mixed, seed)
     * @param clients concurrent clients
     * @param r the result
     * @param out where to print
     */
    static void print(String phase, int clients, RunResult r, PrintStream out) {
        print(phase, clients, NOT_BATCHED, r, out);
    }

    /**
     * Prints a phase's result; a batch phase also gets its item figures ({@code items=}, {@code items_per_s=}):
     * items are the envelopes carried by the finished requests, {@code batchSize} per request.
     *
     * @param phase the phase name (submit, batch, verify, mixed, seed, warmup)
     * @param clients concurrent clients
     * @param batchSize envelopes per request, or {@link #NOT_BATCHED}
     * @param r the result
     * @param out where to print
     */
    static void print(String phase, int clients, int batchSize, RunResult r, PrintStream out) {
        print(phase, clients, batchSize, r, Optional.empty(), out);
    }

    /**
     * Prints a phase's result with the CPU time the driver and the server used during it: a {@code cpu} line, and
     * {@code server_cpu_s= server_cores= server_cpu_ms_per_item=} (when the server is watched) and
     * {@code driver_cpu_s= driver_cores=} appended to the {@code RESULT} line. A figure that could not be measured
     * is {@code na}, never 0.
     *
     * @param phase the phase name (submit, batch, verify, mixed, seed, warmup)
     * @param clients concurrent clients
     * @param batchSize envelopes per request, or {@link #NOT_BATCHED}
     * @param r the result
     * @param cpu the CPU time of the phase's window
     * @param out where to print
     */
    static void print(String phase, int clients, int batchSize, RunResult r, CpuUsage cpu, PrintStream out) {
        print(phase, clients, batchSize, r, Optional.of(cpu), out);
    }

    private static void print(String phase, int clients, int batchSize, RunResult r, Optional<CpuUsage> cpu,
                              PrintStream out) {
        double seconds = r.elapsedNanos() / 1e9;
        boolean batched = batchSize != NOT_BATCHED;
        long items = r.requests() * batchSize;
        double itemRate = r.throughput() * batchSize;
        out.printf(Locale.ROOT, "== %s: %d clients%s%n", phase, clients,
                batched ? ", " + batchSize + " envelopes per request" : "");
        out.printf(Locale.ROOT, "requests   %d in %.2f s = %.1f req/s%n", r.requests(), seconds, r.throughput());
        if (batched) {
            out.printf(Locale.ROOT, "items      %d in %.2f s = %.1f items/s%n", items, seconds, itemRate);
        }
        out.printf(Locale.ROOT, "latency ms p50 %.2f  p90 %.2f  p99 %.2f  max %.2f  (mean %.2f)%s%n",
                ms(r.percentileNanos(50)), ms(r.percentileNanos(90)), ms(r.percentileNanos(99)),
                ms(r.percentileNanos(100)), r.meanNanos() / 1e6, batched ? " per request" : "");
        long cpuItems = batched ? items : r.requests();
        cpu.ifPresent(c -> out.println("cpu        " + c.describe(cpuItems)));
        out.println("outcomes   " + outcomes(r.outcomes()));
        out.println("unexpected " + r.failures());
        printNotes(r, out);
        String itemFields = batched
                ? String.format(Locale.ROOT, " batch_size=%d items=%d items_per_s=%.1f", batchSize, items, itemRate)
                : "";
        String cpuFields = cpu.map(c -> c.resultFields(cpuItems)).orElse("");
        out.printf(Locale.ROOT, "RESULT phase=%s clients=%d requests=%d seconds=%.2f rps=%.1f%s p50_ms=%.2f "
                        + "p90_ms=%.2f p99_ms=%.2f max_ms=%.2f unexpected=%d hung=%d outcomes=%s%s%n",
                phase, clients, r.requests(), seconds, r.throughput(), itemFields, ms(r.percentileNanos(50)),
                ms(r.percentileNanos(90)), ms(r.percentileNanos(99)), ms(r.percentileNanos(100)), r.failures(),
                r.stillRunning(), outcomes(r.outcomes()).replace(' ', ','), cpuFields);
    }

    private static void printNotes(RunResult r, PrintStream out) {
        if (r.exhausted()) {
            out.println("note       the pre-signed envelopes ran out before the duration ended (raise --envelopes)");
        }
        if (r.stillRunning() > 0) {
            out.println("HANG       " + r.stillRunning() + " clients were still waiting for an answer when the run "
                    + "gave up on them");
        }
        for (String sample : r.failureSamples()) {
            out.println("  unexpected: " + sample);
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static String outcomes(Map<String, Long> outcomes) {
        if (outcomes.isEmpty()) {
            return "none";
        }
        return outcomes.entrySet().stream()
                .map(e -> e.getKey().replace(' ', '_') + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }
}
