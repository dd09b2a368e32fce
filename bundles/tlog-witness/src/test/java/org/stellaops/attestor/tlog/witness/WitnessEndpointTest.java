package org.stellaops.attestor.tlog.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;
import org.stellaops.attestor.sdk.merkle.Rfc6962;
import org.stellaops.attestor.sdk.note.NoteSignature;
import org.stellaops.attestor.sdk.note.SignedNote;
import org.stellaops.attestor.sdk.witness.Cosignatures;
import org.stellaops.attestor.sdk.witness.Cosigner;

/** Every status of the C2SP tlog-witness add-checkpoint table, over real HTTP with real keys and real trees. */
class WitnessEndpointTest {

    private static final String ORIGIN = "log.test/a";

    @TempDir
    Path dir;

    private final LogKey log = LogKey.ed25519(ORIGIN);
    private final Tree tree = Tree.of("a", 40);
    private WitnessHarness witness;

    @BeforeEach
    void start() throws Exception {
        witness = WitnessHarness.start(dir, log);
    }

    @AfterEach
    void stop() throws Exception {
        witness.close();
    }

    /** @return the cosignature line of the witness in a 200 answer, checked against its published key */
    private long verifiedTimestamp(String checkpoint, HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().startsWith("\u2014 " + WitnessHarness.NAME + " "), response.body());
        assertTrue(response.body().endsWith("\n"));
        // as a client does: append the answer to the checkpoint and read the signature lines
        SignedNote note = SignedNote.parse(checkpoint + response.body());
        NoteSignature line = note.signatures().get(note.signatures().size() - 1);
        Cosigner cosigner = witness.cosigner();
        OptionalLong ts = Cosignatures.verify(cosigner, note.text(), line);
        assertTrue(ts.isPresent(), "the cosignature verifies with the published witness key");
        return ts.getAsLong();
    }

    private HttpResponse<String> cosign(long old, long size) throws Exception {
        List<byte[]> proof = old == 0 ? List.of() : tree.consistency(old, size);
        HttpResponse<String> response = witness.addCheckpoint(old, proof, log.checkpoint(tree, size));
        assertEquals(200, response.statusCode(), response.body());
        return response;
    }

    @Test
    void cosignsTheFirstCheckpointFromOldSizeZeroWithANonZeroTimestamp() throws Exception {
        String checkpoint = log.checkpoint(tree, 10);
        long ts = verifiedTimestamp(checkpoint, witness.addCheckpoint(0, List.of(), checkpoint));
        assertTrue(ts > 0);
    }

    @Test
    void cosignsACheckpointThatAProofShowsExtendsTheLatestCosignedOne() throws Exception {
        cosign(0, 10);
        String checkpoint = log.checkpoint(tree, 27);
        assertTrue(verifiedTimestamp(checkpoint, witness.addCheckpoint(10, tree.consistency(10, 27), checkpoint)) > 0);
    }

    @Test
    void cosignsTheSameCheckpointAgainWithAnEmptyProof() throws Exception {
        cosign(0, 10);
        String checkpoint = log.checkpoint(tree, 10);
        assertTrue(verifiedTimestamp(checkpoint, witness.addCheckpoint(10, List.of(), checkpoint)) > 0);
    }

    @Test
    void cosignsAnEmptyTreeCheckpoint() throws Exception {
        String checkpoint = log.checkpoint(0, Rfc6962.emptyRoot());
        assertTrue(verifiedTimestamp(checkpoint, witness.addCheckpoint(0, List.of(), checkpoint)) > 0);
    }

    @Test
    void verifiesEcdsaLogKeysToo() throws Exception {
        witness.close();
        LogKey ecdsa = LogKey.ecdsa("log.test/ecdsa");
        witness = WitnessHarness.start(dir, log, ecdsa);
        String checkpoint = ecdsa.checkpoint(tree, 5);
        assertTrue(verifiedTimestamp(checkpoint, witness.addCheckpoint(0, List.of(), checkpoint)) > 0);
    }

    @Test
    void servesTheLatestCosignedCheckpointWithTheLogSignatureAndTheCosignatureToMonitors() throws Exception {
        String path = CheckpointStore.originHash(ORIGIN) + "/checkpoint";
        assertEquals(404, witness.get(path).statusCode());
        cosign(0, 10);
        cosign(10, 30);
        HttpResponse<String> latest = witness.get(path);
        assertEquals(200, latest.statusCode());
        SignedNote note = SignedNote.parse(latest.body());
        assertEquals(log.checkpoint(tree, 30).substring(0, note.text().length()), note.text());
        assertEquals(2, note.signatures().size());
        assertTrue(Cosignatures.verify(witness.cosigner(), note.text(), note.signatures().get(1)).isPresent());
        assertTrue(log.verifier().verify(note.text().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                note.signatures().get(0).signature()));
    }

    @Test
    void rejectsAMalformedBodyWith400() throws Exception {
        String checkpoint = log.checkpoint(tree, 10);
        assertEquals(400, witness.post("old 01\n\n" + checkpoint).statusCode());
        assertEquals(400, witness.post("old 0\nnot-base64!\n\n" + checkpoint).statusCode());
        assertEquals(400, witness.post("old 0\n" + checkpoint).statusCode());
        assertEquals(400, witness.post("old 0\n\nthis is not a checkpoint\n\n\u2014 x AAAAAAA=\n").statusCode());
    }

    @Test
    void rejectsAnOldSizeAboveTheCheckpointSizeWith400() throws Exception {
        assertEquals(400, witness.addCheckpoint(11, List.of(), log.checkpoint(tree, 10)).statusCode());
    }

    @Test
    void rejectsAnUnknownOriginWith404() throws Exception {
        LogKey stranger = LogKey.ed25519("log.test/unknown");
        assertEquals(404, witness.addCheckpoint(0, List.of(), stranger.checkpoint(tree, 10)).statusCode());
    }

    @Test
    void rejectsACheckpointSignedOnlyByAnUnknownKeyOfTheSameNameWith403() throws Exception {
        LogKey impostor = LogKey.ed25519(ORIGIN);
        assertEquals(403, witness.addCheckpoint(0, List.of(), impostor.checkpoint(tree, 10)).statusCode());
    }

    @Test
    void rejectsACheckpointWhoseTrustedKeySignatureFailsWith403() throws Exception {
        String good = log.checkpoint(tree, 10);
        String forged = log.checkpoint(tree, 11);
        // the text of size 10 with the trusted key's (valid, but other) signature line of size 11
        String tampered = good.substring(0, good.indexOf("\n\n") + 2) + forged.substring(forged.indexOf("\n\n") + 2);
        assertEquals(403, witness.addCheckpoint(0, List.of(), tampered).statusCode());
    }

    @Test
    void answersAStaleOldSizeWith409AndTheLatestCosignedSize() throws Exception {
        cosign(0, 10);
        HttpResponse<String> response = witness.addCheckpoint(0, List.of(), log.checkpoint(tree, 20));
        assertEquals(409, response.statusCode());
        assertEquals("10\n", response.body());
        assertEquals("text/x.tlog.size", response.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void answersSameSizeWithAnotherRootWith409WithoutASizeBody() throws Exception {
        cosign(0, 10);
        Tree fork = tree.fork(6, "b", 10);
        HttpResponse<String> response = witness.addCheckpoint(10, List.of(), log.checkpoint(fork, 10));
        assertEquals(409, response.statusCode());
        assertFalse(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/x.tlog.size"));
    }

    @Test
    void rejectsAConsistencyProofThatDoesNotVerifyWith422() throws Exception {
        cosign(0, 10);
        Tree fork = tree.fork(6, "b", 20);
        HttpResponse<String> response = witness.addCheckpoint(10, fork.consistency(10, 20), log.checkpoint(fork, 20));
        assertEquals(422, response.statusCode());
    }

    @Test
    void rejectsANonEmptyProofFromOldSizeZeroWith422() throws Exception {
        HttpResponse<String> response = witness.addCheckpoint(0, tree.consistency(5, 10), log.checkpoint(tree, 10));
        assertEquals(422, response.statusCode());
    }

    @Test
    void rejectsASizeZeroCheckpointWhoseRootIsNotTheEmptyTreeHashWith422() throws Exception {
        assertEquals(422, witness.addCheckpoint(0, List.of(), log.checkpoint(0, tree.root(3))).statusCode());
    }

    @Test
    void doesNotMoveTheStateOnARefusal() throws Exception {
        cosign(0, 10);
        Tree fork = tree.fork(6, "b", 20);
        witness.addCheckpoint(10, fork.consistency(10, 20), log.checkpoint(fork, 20));
        HttpResponse<String> stale = witness.addCheckpoint(20, List.of(), log.checkpoint(tree, 20));
        assertEquals(409, stale.statusCode());
        assertEquals("10\n", stale.body());
    }

    @Test
    void postsOneEventPerDecision() throws Exception {
        cosign(0, 10);
        witness.addCheckpoint(0, List.of(), log.checkpoint(tree, 20));
        Event cosigned = witness.events.events(EventSink.WITNESS_COSIGNED).get(0);
        assertEquals(ORIGIN, cosigned.getProperty("origin"));
        assertEquals(200, cosigned.getProperty("status"));
        Event refused = witness.events.events(EventSink.WITNESS_REFUSED).get(0);
        assertEquals(ORIGIN, refused.getProperty("origin"));
        assertEquals(409, refused.getProperty("status"));
        assertTrue(((String) refused.getProperty("detail")).contains("10"));
    }

    @Test
    void refusesABodyAboveTheLimitWith413() throws Exception {
        String checkpoint = log.checkpoint(tree, 10);
        String padding = "A".repeat(70_000);
        assertEquals(413, witness.post("old 0\n\n" + checkpoint + padding).statusCode());
    }

    @Test
    void refusesABodyFarAboveTheLimitWith413BeforeClosingTheConnection() throws Exception {
        String checkpoint = log.checkpoint(tree, 10);
        String padding = "A".repeat(3 * 1024 * 1024);
        for (int round = 0; round < 20; round++) {
            HttpResponse<String> refused = witness.post("old 0\n\n" + checkpoint + padding);
            assertEquals(413, refused.statusCode());
            assertEquals("close", refused.headers().firstValue("Connection").orElse(""));
        }
    }

    @Test
    void publishesItsVerifierKeyAndKeepsTheKeyInTheKeyDriver() throws Exception {
        Cosigner cosigner = witness.cosigner();
        assertEquals(WitnessHarness.NAME, cosigner.name());
        assertTrue(witness.keyDriver.keys().stream().anyMatch(k -> k.name().equals("witness")
                && k.algorithm() == org.stellaops.attestor.api.model.KeyAlgorithm.ED25519));
    }

    @Test
    void answersOnlyItsOwnPaths() throws Exception {
        assertEquals(404, witness.get("nothing").statusCode());
        assertEquals(404, witness.get("../key/checkpoint").statusCode());
        assertEquals(405, witness.get("add-checkpoint").statusCode());
    }
}
