package org.stellaops.attestor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.merkle.InclusionProofs;
import org.stellaops.attestor.sdk.merkle.Rfc6962;
import org.stellaops.attestor.sdk.note.NoteKeys;
import org.stellaops.attestor.sdk.proof.TlogProof;
import org.stellaops.attestor.sdk.proof.TlogProofs;
import org.stellaops.attestor.sdk.rekor.HashedRekord;
import org.stellaops.attestor.sdk.rekor.RekorV2;

/**
 * The accepted path against one server: a trusted key, one SLSA v1 provenance envelope signed with it, and what
 * the server must then say about it (record, proofs, dedupe, fetch, verify).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubmissionIT {

    private AttestorProcess server;
    private ApiClient api;
    private SigningKey key;
    private ObjectNode statement;
    private Envelope envelope;
    private byte[] envelopeJson;
    private ApiClient.ServerState before;
    private ApiResponse submitted;
    private ApiClient.ServerState after;

    @BeforeAll
    void submitOneAttestation() {
        server = AttestorProcess.startFresh();
        api = new ApiClient(server);
        key = SigningKey.generate();
        JsonNode trusted = api.addTrustedKey("ci-signer", key.publicKeyPem());
        assertEquals(key.keyId(), trusted.path("keyId").asText(), "keyId = hex SHA-256 of the SPKI");
        assertEquals("ECDSA_P256_SHA256", trusted.path("algorithm").asText(), trusted::toString);
        assertFalse(trusted.path("revoked").asBoolean(true), trusted::toString);

        statement = Attestations.slsaStatement("attestor-e2e-1.0.0.jar");
        envelope = key.sign(Attestations.bytes(statement));
        envelopeJson = Attestations.json(envelope);
        before = api.state();
        submitted = api.submit(envelopeJson);
        after = api.state();
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    private JsonNode record() {
        assertEquals(201, submitted.status(), submitted::describe);
        return submitted.json();
    }

    private JsonNode onlyLogEntry() {
        JsonNode entries = record().path("logEntries");
        assertEquals(1, entries.size(), () -> "one log entry per verified signature: " + submitted.describe());
        return entries.get(0);
    }

    @Test
    void answersCreatedWithARecordThatDescribesTheStatement() {
        JsonNode record = record();
        assertTrue(submitted.contentType().startsWith("application/json"), submitted::describe);
        assertTrue(record.path("uuid").asText().matches("[0-9a-f]{64}"), submitted::describe);
        assertEquals(Attestations.envelopeDigest(envelopeJson), record.path("envelopeDigest").asText());
        assertEquals("logged", record.path("status").asText());
        Instant.parse(record.path("createdAt").asText());
        assertEquals(Envelope.IN_TOTO_PAYLOAD_TYPE, record.path("payloadType").asText());
        assertEquals(Attestations.STATEMENT_V1, record.path("statementType").asText());
        assertEquals(Attestations.SLSA_V1, record.path("predicateType").asText());
        assertEquals(statement.path("subject"), record.path("subjects"));
        assertEquals(List.of(key.keyId()), texts(record.path("signerKeyIds")));
        assertTrue(record.path("derived").path("derivedBy").asText().startsWith("org.stellaops.attestor.predicate-slsa/"),
                submitted::describe);
        assertTrue(record.path("derived").path("facts").isObject(), submitted::describe);
    }

    @Test
    void logsTheSignatureAsTheHashedRekordOfItsPae() {
        JsonNode entry = onlyLogEntry();
        JsonNode log = api.primaryLog();
        byte[] body = Base64.getDecoder().decode(entry.path("canonicalizedBody").asText());
        byte[] expected = HashedRekord.canonicalBody(HashedRekord.forSignature(envelope, envelope.signatures().get(0),
                key.publicKey(), KeyAlgorithm.ECDSA_P256_SHA256));

        assertEquals(new String(expected, StandardCharsets.UTF_8),
                new String(body, StandardCharsets.UTF_8));
        assertEquals(HashedRekord.uuid(body), entry.path("uuid").asText());
        assertEquals(record().path("uuid").asText(), entry.path("uuid").asText(), "record uuid = first entry's uuid");
        assertEquals(log.path("logId").asText(), entry.path("logId").asText());
        assertEquals(log.path("origin").asText(), entry.path("origin").asText());
        assertEquals(before.logSize(), entry.path("logIndex").asLong(), "appended at the end of the log");
    }

    @Test
    void returnsAnInclusionProofThatVerifiesAgainstTheSignedCheckpoint() {
        JsonNode entry = onlyLogEntry();
        JsonNode proof = entry.path("inclusionProof");
        long index = proof.path("logIndex").asLong();
        long size = proof.path("treeSize").asLong();
        byte[] root = Base64.getDecoder().decode(proof.path("rootHash").asText());
        List<byte[]> hashes = new ArrayList<>();
        proof.path("hashes").forEach(h -> hashes.add(Base64.getDecoder().decode(h.asText())));
        byte[] leaf = Rfc6962.leafHash(Base64.getDecoder().decode(entry.path("canonicalizedBody").asText()));

        assertEquals(entry.path("logIndex").asLong(), index);
        InclusionProofs.verify(index, size, leaf, hashes, root);
        Checkpoint checkpoint = ApiClient.verifiedCheckpoint(proof.path("checkpoint").asText(), api.primaryLog());
        assertEquals(size, checkpoint.size(), "checkpoint size = proof tree size");
        assertEquals(Bytes.of(root), checkpoint.rootHash(), "checkpoint root = proof root");
    }

    @Test
    void exportsAnOfflineTlogProofThatVerifiesWithTheLogKeyAlone() {
        JsonNode entry = onlyLogEntry();
        ApiResponse exported = api.get("/api/v1/rekor/entries/" + entry.path("uuid").asText() + "/tlog-proof");
        assertEquals(200, exported.status(), exported::describe);
        assertTrue(exported.contentType().startsWith("text/plain"), exported::describe);
        TlogProof proof = TlogProofs.parse(exported.body());
        JsonNode log = api.primaryLog();
        byte[] leaf = Rfc6962.leafHash(Base64.getDecoder().decode(entry.path("canonicalizedBody").asText()));
        Checkpoint checkpoint = TlogProofs.verify(proof, leaf, List.of(NoteKeys.ecdsaVerifier(
                log.path("origin").asText(), PublicKeys.parsePem(log.path("publicKeyPem").asText()))));
        assertEquals(entry.path("logIndex").asLong(), proof.index());
        assertEquals(entry.path("inclusionProof").path("treeSize").asLong(), checkpoint.size());
    }

    @Test
    void growsTheStoreTheArchiveAndTheLogByExactlyOneEntry() {
        record();
        assertEquals(before.entries() + 1, after.entries(), "entries in /api/v1/stats");
        assertEquals(before.archivedObjects() + 1, after.archivedObjects(), "archived envelopes");
        assertEquals(before.logSize() + 1, after.logSize(), "primary log size");
    }

    @Test
    void answersTheSameEnvelopeAgainWithOkAndTheIdenticalRecord() {
        JsonNode first = record();
        ApiResponse again = api.submit(envelopeJson);

        assertEquals(200, again.status(), again::describe);
        assertEquals(first, again.json(), "same record");
        assertEquals(submitted.body(), again.body(), "byte-identical body");
        assertEquals(after, api.state(), "a duplicate changes nothing");
    }

    @Test
    void servesRecordAndArchivedEnvelopeByUuid() {
        assertFetched(api.get("/api/v1/rekor/entries/" + record().path("uuid").asText()));
    }

    @Test
    void servesRecordAndArchivedEnvelopeByEnvelopeDigest() {
        assertFetched(api.get("/api/v1/rekor/entries/" + record().path("envelopeDigest").asText()));
    }

    private void assertFetched(ApiResponse fetched) {
        assertEquals(200, fetched.status(), fetched::describe);
        ObjectNode view = (ObjectNode) fetched.json();
        JsonNode archived = view.remove("envelope");
        assertEquals(Attestations.tree(envelopeJson), archived, "the archived envelope");
        assertEquals(record(), view, "the stored record");
    }

    @Test
    void verifiesTheStoredEntryByUuid() {
        assertFullyVerified(api.postJson("/api/v1/rekor/verify",
                Map.of("uuid", record().path("uuid").asText())));
    }

    @Test
    void verifiesTheEnvelopeItself() {
        ObjectNode request = ApiClient.MAPPER.createObjectNode();
        request.set("envelope", Attestations.tree(envelopeJson));
        assertFullyVerified(api.postJson("/api/v1/rekor/verify", Attestations.bytes(request)));
    }

    private void assertFullyVerified(ApiResponse response) {
        assertEquals(200, response.status(), response::describe);
        JsonNode report = response.json();
        assertTrue(report.path("verified").asBoolean(false), response::describe);
        assertEquals(record().path("envelopeDigest").asText(), report.path("envelopeDigest").asText());
        Set<String> names = new TreeSet<>();
        for (JsonNode check : report.path("checks")) {
            assertTrue(check.path("ok").asBoolean(false), () -> "failed check " + check + " in " + response.describe());
            names.add(check.path("check").asText());
        }
        JsonNode entry = onlyLogEntry();
        String tlog = "tlog[" + entry.path("origin").asText() + "#" + entry.path("logIndex").asLong() + "]";
        for (String expected : List.of("signature[0]", "signers", tlog + ".body", tlog + ".leaf", tlog + ".inclusion",
                tlog + ".checkpoint", "tlog.coverage")) {
            assertTrue(names.contains(expected), () -> "no check " + expected + " in " + response.describe());
        }
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The record's primary entry re-encoded as a Rekor v2 TransparencyLogEntry, as a Sigstore bundle carries it. */
    private JsonNode transparencyLogEntry() {
        JsonNode entry = record().path("logEntries").path(0);
        JsonNode proof = entry.path("inclusionProof");
        List<Bytes> hashes = new ArrayList<>();
        proof.path("hashes").forEach(h -> hashes.add(Bytes.of(Base64.getDecoder().decode(h.asText()))));
        LogEntry logEntry = new LogEntry(entry.path("logId").asText(), entry.path("origin").asText(),
                entry.path("logIndex").asLong(), entry.path("uuid").asText(),
                Bytes.of(Base64.getDecoder().decode(entry.path("canonicalizedBody").asText())),
                new InclusionProof(proof.path("logIndex").asLong(), proof.path("treeSize").asLong(),
                        Bytes.of(Base64.getDecoder().decode(proof.path("rootHash").asText())), hashes,
                        proof.path("checkpoint").asText()));
        return Attestations.tree(RekorV2.entryJson(logEntry,
                java.util.HexFormat.of().parseHex(logEntry.logId())));
    }

    @Test
    void verifiesTheEnvelopeAgainstOfflineTransparencyLogEntries() {
        ApiResponse report = api.postJson("/api/v1/rekor/verify", Map.of("envelope", Attestations.tree(envelopeJson),
                "tlogEntries", List.of(transparencyLogEntry())));
        assertEquals(200, report.status(), report::describe);
        assertTrue(report.json().path("verified").asBoolean(false), report::describe);
    }

    @Test
    void refusesOfflineEntriesForAnotherEnvelope() {
        Envelope other = key.sign(Attestations.bytes(Attestations.slsaStatement("never-logged.jar")));
        ApiResponse report = api.postJson("/api/v1/rekor/verify", Map.of(
                "envelope", Attestations.tree(Attestations.json(other)), "tlogEntries", List.of(transparencyLogEntry())));
        assertEquals(200, report.status(), report::describe);
        assertFalse(report.json().path("verified").asBoolean(true), report::describe);
    }
}
