package org.stellaops.attestor.tlog.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.sdk.crypto.PrivateKeys;
import org.stellaops.attestor.sdk.merkle.ConsistencyProofs;
import org.stellaops.attestor.testing.MemoryKeyDriver;

/**
 * Kills a child JVM that is appending (SIGKILL, no shutdown hooks) and reopens its log: everything that was
 * acknowledged must still be there with a valid proof, and the log must be consistent with the last checkpoint the
 * child reported. Two rounds, so the second child also recovers what the first left behind.
 */
class CrashRecoveryTest {

    private static final int ACKS_BEFORE_KILL = 1500;

    @TempDir
    Path tmp;

    private record Ack(long index, String uuid, long treeSize, Bytes root) {
    }

    @Test
    void keepsEveryAcknowledgedEntryAfterTheWriterIsKilled() throws Exception {
        MemoryKeyDriver key = MemoryKeyDriver.generate();
        Path keyFile = tmp.resolve("log-key.pem");
        Files.writeString(keyFile, PrivateKeys.toPem(key.privateKey()));
        Path logDir = tmp.resolve("log");
        List<Ack> acks = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            List<Ack> roundAcks = runAndKill(logDir, keyFile, round * 1_000_000L, round);
            assertTrue(roundAcks.size() >= ACKS_BEFORE_KILL, "round " + round + " acknowledged " + roundAcks.size());
            acks.addAll(roundAcks);
            checkRecovered(logDir, key, acks);
        }
    }

    private List<Ack> runAndKill(Path logDir, Path keyFile, long first, int round) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", classpath, CrashChild.class.getName(),
                logDir.toString(), keyFile.toString(), Long.toString(first));
        builder.redirectError(tmp.resolve("child-" + round + ".err").toFile());
        Process child = builder.start();
        List<Ack> acks = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> readAcks(child, acks));
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (acks.size() < ACKS_BEFORE_KILL && child.isAlive() && System.nanoTime() < deadline) {
            synchronized (acks) {
                acks.wait(100);
            }
        }
        child.destroyForcibly();
        assertTrue(child.waitFor(1, TimeUnit.MINUTES), "child did not die");
        reader.join(TimeUnit.MINUTES.toMillis(1));
        return new ArrayList<>(acks);
    }

    private static void readAcks(Process child, List<Ack> acks) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(" ");
                if (f.length == 5 && f[0].equals("ACK")) {
                    synchronized (acks) {
                        acks.add(new Ack(Long.parseLong(f[1]), f[2], Long.parseLong(f[3]), Bytes.fromBase64(f[4])));
                        acks.notifyAll();
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("reading the child's output failed", e);
        }
    }

    private static void checkRecovered(Path logDir, MemoryKeyDriver key, List<Ack> acks) {
        Ack lastSeen = acks.stream().max((a, b) -> Long.compare(a.treeSize, b.treeSize)).orElseThrow();
        try (EmbeddedLog log = EmbeddedLog.open(new LogSettings(logDir, CrashChild.ORIGIN, "service", 64, 0, ""), key)) {
            Checkpoint now = Verify.signedCheckpoint(log.latestCheckpoint().signedNote(), CrashChild.ORIGIN, key.publicKey());
            assertTrue(now.size() >= lastSeen.treeSize, "log shrank below an acknowledged checkpoint");
            ConsistencyProofs.verify(lastSeen.treeSize, now.size(), lastSeen.root.value(), now.rootHash().value(),
                    Verify.raw(log.consistencyProof(lastSeen.treeSize, now.size())));
            for (Ack ack : acks) {
                Verify.inclusion(log.inclusionProof(ack.index, now.size()), HexFormat.of().parseHex(ack.uuid),
                        CrashChild.ORIGIN, key.publicKey());
                assertEquals(ack.root, log.inclusionProof(ack.index, ack.treeSize).rootHash());
            }
        }
    }
}
