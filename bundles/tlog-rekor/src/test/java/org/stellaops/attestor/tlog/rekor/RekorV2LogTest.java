package org.stellaops.attestor.tlog.rekor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.tlog.HashedRekordRequest;
import org.stellaops.attestor.api.tlog.TransparencyLogException;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.rekor.HashedRekord;
import org.stellaops.attestor.testing.MemoryKeyDriver;

class RekorV2LogTest {

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

    @Test
    void logsAP256SignatureAndProvesItAgainstTheSignedCheckpoint() {
        HashedRekordRequest request = request("one");
        LogEntry entry = LogFixture.await(client().submit(request));
        assertEquals(0, entry.logIndex());
        assertArrayEquals(HashedRekord.canonicalBody(request), entry.canonicalizedBody().value());
        assertEquals(V2TestLog.ORIGIN, entry.origin());
        assertEquals(server.log().descriptor().logId(), entry.logId());
        LogFixture.verifyV2(entry, logKey.publicKey());
    }

    @Test
    void logsAnRsaSignature() {
        server.append(request("before"));
        HashedRekordRequest request = Keys.request(Keys.rsa3072(), KeyAlgorithm.RSA_PKCS1_SHA256, "rsa");
        LogEntry entry = LogFixture.await(client().submit(request));
        assertEquals(1, entry.logIndex());
        assertArrayEquals(HashedRekord.canonicalBody(request), entry.canonicalizedBody().value());
        LogFixture.verifyV2(entry, logKey.publicKey());
    }

    @Test
    void resubmittingTheSameSignatureYieldsTheExistingEntryProvenFromTheTiles() {
        server.append(request("a"));
        RekorV2Log client = client();
        HashedRekordRequest twice = request("b");
        LogEntry first = LogFixture.await(client.submit(twice));
        server.append(request("c"));
        LogEntry again = LogFixture.await(client.submit(twice));
        assertEquals(first.logIndex(), again.logIndex());
        assertEquals(first.uuid(), again.uuid());
        assertEquals(3, again.inclusionProof().treeSize());
        LogFixture.verifyV2(again, logKey.publicKey());
    }

    @Test
    void refusesAnAnswerWhoseProofIsForAnotherLeaf() {
        server.append(request("x"));
        server.append(request("y"));
        server.tamper(entry -> {
            InclusionProof real = entry.inclusionProof();
            InclusionProof other = server.log().inclusionProof(0, real.treeSize());
            return new LogEntry(entry.logId(), entry.origin(), entry.logIndex(), entry.uuid(), entry.canonicalizedBody(),
                    new InclusionProof(real.logIndex(), real.treeSize(), real.rootHash(), other.hashes(), real.checkpoint()));
        });
        LogFixture.failure(client().submit(request("z")), TransparencyLogException.BAD_PROOF);
    }

    @Test
    void refusesAnAnswerThatLogsAnotherBody() {
        LogEntry earlier = server.append(request("earlier"));
        server.tamper(entry -> earlier);
        TransparencyLogException e = LogFixture.failure(client().submit(request("mine")), TransparencyLogException.BAD_PROOF);
        assertTrue(e.getMessage().contains("not the entry that was submitted"), e.getMessage());
    }

    @Test
    void refusesACheckpointNotSignedByTheConfiguredKey() throws Exception {
        KeyPair other = Keys.p256();
        server.advertiseLogId(MessageDigest.getInstance("SHA-256").digest(PublicKeys.spki(other.getPublic())));
        RekorV2Log client = fixture.v2(fixture.v2Config(server, other.getPublic()));
        TransparencyLogException e = LogFixture.failure(client.submit(request("k")), TransparencyLogException.BAD_PROOF);
        assertTrue(e.getMessage().contains("checkpoint"), e.getMessage());
    }

    @Test
    void refusesAnEntryThatNamesAnotherLog() {
        RekorV2Log client = fixture.v2(fixture.v2Config(server, Keys.p256().getPublic()));
        TransparencyLogException e = LogFixture.failure(client.submit(request("id")), TransparencyLogException.BAD_PROOF);
        assertTrue(e.getMessage().contains("names log"), e.getMessage());
    }

    @Test
    void reportsUnavailableWhenNothingListens() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Map<String, Object> config = fixture.v2Config(server, logKey.publicKey());
        config.put("url", "http://127.0.0.1:" + port);
        TransparencyLogException e = LogFixture.failure(fixture.v2(config).submit(request("down")),
                TransparencyLogException.UNAVAILABLE);
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
    }

    @Test
    void reportsTheLogsRefusalOfAPureEd25519Signature() {
        HashedRekordRequest ed25519 = Keys.request(Keys.ed25519(), KeyAlgorithm.ED25519, "ed");
        TransparencyLogException e = LogFixture.failure(client().submit(ed25519), TransparencyLogException.REJECTED);
        assertTrue(e.getMessage().contains("HTTP 400"), e.getMessage());
    }

    @Test
    void reportsUnavailableWhenTheLogDoesNotAnswerWithinTheTimeout() {
        server.hang();
        Map<String, Object> config = fixture.v2Config(server, logKey.publicKey());
        config.put("timeoutMillis", 1000L);
        LogFixture.failure(fixture.v2(config).submit(request("slow")), TransparencyLogException.UNAVAILABLE);
    }

    @Test
    void reportsUnavailableWhenTheLogPushesBack() {
        server.respondWith(503);
        TransparencyLogException e = LogFixture.failure(client().submit(request("busy")), TransparencyLogException.UNAVAILABLE);
        assertTrue(e.getMessage().contains("reached max pushback"), e.getMessage());
    }

    @Test
    void refusesADuplicateAnswerThatNamesAnotherEntry() {
        server.append(request("someone else's"));
        server.claimDuplicateAt(0);
        TransparencyLogException e = LogFixture.failure(client().submit(request("mine")), TransparencyLogException.BAD_PROOF);
        assertTrue(e.getMessage().contains("409 names entry 0"), e.getMessage());
    }

    @Test
    void describesTheLogByTheSha256OfItsEcdsaKey() {
        RekorV2Log client = client();
        assertEquals(server.log().descriptor().logId(), client.descriptor().logId());
        assertEquals("rekor-v2", client.descriptor().kind());
        assertEquals(server.readUrl(), client.descriptor().readUrl());
        assertEquals(V2TestLog.ORIGIN, client.descriptor().origin());
    }

    @Test
    void acceptsTheLogKeyAsAVerifierKey() {
        Map<String, Object> config = fixture.v2Config(server, logKey.publicKey());
        config.put("publicKey", org.stellaops.attestor.sdk.note.NoteKeys.verifierKey(V2TestLog.ORIGIN, logKey.publicKey()));
        LogEntry entry = LogFixture.await(fixture.v2(config).submit(request("vkey")));
        LogFixture.verifyV2(entry, logKey.publicKey());
    }
}
