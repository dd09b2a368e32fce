package org.stellaops.attestor.tlog.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.sdk.witness.Cosigner;

/** What the witness remembers: across restarts, under concurrent requests, on disk, and when it is disabled. */
class WitnessStateTest {

    private static final String ORIGIN = "log.test/state";

    @TempDir
    Path dir;

    private final LogKey log = LogKey.ecdsa(ORIGIN);
    private final Tree tree = Tree.of("s", 64);

    @Test
    void keepsItsKeyAndTheLatestCosignedCheckpointAcrossARestart() throws Exception {
        Cosigner before;
        try (WitnessHarness witness = WitnessHarness.start(dir, log)) {
            before = witness.cosigner();
            assertEquals(200, witness.addCheckpoint(0, List.of(), log.checkpoint(tree, 12)).statusCode());
        }
        try (WitnessHarness witness = WitnessHarness.start(dir, log)) {
            assertEquals(before, witness.cosigner());
            HttpResponse<String> stale = witness.addCheckpoint(0, List.of(), log.checkpoint(tree, 20));
            assertEquals(409, stale.statusCode());
            assertEquals("12\n", stale.body());
            assertEquals(200, witness.get(CheckpointStore.originHash(ORIGIN) + "/checkpoint").statusCode());
            assertEquals(200, witness.addCheckpoint(12, tree.consistency(12, 20), log.checkpoint(tree, 20)).statusCode());
        }
    }

    @Test
    void letsOnlyOneOfManyConcurrentRequestsFromTheSameOldSizeSucceed() throws Exception {
        try (WitnessHarness witness = WitnessHarness.start(dir, log)) {
            long old = 8;
            assertEquals(200, witness.addCheckpoint(0, List.of(), log.checkpoint(tree, (int) old)).statusCode());
            for (int round = 0; round < 4; round++) {
                List<List<byte[]>> proofs = new ArrayList<>();
                List<String> checkpoints = new ArrayList<>();
                for (int i = 1; i <= 8; i++) {
                    proofs.add(tree.consistency(old, old + i));
                    checkpoints.add(log.checkpoint(tree, old + i));
                }
                List<CompletableFuture<HttpResponse<String>>> racing = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    racing.add(witness.addCheckpointAsync(old, proofs.get(i), checkpoints.get(i)));
                }
                List<HttpResponse<String>> answers = racing.stream().map(CompletableFuture::join).toList();
                List<HttpResponse<String>> won = answers.stream().filter(r -> r.statusCode() == 200).toList();
                assertEquals(1, won.size(), "exactly one request from old size " + old + " is cosigned");
                long winner = old + 1 + answers.indexOf(won.get(0));
                for (HttpResponse<String> lost : answers) {
                    if (lost != won.get(0)) {
                        assertEquals(409, lost.statusCode());
                        assertEquals(winner + "\n", lost.body());
                    }
                }
                old = winner;
            }
        }
    }

    @Test
    void keepsItsStateInAnOwnerOnlyDirectoryUnderTheDataDirectory() throws Exception {
        try (WitnessHarness witness = WitnessHarness.start(dir, log)) {
            witness.addCheckpoint(0, List.of(), log.checkpoint(tree, 3));
        }
        Path file = dir.resolve("witness/checkpoints").resolve(CheckpointStore.originHash(ORIGIN));
        assertTrue(Files.isRegularFile(file));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("witness"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void aDisabledWitnessAnswersNotFoundEverywhere() throws Exception {
        try (WitnessHarness witness = WitnessHarness.start(dir, Map.of("enabled", false), log)) {
            assertEquals(404, witness.addCheckpoint(0, List.of(), log.checkpoint(tree, 3)).statusCode());
            assertEquals(404, witness.get("key").statusCode());
        }
    }

    @Test
    void ignoresAConfiguredKeyThatIsNotALogKeyAndStillServesTheOthers() throws Exception {
        String cosignerKey;
        try (WitnessHarness other = WitnessHarness.start(dir.resolve("other"))) {
            cosignerKey = other.cosigner().vkey();
        }
        KnownLogs logs = KnownLogs.parse(new String[] {cosignerKey, "not a key", log.vkey(), ""});
        assertEquals(1, logs.size());
        assertEquals(1, logs.verifiers(ORIGIN).size());
    }
}
