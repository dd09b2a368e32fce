package org.stellaops.attestor.tlog.rekor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.tlog.TransparencyLogException;
import org.stellaops.attestor.sdk.merkle.ConsistencyProofs;
import org.stellaops.attestor.sdk.merkle.InclusionProofs;
import org.stellaops.attestor.testing.MemoryKeyDriver;

class RekorV2ReadsTest {

    private static final KeyPair SIGNER = Keys.p256();

    @TempDir
    Path dir;

    private final MemoryKeyDriver logKey = MemoryKeyDriver.generate();
    private LogFixture fixture;
    private V2TestLog server;
    private RekorV2Log client;

    @BeforeEach
    void startLog() throws IOException {
        fixture = new LogFixture(dir);
        server = fixture.closeLater(V2TestLog.start(dir.resolve("log"), logKey));
        client = fixture.v2(fixture.v2Config(server, logKey.publicKey()));
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    private LogEntry append(int n) {
        return server.append(Keys.request(SIGNER, KeyAlgorithm.ECDSA_P256_SHA256, "entry-" + n));
    }

    @Test
    void readsTheLatestCheckpointVerifiedWithTheLogKey() {
        append(0);
        append(1);
        Checkpoint checkpoint = client.latestCheckpoint();
        assertEquals(server.log().latestCheckpoint(), checkpoint);
    }

    @Test
    void provesInclusionAtTheLatestSizeFromTiles() {
        LogEntry entry = append(0);
        append(1);
        append(2);
        InclusionProof proof = client.inclusionProof(0, 3);
        assertEquals(server.log().inclusionProof(0, 3), proof);
        InclusionProofs.verify(0, 3, hexBytes(entry.uuid()), raw(proof.hashes()), proof.rootHash().value());
    }

    @Test
    void provesInclusionAtAnOlderSizeAgainstItsRoot() {
        LogEntry entry = append(0);
        append(1);
        append(2);
        append(3);
        InclusionProof proof = client.inclusionProof(0, 3);
        InclusionProof expected = server.log().inclusionProof(0, 3);
        assertEquals(expected.rootHash(), proof.rootHash());
        assertEquals(3, proof.treeSize());
        assertEquals(server.log().latestCheckpoint().signedNote(), proof.checkpoint());
        InclusionProofs.verify(0, 3, hexBytes(entry.uuid()), raw(proof.hashes()), proof.rootHash().value());
    }

    @Test
    void provesConsistencyBetweenPublishedSizes() {
        for (int i = 0; i < 5; i++) {
            append(i);
        }
        List<Bytes> proof = client.consistencyProof(2, 5);
        assertEquals(server.log().consistencyProof(2, 5), proof);
        ConsistencyProofs.verify(2, 5, server.log().inclusionProof(0, 2).rootHash().value(),
                client.latestCheckpoint().rootHash().value(), raw(proof));
    }

    @Test
    void refusesProofsBeyondTheLatestVerifiedSize() {
        append(0);
        TransparencyLogException inclusion = assertThrows(TransparencyLogException.class, () -> client.inclusionProof(0, 2));
        assertEquals(TransparencyLogException.BAD_PROOF_REQUEST, inclusion.code());
        TransparencyLogException consistency = assertThrows(TransparencyLogException.class, () -> client.consistencyProof(1, 2));
        assertEquals(TransparencyLogException.BAD_PROOF_REQUEST, consistency.code());
        assertTrue(consistency.getMessage().contains(server.readUrl()), consistency.getMessage());
    }

    @Test
    void refusesImpossibleProofArguments() {
        append(0);
        append(1);
        assertEquals(TransparencyLogException.BAD_PROOF_REQUEST,
                assertThrows(TransparencyLogException.class, () -> client.inclusionProof(2, 2)).code());
        assertEquals(TransparencyLogException.BAD_PROOF_REQUEST,
                assertThrows(TransparencyLogException.class, () -> client.consistencyProof(2, 1)).code());
        assertEquals(TransparencyLogException.BAD_PROOF_REQUEST,
                assertThrows(TransparencyLogException.class, () -> client.consistencyProof(0, 1)).code());
    }

    private static List<byte[]> raw(List<Bytes> hashes) {
        return hashes.stream().map(Bytes::value).toList();
    }

    private static byte[] hexBytes(String hex) {
        return Bytes.fromHex(hex).value();
    }
}
