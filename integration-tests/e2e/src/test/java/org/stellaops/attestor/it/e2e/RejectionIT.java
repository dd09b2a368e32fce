package org.stellaops.attestor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stellaops.attestor.api.model.Envelope;

/**
 * Each way a submission can be wrong, against one server with one trusted key. Every rejection must carry the
 * documented status and problem code and change nothing: no record, no log entry.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RejectionIT {

    private static final int FOUR_MIB = 4 * 1024 * 1024;

    private AttestorProcess server;
    private ApiClient api;
    private SigningKey trusted;

    @BeforeAll
    void startWithOneTrustedKey() {
        server = AttestorProcess.startFresh();
        api = new ApiClient(server);
        trusted = SigningKey.generate();
        api.addTrustedKey("trusted", trusted.publicKeyPem());
        // one accepted entry first, so that "the log did not grow" is checked on a non-empty log too
        ApiResponse accepted = api.submit(validEnvelopeJson("accepted.jar"));
        assertEquals(201, accepted.status(), accepted::describe);
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    private byte[] validEnvelopeJson(String artifact) {
        return Attestations.json(trusted.sign(Attestations.bytes(Attestations.slsaStatement(artifact))));
    }

    /** Submits the bytes and requires the problem, an unchanged server and, if known, no record for the envelope. */
    private JsonNode assertRejected(String contentType, byte[] body, int status, String code, String envelopeDigest) {
        ApiClient.ServerState before = api.state();
        ApiResponse response = api.post("/api/v1/rekor/entries", contentType, body);
        JsonNode problem = response.assertProblem(status, code);
        assertEquals(before, api.state(), () -> "the rejected request changed the server: " + response.describe());
        if (envelopeDigest != null) {
            api.get("/api/v1/rekor/entries/" + envelopeDigest).assertProblem(404, "entry.not_found");
        }
        return problem;
    }

    private JsonNode assertRejectedEnvelope(byte[] envelopeJson, int status, String code) {
        return assertRejected(ApiClient.JSON, envelopeJson, status, code, Attestations.envelopeDigest(envelopeJson));
    }

    private static ObjectNode envelopeTree(byte[] envelopeJson) {
        return (ObjectNode) Attestations.tree(envelopeJson);
    }

    @Test
    void rejectsMalformedJson() {
        byte[] truncated = Arrays.copyOf(validEnvelopeJson("truncated.jar"), 40);
        assertRejected(ApiClient.JSON, truncated, 400, "json.malformed", null);
    }

    @Test
    void rejectsPayloadThatIsNotBase64() {
        ObjectNode envelope = envelopeTree(validEnvelopeJson("bad-base64.jar"));
        envelope.put("payload", "not*base64!");
        assertRejected(ApiClient.JSON, Attestations.bytes(envelope), 400, "envelope.bad_base64", null);
    }

    @Test
    void rejectsEnvelopeWithoutSignatures() {
        ObjectNode envelope = envelopeTree(validEnvelopeJson("no-signatures.jar"));
        envelope.putArray("signatures");
        assertRejected(ApiClient.JSON, Attestations.bytes(envelope), 400, "envelope.no_signatures", null);
    }

    @Test
    void rejectsEmptySignature() {
        ObjectNode envelope = envelopeTree(validEnvelopeJson("empty-signature.jar"));
        ((ObjectNode) envelope.path("signatures").get(0)).put("sig", "");
        assertRejected(ApiClient.JSON, Attestations.bytes(envelope), 400, "envelope.empty_signature", null);
    }

    @Test
    void rejectsEnvelopeSignedByAKeyThatWasNeverTrusted() {
        SigningKey stranger = SigningKey.generate();
        byte[] envelope = Attestations.json(stranger.sign(Attestations.bytes(Attestations.slsaStatement("stranger.jar"))));
        assertRejectedEnvelope(envelope, 422, "signature.untrusted_signer");
    }

    @Test
    void rejectsEnvelopeSignedOnlyByARevokedKey() {
        SigningKey retired = SigningKey.generate();
        api.addTrustedKey("retired", retired.publicKeyPem());
        ApiResponse revoked = api.delete("/api/v1/trust/keys/" + retired.keyId());
        assertEquals(200, revoked.status(), revoked::describe);
        assertTrue(revoked.json().path("revoked").asBoolean(false), revoked::describe);
        assertFalse(revoked.json().path("revokedAt").isNull(), revoked::describe);

        byte[] envelope = Attestations.json(retired.sign(Attestations.bytes(Attestations.slsaStatement("retired.jar"))));
        assertRejectedEnvelope(envelope, 422, "signature.revoked_signer");
    }

    @Test
    void rejectsEnvelopeWhoseSignatureCoversAnotherPayload() {
        Envelope signed = trusted.sign(Attestations.bytes(Attestations.slsaStatement("signed.jar")));
        Envelope other = trusted.sign(Attestations.bytes(Attestations.slsaStatement("other.jar")));
        Envelope mismatched = Attestations.withSignature(signed, trusted.keyId(), other.signatures().get(0).sig());
        assertRejectedEnvelope(Attestations.json(mismatched), 422, "signature.invalid");
    }

    @Test
    void rejectsEnvelopeWhosePayloadWasChangedAfterSigning() {
        Envelope signed = trusted.sign(Attestations.bytes(Attestations.slsaStatement("original.jar")));
        Envelope tampered = Attestations.withPayload(signed,
                Attestations.bytes(Attestations.slsaStatement("substituted.jar")));
        assertEquals(trusted.keyId(), tampered.signatures().get(0).keyId(), "the hint names the trusted key");
        assertRejectedEnvelope(Attestations.json(tampered), 422, "signature.invalid");
    }

    @Test
    void rejectsPredicateTypeThatNoHandlerOwns() {
        ObjectNode statement = Attestations.slsaStatement("unknown-predicate.jar");
        statement.put("predicateType", "https://example.com/attestations/unknown/v1");
        statement.putObject("predicate").put("anything", "goes");
        byte[] envelope = Attestations.json(trusted.sign(Attestations.bytes(statement)));
        assertRejectedEnvelope(envelope, 422, "predicate.unknown_type");
    }

    @Test
    void rejectsSlsaProvenanceThatBreaksTheSchemaAndPointsAtTheProblem() {
        ObjectNode statement = Attestations.slsaStatement("no-builder-id.jar");
        ((ObjectNode) statement.path("predicate").path("runDetails").path("builder")).remove("id");
        byte[] envelope = Attestations.json(trusted.sign(Attestations.bytes(statement)));

        JsonNode problem = assertRejectedEnvelope(envelope, 422, "predicate.invalid");
        List<String> pointers = new ArrayList<>();
        for (JsonNode error : problem.path("errors")) {
            assertFalse(error.path("message").asText().isEmpty(), problem::toString);
            pointers.add(error.path("pointer").asText());
        }
        assertTrue(pointers.contains("/predicate/runDetails/builder/id"), problem::toString);
    }

    @Test
    void refusesBodyOverFourMebibytesBeforeParsing() {
        String padding = "A".repeat(FOUR_MIB);
        byte[] body = ("{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\"" + padding
                + "\",\"signatures\":[{\"sig\":\"AAAA\"}]}").getBytes(StandardCharsets.UTF_8);
        assertTrue(body.length > FOUR_MIB);
        assertRejected(ApiClient.JSON, body, 413, "request.too_large", null);
    }

    @Test
    void refusesBodyThatIsNotDeclaredAsJson() {
        byte[] envelope = validEnvelopeJson("plain-text.jar");
        assertRejected("text/plain", envelope, 415, "request.unsupported_media_type",
                Attestations.envelopeDigest(envelope));
    }
}
