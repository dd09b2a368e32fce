package org.stellaops.attestor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class ReportTest {

    /** 3 s of server CPU and 0.5 s of driver CPU in a 2 s window. */
    private static final CpuUsage SERVER_AND_DRIVER = new CpuUsage(2_000_000_000L, OptionalLong.of(500_000_000L),
            OptionalLong.of(3_000_000_000L));

    @Test
    void aBatchPhaseReportsItsItemsAndItemRateBesideItsRequests() {
        String text = print(100);
        assertTrue(text.contains("items      400 in 2.00 s = 200.0 items/s"), text);
        assertTrue(resultLine(text).contains(" requests=4 seconds=2.00 rps=2.0 batch_size=100 items=400 "
                + "items_per_s=200.0 "), text);
    }

    @Test
    void aPhaseOfSingleRequestsHasNoItemFigures() {
        String text = print(Report.NOT_BATCHED);
        assertFalse(text.contains("items"), text);
        assertTrue(resultLine(text).contains(" rps=2.0 p50_ms="), text);
    }

    @Test
    void theResultLineKeepsEveryExistingFieldInItsOrderAndAppendsTheCpuFields() {
        String without = resultLine(print(100));
        String with = resultLine(print(100, SERVER_AND_DRIVER));
        assertTrue(with.startsWith(without + " "), without + "\n" + with);
        assertEquals(List.of("phase", "clients", "requests", "seconds", "rps", "batch_size", "items", "items_per_s",
                "p50_ms", "p90_ms", "p99_ms", "max_ms", "unexpected", "hung", "outcomes", "server_cpu_s",
                "server_cores", "server_cpu_ms_per_item", "driver_cpu_s", "driver_cores"), keys(with));
    }

    @Test
    void aBatchPhaseChargesServerCpuPerEnvelope() {
        String line = resultLine(print(100, SERVER_AND_DRIVER));
        assertTrue(line.endsWith(" outcomes=200=4 server_cpu_s=3.00 server_cores=1.50 "
                + "server_cpu_ms_per_item=7.500 driver_cpu_s=0.50 driver_cores=0.25"), line);
    }

    @Test
    void aPhaseOfSingleRequestsChargesServerCpuPerRequest() {
        String line = resultLine(print(Report.NOT_BATCHED, SERVER_AND_DRIVER));
        assertTrue(line.contains(" server_cpu_ms_per_item=750.000 "), line);
    }

    @Test
    void theCpuLineShowsSecondsCoresAndServerMillisecondsPerItem() {
        String text = print(100, SERVER_AND_DRIVER);
        assertTrue(text.contains("\ncpu        server 3.0 s (1.50 cores, 7.50 ms per item)  driver 0.5 s (0.25 cores)\n"),
                text);
    }

    @Test
    void withoutAServerPidOnlyTheDriversCpuFiguresAppear() {
        String text = print(100, new CpuUsage(2_000_000_000L, OptionalLong.of(500_000_000L), OptionalLong.empty()));
        assertFalse(text.contains("server"), text);
        assertTrue(text.contains("\ncpu        driver 0.5 s (0.25 cores)\n"), text);
        assertTrue(resultLine(text).endsWith(" outcomes=200=4 driver_cpu_s=0.50 driver_cores=0.25"), text);
    }

    @Test
    void aDriverCpuTimeTheJvmCannotMeasureIsReportedAsUnavailableNotZero() {
        String text = print(100, new CpuUsage(2_000_000_000L, OptionalLong.empty(), OptionalLong.of(3_000_000_000L)));
        assertTrue(resultLine(text).endsWith(" driver_cpu_s=na driver_cores=na"), text);
        assertTrue(text.contains("driver unavailable"), text);
    }

    @Test
    void aPhaseWithoutRequestsHasNoServerCpuPerItem() {
        RunResult empty = RunResult.merge(List.of(new ClientStats()), 2_000_000_000L, List.of(), 0, false);
        String text = print(empty, 100, Optional.of(SERVER_AND_DRIVER));
        assertTrue(resultLine(text).contains(" server_cpu_ms_per_item=na "), text);
        assertTrue(text.contains("(1.50 cores, no items)"), text);
    }

    @Test
    void theOverloadsWithoutCpuFiguresPrintNoCpuLineOrFields() {
        String text = print(100);
        assertFalse(text.contains("cpu"), text);
    }

    private static String print(int batchSize) {
        return print(fourRequests(), batchSize, Optional.empty());
    }

    private static String print(int batchSize, CpuUsage cpu) {
        return print(fourRequests(), batchSize, Optional.of(cpu));
    }

    /** Four requests of 1 ms each in a phase of 2 s. */
    private static RunResult fourRequests() {
        ClientStats stats = new ClientStats();
        for (int i = 0; i < 4; i++) {
            stats.record(1_000_000L, "200", true);
        }
        return RunResult.merge(List.of(stats), 2_000_000_000L, List.of(), 0, false);
    }

    private static String print(RunResult r, int batchSize, Optional<CpuUsage> cpu) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        if (cpu.isPresent()) {
            Report.print("batch", 8, batchSize, r, cpu.get(), out);
        } else {
            Report.print("batch", 8, batchSize, r, out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String resultLine(String text) {
        return text.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow();
    }

    private static List<String> keys(String resultLine) {
        return Arrays.stream(resultLine.substring("RESULT ".length()).split(" "))
                .map(field -> field.substring(0, field.indexOf('='))).toList();
    }
}
