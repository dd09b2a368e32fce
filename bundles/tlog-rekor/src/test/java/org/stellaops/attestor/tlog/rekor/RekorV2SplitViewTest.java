package org.stellaops.attestor.tlog.rekor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.tlog.HashedRekordRequest;
import org.stellaops.attestor.api.tlog.TransparencyLogException;
import org.stellaops.attestor.testing.MemoryKeyDriver;

class RekorV2SplitViewTest {

    private static final KeyPair SIGNER = Keys.p256();

    @TempDir
    Path dir;

    private final MemoryKeyDriver logKey = MemoryKeyDriver.generate();
    private LogFixture fixture;
    private V2TestLog server;

    @BeforeEach
    void startLog() throws IOException {
        fixture = new LogFixture(dir);
        server = fixture.closeLater(V2TestLog.start(dir.resolve("log"), logKey));
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    private RekorV2Log client() {
        return fixture.v2(fixture.v2Config(server, logKey.publicKey()));
    }

    private static HashedRekordRequest request(String message) {
        return Keys.request(SIGNER, KeyAlgorithm.ECDSA_P256_SHA256, message);
    }

    private Path trustedFile() {
        return new TrustedCheckpoints(fixture.stateRoot().resolve("test")).file(V2TestLog.ORIGIN);
    }

    @Test
    void persistsTheCheckpointOfAVerifiedAnswer() throws IOException {
        LogFixture.await(client().submit(request("one")));
        String stored = Files.readString(trustedFile(), StandardCharsets.UTF_8);
        assertEquals(server.log().latestCheckpoint().signedNote(), stored);
    }

    @Test
    void refusesAForkOfTheSameSizeAndKeepsTheTrustedCheckpoint() throws IOException {
        RekorV2Log client = client();
        LogFixture.await(client.submit(request("honest")));
        byte[] before = Files.readAllBytes(trustedFile());
        server.swapTo(dir.resolve("fork"), logKey);
        server.append(request("forked"));
        TransparencyLogException e = assertThrows(TransparencyLogException.class, client::latestCheckpoint);
        assertEquals(TransparencyLogException.SPLIT_VIEW, e.code());
        assertArrayEquals(before, Files.readAllBytes(trustedFile()));
        assertEquals(1, fixture.splitViews.size());
        List<String> event = fixture.splitViews.get(0);
        assertEquals(client.descriptor().logId(), event.get(0));
        assertEquals(V2TestLog.ORIGIN, event.get(1));
        assertTrue(event.get(2).contains("different root"), event.get(2));
    }

    @Test
    void refusesALargerForkThatDoesNotExtendTheTrustedTree() throws IOException {
        RekorV2Log client = client();
        LogFixture.await(client.submit(request("honest")));
        byte[] before = Files.readAllBytes(trustedFile());
        server.swapTo(dir.resolve("fork"), logKey);
        server.append(request("forked-1"));
        server.append(request("forked-2"));
        TransparencyLogException e = assertThrows(TransparencyLogException.class, client::latestCheckpoint);
        assertEquals(TransparencyLogException.SPLIT_VIEW, e.code());
        assertArrayEquals(before, Files.readAllBytes(trustedFile()));
    }

    @Test
    void refusesASubmissionAnsweredFromAFork() {
        RekorV2Log client = client();
        LogFixture.await(client.submit(request("honest")));
        server.swapTo(dir.resolve("fork"), logKey);
        server.append(request("forked"));
        LogFixture.failure(client.submit(request("next")), TransparencyLogException.SPLIT_VIEW);
        assertEquals(1, fixture.splitViews.size());
    }

    @Test
    void acceptsAndPersistsALargerCheckpointThatExtendsTheTrustedTree() throws IOException {
        RekorV2Log client = client();
        LogFixture.await(client.submit(request("first")));
        server.append(request("second"));
        server.append(request("third"));
        Checkpoint latest = client.latestCheckpoint();
        assertEquals(3, latest.size());
        assertEquals(latest.signedNote(), Files.readString(trustedFile(), StandardCharsets.UTF_8));
        assertTrue(fixture.splitViews.isEmpty());
    }

    @Test
    void aRestartedClientStillDetectsAForkAgainstThePersistedCheckpoint() throws Exception {
        RekorV2Log first = client();
        LogFixture.await(first.submit(request("before-restart")));
        first.close();
        server.swapTo(dir.resolve("fork"), logKey);
        server.append(request("forked"));
        TransparencyLogException e = assertThrows(TransparencyLogException.class, () -> client().latestCheckpoint());
        assertEquals(TransparencyLogException.SPLIT_VIEW, e.code());
    }

    @Test
    void refusesToStartFromATrustedCheckpointOfAnotherKey() throws IOException {
        LogFixture.await(client().submit(request("old key")));
        MemoryKeyDriver rotated = MemoryKeyDriver.generate();
        server.swapTo(dir.resolve("rotated"), rotated);
        server.append(request("new key"));
        RekorV2Log client = fixture.v2(fixture.v2Config(server, rotated.publicKey()));
        TransparencyLogException e = assertThrows(TransparencyLogException.class, client::latestCheckpoint);
        assertEquals(TransparencyLogException.UNAVAILABLE, e.code());
        assertTrue(e.getMessage().contains("remove the file"), e.getMessage());
    }
}
