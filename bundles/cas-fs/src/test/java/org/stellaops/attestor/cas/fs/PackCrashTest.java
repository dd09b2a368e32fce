package org.stellaops.attestor.cas.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.testing.ChildJvm;

/** Kills a writing child JVM with SIGKILL again and again: no acknowledged object may be lost. */
class PackCrashTest {

    /** Small packs, so that kills also land while packs are sealed. */
    private static final long PACK_BYTES = 16 * 1024;
    private static final int KILLS = 4;
    private static final int ACKS_BEFORE_KILL = 400;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedObjectSurvivesRepeatedKillsOfTheWriter() throws Exception {
        Path root = dir.resolve("cas");
        Map<Integer, String> acked = new HashMap<>();
        for (int round = 0; round < KILLS; round++) {
            ChildJvm child = ChildJvm.start(dir.resolve("child-" + round + ".err"), List.of(), PackCrashWriter.class,
                    root.toString(), Long.toString(PACK_BYTES), Integer.toString(round * 1_000_000), "8");
            int before = acked.size();
            boolean died;
            try {
                while (acked.size() - before < ACKS_BEFORE_KILL) {
                    String line = child.nextLine();
                    assertTrue(line != null && line.startsWith("ack "), () -> "child output: " + line + "\n"
                            + child.stderr());
                    record(acked, line);
                }
            } finally {
                died = child.kill();
            }
            assertTrue(died, "the child died");
            // acknowledgements printed before the kill count too; a kill may cut the pipe, never a line
            for (String line = child.nextLine(); !ChildJvm.EOF.equals(line); line = child.nextLine()) {
                if (line != null && line.startsWith("ack ")) {
                    record(acked, line);
                }
            }
            try (FsContentStore store = new FsContentStore(root, true, PACK_BYTES)) {
                for (Map.Entry<Integer, String> object : acked.entrySet()) {
                    assertArrayEquals(PackCrashWriter.object(object.getKey()),
                            store.get(object.getValue()).orElse(null), "acknowledged object " + object.getKey());
                }
            }
        }
        assertTrue(acked.size() >= KILLS * ACKS_BEFORE_KILL);
    }

    private static void record(Map<Integer, String> acked, String line) {
        String[] parts = line.split(" ");
        if (parts.length == 3) {
            acked.put(Integer.parseInt(parts[1]), parts[2]);
        }
    }
}
