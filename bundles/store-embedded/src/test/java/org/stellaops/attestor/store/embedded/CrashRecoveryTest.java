package org.stellaops.attestor.store.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.store.AuditChain;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.ChainedAuditEvent;
import org.stellaops.attestor.store.EntryRecord;

class CrashRecoveryTest {

    private static final String EOF = "\u0000eof";

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedWriteSurvivesAKillOfTheProcess() throws Exception {
        Path file = dir.resolve("attestor.mv");
        Path stderr = dir.resolve("child.err");
        int total = 1_000_000;
        int killAfter = 300;
        Process child = new ProcessBuilder(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), file.toString(), Integer.toString(total), "4")
                .redirectError(stderr.toFile())
                .start();
        BlockingQueue<String> lines = pump(child);
        Set<String> acked = new HashSet<>();
        try {
            while (acked.size() < killAfter) {
                String line = lines.poll(60, TimeUnit.SECONDS);
                assertTrue(line != null && line.startsWith("ack "), () -> "child output: " + line + "\n" + err(stderr));
                acked.add(line.substring(4));
            }
        } finally {
            child.destroyForcibly();
        }
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child died");
        // acknowledgements already printed before the kill count too
        for (String line = lines.poll(60, TimeUnit.SECONDS); !EOF.equals(line); line = lines.poll(60, TimeUnit.SECONDS)) {
            assertTrue(line != null, "the child's output ended");
            assertFalse(line.equals("done"), "the child was killed before it finished");
            // Killing the child can close the pipe under the reader ("io error: … Stream closed"): only complete
            // acknowledgement lines count (each is one small write, so a kill cannot split it).
            if (line.startsWith("ack ")) {
                acked.add(line.substring(4));
            }
        }
        assertTrue(acked.size() < total);

        try (EmbeddedStore store = new EmbeddedStore(file)) {
            Set<String> auditTargets = new HashSet<>();
            for (AuditEvent e : store.audit().recentEvents(Integer.MAX_VALUE)) {
                auditTargets.add(e.target());
            }
            List<String> missing = new ArrayList<>();
            for (String seed : acked) {
                EntryRecord expected = Records.entry(seed);
                if (!store.entries().byEnvelopeDigest(Records.TENANT, expected.envelopeDigest()).map(expected::equals).orElse(false)) {
                    missing.add(seed);
                    continue;
                }
                for (LogEntry e : expected.logEntries()) {
                    assertEquals(expected, store.entries().byUuid(Records.TENANT, e.uuid()).orElseThrow(), "uuid index of " + seed);
                }
                assertTrue(auditTargets.contains(Records.digest("e" + seed.substring("crash-".length()))),
                        "audit event of " + seed);
            }
            assertEquals(List.of(), missing, "acknowledged but lost");
            ChainedAuditEvent previous = null;
            List<ChainedAuditEvent> chain = store.audit().chain(1, Integer.MAX_VALUE);
            for (ChainedAuditEvent e : chain) {
                assertEquals(Optional.empty(), AuditChain.check(previous, e), "the audit chain after the kill");
                previous = e;
            }
            assertEquals(store.audit().eventCount(), chain.size(), "the chain has no gaps");
            assertTrue(store.entries().count() >= acked.size());
            assertEquals(store.entries().count(), store.entries().recent(null, Integer.MAX_VALUE).size(),
                    "the creation index covers exactly the stored records");
        }
    }

    private static BlockingQueue<String> pump(Process child) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("io error: " + e);
            } finally {
                lines.add(EOF);
            }
        }, "crash-test-stdout");
        t.setDaemon(true);
        t.start();
        return lines;
    }

    private static String err(Path stderr) {
        try {
            return Files.exists(stderr) ? Files.readString(stderr) : "";
        } catch (IOException e) {
            return "cannot read child stderr: " + e;
        }
    }
}
