package org.stellaops.attestor.bench;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The CPU time the driver and the server used during one load phase, and the wall time of the same window.
 *
 * @param wallNanos wall time between the two samples
 * @param driverNanos CPU time of the driver's JVM; empty when the JVM does not measure it
 * @param serverNanos CPU time of the server process; empty when no server pid was given
 */
record CpuUsage(long wallNanos, OptionalLong driverNanos, OptionalLong serverNanos) {

    /** A {@code RESULT} field whose figure could not be measured. */
    static final String NOT_AVAILABLE = "na";

    /**
     * Starts measuring: samples the driver, and the server if one is watched.
     *
     * @param server the server's CPU time, if a pid was given
     * @return the running measurement
     * @throws ProcessCpu.StatException when the server's CPU time cannot be read
     */
    static Meter start(Optional<ProcessCpu> server) throws ProcessCpu.StatException {
        OptionalLong serverStart = server.isPresent() ? OptionalLong.of(server.get().cpuNanos()) : OptionalLong.empty();
        return new Meter(server, System.nanoTime(), ProcessCpu.ownCpuNanos(), serverStart);
    }

    /**
     * @param nanos CPU time of a process
     * @return CPU seconds per wall second of the window: how many cores it kept busy on average
     */
    double cores(long nanos) {
        return wallNanos == 0 ? 0 : (double) nanos / wallNanos;
    }

    /**
     * @param items the requests of the phase, or its envelopes in batch mode
     * @return milliseconds of server CPU per item; empty without a server pid or without items
     */
    OptionalDouble serverMillisPerItem(long items) {
        return serverNanos.isEmpty() || items <= 0 ? OptionalDouble.empty()
                : OptionalDouble.of(serverNanos.getAsLong() / 1e6 / items);
    }

    /**
     * The human-readable figures, e.g. {@code server 31.2 s (1.62 cores, 4.81 ms per item)  driver 6.9 s (0.36
     * cores)}.
     *
     * @param items the requests of the phase, or its envelopes in batch mode
     * @return the text after {@code cpu}
     */
    String describe(long items) {
        StringBuilder text = new StringBuilder();
        serverNanos.ifPresent(nanos -> {
            OptionalDouble perItem = serverMillisPerItem(items);
            text.append(String.format(Locale.ROOT, "server %.1f s (%.2f cores, %s)  ", nanos / 1e9, cores(nanos),
                    perItem.isPresent() ? String.format(Locale.ROOT, "%.2f ms per item", perItem.getAsDouble())
                            : "no items"));
        });
        text.append(driverNanos.isPresent()
                ? String.format(Locale.ROOT, "driver %.1f s (%.2f cores)", driverNanos.getAsLong() / 1e9,
                        cores(driverNanos.getAsLong()))
                : "driver unavailable (this JVM does not measure its CPU time)");
        return text.toString();
    }

    /**
     * The fields appended to the {@code RESULT} line: {@code server_cpu_s= server_cores= server_cpu_ms_per_item=}
     * when the server is watched, then {@code driver_cpu_s= driver_cores=}. A figure that could not be measured is
     * {@code na}.
     *
     * @param items the requests of the phase, or its envelopes in batch mode
     * @return the fields, each preceded by a space
     */
    String resultFields(long items) {
        StringBuilder fields = new StringBuilder();
        serverNanos.ifPresent(nanos -> fields.append(String.format(Locale.ROOT,
                " server_cpu_s=%.2f server_cores=%.2f server_cpu_ms_per_item=%s", nanos / 1e9, cores(nanos),
                number(serverMillisPerItem(items), "%.3f"))));
        if (driverNanos.isPresent()) {
            long nanos = driverNanos.getAsLong();
            fields.append(String.format(Locale.ROOT, " driver_cpu_s=%.2f driver_cores=%.2f", nanos / 1e9,
                    cores(nanos)));
        } else {
            fields.append(" driver_cpu_s=" + NOT_AVAILABLE + " driver_cores=" + NOT_AVAILABLE);
        }
        return fields.toString();
    }

    private static String number(OptionalDouble value, String format) {
        return value.isPresent() ? String.format(Locale.ROOT, format, value.getAsDouble()) : NOT_AVAILABLE;
    }

    /** A measurement between its start and stop samples. */
    static final class Meter {
        private final Optional<ProcessCpu> server;
        private final long wallStart;
        private final OptionalLong driverStart;
        private final OptionalLong serverStart;

        private Meter(Optional<ProcessCpu> server, long wallStart, OptionalLong driverStart,
                      OptionalLong serverStart) {
            this.server = server;
            this.wallStart = wallStart;
            this.driverStart = driverStart;
            this.serverStart = serverStart;
        }

        /**
         * Takes the closing samples.
         *
         * @return the CPU used since {@link CpuUsage#start}
         * @throws ProcessCpu.StatException when the server's CPU time can no longer be read (it has exited)
         */
        CpuUsage stop() throws ProcessCpu.StatException {
            OptionalLong driverEnd = ProcessCpu.ownCpuNanos();
            long wallEnd = System.nanoTime();
            OptionalLong serverUsed = OptionalLong.empty();
            if (server.isPresent()) {
                serverUsed = OptionalLong.of(server.get().cpuNanos() - serverStart.getAsLong());
            }
            OptionalLong driverUsed = driverStart.isPresent() && driverEnd.isPresent()
                    ? OptionalLong.of(driverEnd.getAsLong() - driverStart.getAsLong()) : OptionalLong.empty();
            return new CpuUsage(wallEnd - wallStart, driverUsed, serverUsed);
        }
    }
}
