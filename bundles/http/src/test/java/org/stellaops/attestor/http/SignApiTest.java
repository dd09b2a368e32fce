package org.stellaops.attestor.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.core.service.KeyService.CreateKey;
import org.stellaops.attestor.sdk.dsse.DsseEnvelopes;
import org.stellaops.attestor.sdk.dsse.EnvelopeVerifier;
import org.stellaops.attestor.sdk.dsse.TrustedSigner;
import org.stellaops.attestor.sdk.json.Jcs;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.store.TrustedKey;

/** {@code POST /api/v1/sign}: server-side signatures with a driver key, optionally submitted at once. */
class SignApiTest {

    private ApiHarness api;
    private TrustedKey key;

    @BeforeEach
    void startServer() throws Exception {
        api = new ApiHarness();
        key = api.keys.seed(TokenTable.TENANT, "release", false);
    }

    @AfterEach
    void stopServer() throws Exception {
        api.close();
    }

    private ApiHarness.Answer sign(String json) {
        return api.sendAs(TokenTable.ALL, "POST", "/api/v1/sign", json);
    }

    private Envelope envelope(JsonNode answer) {
        return DsseEnvelopes.parse(answer.path("envelope").toString().getBytes(StandardCharsets.UTF_8),
                JsonLimits.DEFAULT).envelope();
    }

    private boolean verifiesWith(Envelope envelope, TrustedKey signer) {
        return EnvelopeVerifier.verify(envelope, List.of(new TrustedSigner(signer.keyId(), api.keys.publicKey(signer),
                signer.algorithm()))).verifiedKeyIds().equals(Set.of(signer.keyId()));
    }

    @Test
    void signsTheCanonicalFormOfAStatementIntoAnEnvelopeThatVerifies() {
        ApiHarness.Answer answer = sign("{\"key\":\"release\",\"statement\":" + KeyTests.STATEMENT + "}");

        assertEquals(200, answer.status(), answer::body);
        assertEquals(List.of("envelope", "keyId", "version"), KeyApiTest.names(answer.json()));
        assertEquals(key.keyId(), answer.json().path("keyId").asText());
        assertEquals(1, answer.json().path("version").asInt());
        Envelope envelope = envelope(answer.json());
        assertEquals(Envelope.IN_TOTO_PAYLOAD_TYPE, envelope.payloadType());
        assertArrayEquals(Jcs.canonicalize(KeyTests.statement()), envelope.payload().value());
        assertTrue(verifiesWith(envelope, key));
        assertFalse(api.keys.signRequests.get(0).submit());
    }

    @Test
    void signsTheExactBytesOfABase64Payload() {
        byte[] payload = (KeyTests.STATEMENT + "\n").getBytes(StandardCharsets.UTF_8);
        ApiHarness.Answer answer = sign("{\"key\":\"" + key.keyId() + "\",\"payload\":\""
                + Base64.getEncoder().encodeToString(payload) + "\",\"payloadType\":\"" + Envelope.IN_TOTO_PAYLOAD_TYPE
                + "\"}");

        assertEquals(200, answer.status(), answer::body);
        assertArrayEquals(payload, envelope(answer.json()).payload().value());
    }

    @Test
    void answersASubmittedSignatureAsTheSubmitEndpointDoesWithTheEnvelope() {
        ApiHarness.Answer answer = sign("{\"key\":\"release\",\"statement\":" + KeyTests.STATEMENT
                + ",\"submit\":true}");

        assertEquals(201, answer.status(), answer::body);
        JsonNode body = answer.json();
        assertEquals("logged", body.path("status").asText());
        assertTrue(body.path("envelopeDigest").asText().startsWith("sha256:"));
        assertEquals(body.path("statusUrl").asText(), answer.headers().firstValue("Location").orElse(""));
        assertEquals(key.keyId(), body.path("keyId").asText());
        assertTrue(verifiesWith(envelope(body), key));
        assertTrue(api.keys.signRequests.get(0).submit());
    }

    @Test
    void answers200ForAnEnvelopeTheTenantAlreadySubmitted() {
        api.keys.create(new CreateKey("ed", RecordingKeys.FILE, KeyAlgorithm.ED25519, null, false),
                RecordingKeys.who(TokenTable.TENANT));
        String request = "{\"key\":\"ed\",\"statement\":" + KeyTests.STATEMENT + ",\"submit\":true}";
        assertEquals(201, sign(request).status());

        ApiHarness.Answer again = sign(request);

        assertEquals(200, again.status(), again::body);
        assertTrue(again.headers().firstValue("Location").isEmpty());
    }

    @Test
    void refusesARequestWithBothAStatementAndAPayload() {
        KeyTests.assertProblem(sign("{\"key\":\"release\",\"statement\":" + KeyTests.STATEMENT
                + ",\"payload\":\"e30=\"}"), 400, "request.malformed");
        KeyTests.assertProblem(sign("{\"key\":\"release\"}"), 400, "request.malformed");
        assertTrue(api.keys.signRequests.isEmpty());
    }

    @Test
    void refusesAPayloadThatIsNotBase64() {
        KeyTests.assertProblem(sign("{\"key\":\"release\",\"payload\":\"not base64!\"}"), 400, "request.malformed");
    }

    @Test
    void refusesAStatementThatIsNotAnObject() {
        KeyTests.assertProblem(sign("{\"key\":\"release\",\"statement\":\"text\"}"), 400, "request.malformed");
    }

    @Test
    void refusesAMemberTheOperationDoesNotTake() {
        ApiHarness.Answer answer = sign("{\"key\":\"release\",\"statement\":" + KeyTests.STATEMENT
                + ",\"keyid\":\"x\"}");
        KeyTests.assertProblem(answer, 400, "request.malformed");
        assertTrue(answer.json().path("detail").asText().contains("unknown member \"keyid\""), answer::body);
    }

    @Test
    void refusesAPayloadThatIsNotAStatementWithTheStatementsCode() {
        ApiHarness.Answer answer = sign("{\"key\":\"release\",\"statement\":{\"_type\":\"x\"}}");
        assertEquals(400, answer.status(), answer::body);
        assertTrue(answer.json().path("code").asText().startsWith("statement."), answer::body);
    }

    @Test
    void refusesAKeyWithNoVersionThatMaySignNowWith409() {
        api.keys.put(key.retire(Fixtures.T0));
        KeyTests.assertProblem(sign("{\"key\":\"release\",\"statement\":" + KeyTests.STATEMENT + "}"), 409,
                "key.not_active");
    }

    @Test
    void refusesAnUnknownKeyWith404() {
        KeyTests.assertProblem(sign("{\"key\":\"absent\",\"statement\":" + KeyTests.STATEMENT + "}"), 404,
                "key.not_found");
    }

    @Test
    void answersAStoppedDriverWith503() {
        api.keys.fileDriverStopped = true;
        KeyTests.assertProblem(sign("{\"key\":\"release\",\"statement\":" + KeyTests.STATEMENT + "}"), 503,
                "key.driver_unavailable");
    }

    @Test
    void needsTheWriteScope() {
        ApiHarness.Answer answer = api.sendAs(TokenTable.READ_ONLY, "POST", "/api/v1/sign",
                "{\"key\":\"release\",\"statement\":" + KeyTests.STATEMENT + "}");
        KeyTests.assertProblem(answer, 403, "auth.insufficient_scope");
        assertTrue(answer.headers().firstValue("WWW-Authenticate").orElse("").contains("attestor.write"));
    }
}
