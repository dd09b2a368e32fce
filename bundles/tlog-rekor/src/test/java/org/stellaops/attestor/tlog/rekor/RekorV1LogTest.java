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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.tlog.HashedRekordRequest;
import org.stellaops.attestor.api.tlog.TransparencyLogException;
import org.stellaops.attestor.sdk.checkpoint.Checkpoints;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.dsse.DsseEnvelopes;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.json.StrictJson;
import org.stellaops.attestor.sdk.merkle.ConsistencyProofs;
import org.stellaops.attestor.sdk.merkle.InclusionProofs;
import org.stellaops.attestor.sdk.merkle.Rfc6962;
import org.stellaops.attestor.sdk.note.NoteKeys;
import org.stellaops.attestor.sdk.note.Notes;
import org.stellaops.attestor.sdk.rekor.HashedRekord;

class RekorV1LogTest {

    private static final KeyPair SIGNER = Keys.p256();

    @TempDir
    Path dir;

    private LogFixture fixture;
    private V1TestLog server;

    @BeforeEach
    void startLog() throws IOException {
        fixture = new LogFixture(dir);
        server = fixture.closeLater(new V1TestLog());
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    private Map<String, Object> config() {
        Map<String, Object> config = new HashMap<>();
        config.put("kind", "rekor-v1");
        config.put("url", server.url());
        config.put("origin", V1TestLog.HOST);
        config.put("publicKey", server.publicKeyPem());
        return config;
    }

    private RekorV1Log client() {
        return fixture.v1(config());
    }

    private static HashedRekordRequest request(String message) {
        return Keys.request(SIGNER, KeyAlgorithm.ECDSA_P256_SHA256, message);
    }

    private Path trustedFile() {
        return new TrustedCheckpoints(fixture.stateRoot().resolve("test")).file(V1TestLog.ORIGIN);
    }

    /** Checks the proof as an independent verifier would, with the log key under the host name. */
    private void verify(LogEntry entry) {
        Notes.verify(entry.inclusionProof().checkpoint(), List.of(NoteKeys.ecdsaVerifier(V1TestLog.HOST, server.key().getPublic())));
        Checkpoint checkpoint = Checkpoints.parse(entry.inclusionProof().checkpoint());
        byte[] leaf = Rfc6962.leafHash(entry.canonicalizedBody().value());
        assertEquals(Bytes.of(leaf).hex(), entry.uuid());
        InclusionProofs.verify(entry.inclusionProof().logIndex(), checkpoint.size(), leaf,
                entry.inclusionProof().hashes().stream().map(Bytes::value).toList(), checkpoint.rootHash().value());
    }

    private static JsonNode body(LogEntry entry) {
        return StrictJson.parse(entry.canonicalizedBody().value(), JsonLimits.DEFAULT);
    }

    @Test
    void logsAHashedRekordAndVerifiesItsTimestampProofAndCheckpoint() {
        HashedRekordRequest request = request("v1");
        LogEntry entry = LogFixture.await(client().submit(request));
        assertEquals(0, entry.logIndex());
        assertEquals(V1TestLog.ORIGIN, entry.origin());
        JsonNode body = body(entry);
        assertEquals("hashedrekord", body.path("kind").asText());
        assertEquals(request.digest().hex(), body.at("/spec/data/hash/value").asText());
        verify(entry);
    }

    @Test
    void logsTheEnvelopeAsIntotoWhenConfigured() {
        Map<String, Object> config = config();
        config.put("v1EntryKind", "intoto");
        byte[] payload = "{\"_type\":\"https://in-toto.io/Statement/v1\"}".getBytes(StandardCharsets.UTF_8);
        Envelope envelope = DsseEnvelopes.sign(Envelope.IN_TOTO_PAYLOAD_TYPE, payload, SIGNER.getPrivate(),
                KeyAlgorithm.ECDSA_P256_SHA256, "");
        HashedRekordRequest request = HashedRekord.forSignature(envelope, envelope.signatures().get(0), SIGNER.getPublic(),
                KeyAlgorithm.ECDSA_P256_SHA256);
        LogEntry entry = LogFixture.await(fixture.v1(config).submit(request, envelope));
        JsonNode body = body(entry);
        assertEquals("intoto", body.path("kind").asText());
        assertEquals(V1TestLog.sha256Hex(payload), body.at("/spec/content/payloadHash/value").asText());
        verify(entry);
    }

    @Test
    void withIntotoConfiguredASubmissionWithoutEnvelopeIsAHashedRekord() {
        Map<String, Object> config = config();
        config.put("v1EntryKind", "intoto");
        LogEntry entry = LogFixture.await(fixture.v1(config).submit(request("no envelope")));
        assertEquals("hashedrekord", body(entry).path("kind").asText());
    }

    @Test
    void refusesAnEntryWhoseSignedEntryTimestampDoesNotVerify() {
        server.corruptSet();
        TransparencyLogException e = LogFixture.failure(client().submit(request("set")), TransparencyLogException.BAD_PROOF);
        assertTrue(e.getMessage().contains("signed entry timestamp"), e.getMessage());
    }

    @Test
    void aDuplicateResolvesToTheExistingEntryThroughItsLocation() {
        RekorV1Log client = client();
        HashedRekordRequest twice = request("dup");
        LogEntry first = LogFixture.await(client.submit(twice));
        LogFixture.await(client.submit(request("other")));
        LogEntry again = LogFixture.await(client.submit(twice));
        assertEquals(first.logIndex(), again.logIndex());
        assertEquals(first.uuid(), again.uuid());
        assertArrayEquals(first.canonicalizedBody().value(), again.canonicalizedBody().value());
        assertEquals(2, again.inclusionProof().treeSize());
        verify(again);
    }

    @Test
    void refusesACheckpointThatDoesNotExtendTheTrustedOneAsSplitView() throws IOException {
        RekorV1Log client = client();
        LogFixture.await(client.submit(request("honest")));
        byte[] before = Files.readAllBytes(trustedFile());
        server.fork(List.of("forged-0".getBytes(StandardCharsets.UTF_8), "forged-1".getBytes(StandardCharsets.UTF_8)));
        TransparencyLogException e = assertThrows(TransparencyLogException.class, client::latestCheckpoint);
        assertEquals(TransparencyLogException.SPLIT_VIEW, e.code());
        assertArrayEquals(before, Files.readAllBytes(trustedFile()));
        assertEquals(V1TestLog.ORIGIN, fixture.splitViews.get(0).get(1));
    }

    @Test
    void refusesAForkOfTheSameSizeAsSplitView() {
        RekorV1Log client = client();
        LogFixture.await(client.submit(request("honest")));
        server.fork(List.of("forged".getBytes(StandardCharsets.UTF_8)));
        LogFixture.failure(client.submit(request("next")), TransparencyLogException.SPLIT_VIEW);
    }

    @Test
    void readsTheLatestCheckpointAndProvesConsistencyBetweenKnownSizes() {
        RekorV1Log client = client();
        LogEntry first = LogFixture.await(client.submit(request("c1")));
        server.append("by another client".getBytes(StandardCharsets.UTF_8));
        server.append("and another".getBytes(StandardCharsets.UTF_8));
        Checkpoint latest = client.latestCheckpoint();
        assertEquals(3, latest.size());
        List<Bytes> proof = client.consistencyProof(1, 3);
        ConsistencyProofs.verify(1, 3, first.inclusionProof().rootHash().value(), latest.rootHash().value(),
                proof.stream().map(Bytes::value).toList());
    }

    @Test
    void provesInclusionAgainstTheCurrentTreeOnly() {
        RekorV1Log client = client();
        LogFixture.await(client.submit(request("i0")));
        LogFixture.await(client.submit(request("i1")));
        InclusionProof proof = client.inclusionProof(0, 2);
        assertEquals(2, proof.treeSize());
        TransparencyLogException e = assertThrows(TransparencyLogException.class, () -> client.inclusionProof(0, 1));
        assertEquals(TransparencyLogException.BAD_PROOF_REQUEST, e.code());
    }

    @Test
    void refusesACheckpointSignedUnderAnotherHostName() {
        Map<String, Object> config = config();
        config.put("origin", "rekor.elsewhere.test");
        LogFixture.failure(fixture.v1(config).submit(request("host")), TransparencyLogException.BAD_PROOF);
    }

    @Test
    void describesTheLogByTheSha256OfItsKey() {
        RekorV1Log client = client();
        assertEquals(Checkpoints.logIdEcdsa(server.key().getPublic()), client.descriptor().logId());
        assertEquals("rekor-v1", client.descriptor().kind());
    }

    private Map<String, Object> rotatedAwayFromTheServersKey(boolean revoked) {
        Map<String, Object> config = config();
        config.put("publicKey", PublicKeys.toPem(Keys.p256().getPublic()));
        config.put("previousKeys", new String[] {"2025-01-01T00:00:00Z|2026-01-01T00:00:00Z|" + server.publicKeyPem()});
        if (revoked) {
            config.put("revokedKeys", new String[] {Checkpoints.logIdEcdsa(server.key().getPublic())
                    + "|2026-02-01T00:00:00Z|compromised"});
        }
        return config;
    }

    @Test
    void acceptsAnEntryAndItsSignedEntryTimestampUnderAPreviousKey() {
        LogEntry entry = LogFixture.await(fixture.v1(rotatedAwayFromTheServersKey(false)).submit(request("previous")));
        assertEquals(Checkpoints.logIdEcdsa(server.key().getPublic()), entry.logId());
        Notes.verify(entry.inclusionProof().checkpoint(), List.of(NoteKeys.ecdsaVerifier(V1TestLog.HOST, server.key().getPublic())));
    }

    @Test
    void refusesAnEntryUnderARevokedPreviousKey() {
        LogFixture.failure(fixture.v1(rotatedAwayFromTheServersKey(true)).submit(request("revoked")),
                TransparencyLogException.BAD_PROOF);
    }
}
