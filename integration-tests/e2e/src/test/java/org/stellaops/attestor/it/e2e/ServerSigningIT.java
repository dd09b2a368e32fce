package org.stellaops.attestor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.stellaops.attestor.sdk.json.Jcs;

/**
 * {@code POST /api/v1/sign} (docs/api.md, "Keys", signing) with keys of the real file driver: the envelope it answers
 * is a DSSE envelope over the statement's canonical form (or the exact payload bytes) that verifies offline with the
 * version's public key, that the service accepts and logs when submitted, and that {@code "submit": true} submits in
 * the same request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerSigningIT {

    private static final String IN_TOTO = "application/vnd.in-toto+json";

    private AttestorProcess server;
    private KeyApi keys;

    @BeforeAll
    void startWithTwoKeys() {
        server = AttestorProcess.startFresh();
        keys = new KeyApi(new ApiClient(server));
        keys.create("p256", "ECDSA_P256_SHA256");
        keys.create("ed25519", "ED25519");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static String keyName(String algorithm) {
        return algorithm.equals("ED25519") ? "ed25519" : "p256";
    }

    private JsonNode v1(String name) {
        return KeyApi.version(keys.show(name), 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ECDSA_P256_SHA256", "ED25519"})
    void signsTheCanonicalStatementIntoAnEnvelopeThatVerifiesWithTheVersionsPublicKey(String algorithm) {
        String name = keyName(algorithm);
        ObjectNode statement = Attestations.slsaStatement("signed-" + algorithm.toLowerCase(Locale.ROOT) + ".jar");
        ApiResponse answer = keys.api().postJson("/api/v1/sign", Map.of("key", name, "statement", statement));
        assertEquals(200, answer.status(), answer::describe);

        JsonNode signed = answer.json();
        JsonNode v1 = v1(name);
        assertEquals(v1.path("keyId").asText(), signed.path("keyId").asText(), answer::describe);
        assertEquals(1, signed.path("version").asInt(), answer::describe);
        JsonNode envelope = signed.path("envelope");
        assertEquals(IN_TOTO, envelope.path("payloadType").asText());
        assertArrayEquals(Jcs.canonicalize(statement), Base64.getDecoder().decode(envelope.path("payload").asText()));
        assertEquals(1, envelope.path("signatures").size(), answer::describe);
        assertEquals(v1.path("keyId").asText(), envelope.path("signatures").path(0).path("keyid").asText());
        assertTrue(KeyApi.verifiesWith(KeyApi.envelope(signed), v1.path("publicKeyPem").asText()), answer::describe);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ECDSA_P256_SHA256", "ED25519"})
    void aServerSignedEnvelopeSubmittedIsLoggedAndVerifies(String algorithm) {
        String name = keyName(algorithm);
        JsonNode signed = keys.sign(name, "submitted-" + algorithm.toLowerCase(Locale.ROOT) + ".jar");
        JsonNode record = keys.submitted(KeyApi.envelope(signed));

        assertEquals("logged", record.path("status").asText(), record::toString);
        assertEquals(signed.path("keyId").asText(), record.path("signerKeyIds").path(0).asText(), record::toString);
        JsonNode report = keys.verifyRecord(record.path("uuid").asText());
        assertTrue(report.path("verified").asBoolean(), report::toString);
        assertEquals("all", report.path("logged").asText(), report::toString);
    }

    @Test
    void signingWithSubmitAnswersTheSubmissionWithTheEnvelope() {
        ObjectNode body = ApiClient.MAPPER.createObjectNode();
        body.put("key", "p256");
        body.set("statement", Attestations.slsaStatement("submit-at-once.jar"));
        body.put("submit", true);
        RawClient.Answer answer = RawClient.of(server).send("POST", "/api/v1/sign", Attestations.bytes(body),
                "Authorization", TestHttp.authorization(server), "Content-Type", ApiClient.JSON);

        ApiResponse response = answer.response();
        assertEquals(201, response.status(), response::describe);
        JsonNode record = response.json();
        assertEquals("logged", record.path("status").asText(), response::describe);
        assertEquals(record.path("statusUrl").asText(), answer.header("Location"), response::describe);
        assertEquals(v1("p256").path("keyId").asText(), record.path("keyId").asText(), response::describe);
        assertEquals(1, record.path("version").asInt(), response::describe);
        assertEquals(Attestations.envelopeDigest(Attestations.bytes(record.path("envelope"))),
                record.path("envelopeDigest").asText(), "the record is the answered envelope's");
        ApiResponse stored = keys.api().get(record.path("statusUrl").asText());
        assertEquals(200, stored.status(), stored::describe);
        assertEquals(record.path("envelope"), stored.json().path("envelope"));
    }

    @Test
    void submittingTheSameSignatureAgainAnswersTheExistingRecord() {
        // Ed25519 signatures are deterministic (RFC 8032), so signing the same statement again yields the same envelope
        Map<String, Object> body = Map.of("key", "ed25519", "statement", Attestations.slsaStatement("twice.jar"),
                "submit", true);
        ApiResponse first = keys.api().postJson("/api/v1/sign", body);
        ApiResponse second = keys.api().postJson("/api/v1/sign", body);

        assertEquals(201, first.status(), first::describe);
        assertEquals(200, second.status(), second::describe);
        assertEquals(first.json().path("uuid"), second.json().path("uuid"));
        assertEquals(first.json().path("envelope"), second.json().path("envelope"));
    }

    @Test
    void signsTheExactBytesOfABase64Payload() {
        byte[] payload = ("  " + new String(Attestations.bytes(Attestations.slsaStatement("exact-bytes.jar")),
                StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8);
        ApiResponse answer = keys.api().postJson("/api/v1/sign", Map.of("key", "p256",
                "payload", Base64.getEncoder().encodeToString(payload)));
        assertEquals(200, answer.status(), answer::describe);
        assertArrayEquals(payload, Base64.getDecoder().decode(answer.json().path("envelope").path("payload").asText()));
        assertTrue(KeyApi.verifiesWith(KeyApi.envelope(answer.json()), v1("p256").path("publicKeyPem").asText()));
    }

    @Test
    void signsWithTheVersionNamedByItsKeyId() {
        String keyId = v1("ed25519").path("keyId").asText();
        JsonNode signed = keys.sign(keyId, "by-key-id.jar");
        assertEquals(keyId, signed.path("keyId").asText(), signed::toString);
    }

    @Test
    void refusesAPayloadTypeOtherThanInToto() {
        keys.api().postJson("/api/v1/sign", Map.of("key", "p256", "statement",
                Attestations.slsaStatement("other-type.jar"), "payloadType", "text/plain"))
                .assertProblem(400, "envelope.unsupported_payload_type");
    }

    @Test
    void refusesAPayloadThatIsNotAnInTotoStatement() {
        ObjectNode noSubjects = Attestations.slsaStatement("no-subjects.jar");
        noSubjects.putArray("subject");
        keys.api().postJson("/api/v1/sign", Map.of("key", "p256", "statement", noSubjects))
                .assertProblem(400, "statement.no_subjects");
    }

    @Test
    void refusesBothAStatementAndAPayload() {
        keys.api().postJson("/api/v1/sign", Map.of("key", "p256", "statement",
                Attestations.slsaStatement("both.jar"), "payload", "e30=")).assertProblem(400, "request.malformed");
    }

    @Test
    void refusesAnUnknownKey() {
        keys.signResponse("no-such-key", "unknown-key.jar").assertProblem(404, "key.not_found");
    }

    @Test
    void refusesAMemberTheOperationDoesNotTake() {
        keys.api().postJson("/api/v1/sign", Map.of("key", "p256", "statement",
                Attestations.slsaStatement("extra-member.jar"), "algorithm", "ED25519"))
                .assertProblem(400, "request.malformed");
    }

    @Test
    void everySignatureIsAuditedAsKeySigned() {
        keys.sign("p256", "audited-signature.jar");
        assertTrue(keys.auditEvents("key.signed").stream().anyMatch(e -> e.path("target").asText().equals("p256")
                && e.path("outcome").asText().equals("success")), "no key.signed event for p256");
    }
}
