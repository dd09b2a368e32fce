package org.stellaops.attestor.store.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.store.AuditChain;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.ChainedAuditEvent;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.testing.ChildJvm;

class CrashRecoveryTest {

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedWriteSurvivesAKillOfTheProcess() throws Exception {
        Path file = dir.resolve("attestor.mv");
        Path stderr = dir.resolve("child.err");
        int total = 1_000_000;
        int killAfter = 300;
        ChildJvm child = ChildJvm.start(stderr, List.of(), CrashWriter.class, file.toString(),
                Integer.toString(total), "4");
        Set<String> acked = new HashSet<>();
        boolean died;
        try {
            while (acked.size() < killAfter) {
                String line = child.nextLine();
                assertTrue(line != null && line.startsWith("ack "), () -> "child output: " + line + "\n"
                        + child.stderr());
                acked.add(line.substring(4));
            }
        } finally {
            died = child.kill();
        }
        assertTrue(died, "the child died");
        // acknowledgements already printed before the kill count too
        for (String line = child.nextLine(); !ChildJvm.EOF.equals(line); line = child.nextLine()) {
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
}
