package org.stellaops.attestor.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class ReportTest {

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

    private static String print(int batchSize) {
        ClientStats stats = new ClientStats();
        for (int i = 0; i < 4; i++) {
            stats.record(1_000_000L, "200", true);
        }
        RunResult r = RunResult.merge(List.of(stats), 2_000_000_000L, List.of(), 0, false);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Report.print("batch", 8, batchSize, r, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String resultLine(String text) {
        return text.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow();
    }
}
