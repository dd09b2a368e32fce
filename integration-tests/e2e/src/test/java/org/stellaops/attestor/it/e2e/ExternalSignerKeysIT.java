package org.stellaops.attestor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * External signers' keys (docs/api.md, "Trust roots" and "Keys"): a public key added with
 * {@code POST /api/v1/trust/keys} is a key of the registry without a driver, whose private half the producer keeps;
 * it is rotated with the next public key and retired and revoked by the same rules as a driver key. The legacy
 * {@code DELETE /api/v1/trust/keys/{keyId}} is a compromise since the key's {@code validFrom}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalSignerKeysIT {

    private AttestorProcess server;
    private KeyApi keys;

    /** "external": v1 signed a record, rotated to {@link #second}'s key, then v1 retired. */
    private SigningKey first;
    private SigningKey second;
    private String recordOfFirst;
    private byte[] lateOfFirst;
    private JsonNode rotatedTo;
    private JsonNode recordOfSecond;

    @BeforeAll
    void startAndRotateAnExternalKey() {
        server = AttestorProcess.startFresh();
        keys = new KeyApi(new ApiClient(server));
        first = SigningKey.generate();
        second = SigningKey.generate();
        keys.api().addTrustedKey("external", first.publicKeyPem());
        recordOfFirst = keys.submitted(envelope(first, "external-v1.jar")).path("uuid").asText();
        lateOfFirst = envelope(first, "external-v1-late.jar");
        rotatedTo = keys.rotate("external", Map.of("publicKeyPem", second.publicKeyPem()));
        recordOfSecond = keys.submitted(envelope(second, "external-v2.jar"));
        keys.retire("external", first.keyId());
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static byte[] envelope(SigningKey key, String artifact) {
        return Attestations.json(key.sign(Attestations.bytes(Attestations.slsaStatement(artifact))));
    }

    @Test
    void aTrustRootIsAKeyWithOneActiveVersionAndNoDriver() {
        SigningKey key = SigningKey.generate();
        keys.api().addTrustedKey("external-shown", key.publicKeyPem());

        JsonNode shown = keys.show("external-shown");
        assertEquals(1, shown.path("versions").size(), shown::toString);
        JsonNode v1 = KeyApi.version(shown, 1);
        assertEquals(key.keyId(), v1.path("keyId").asText(), shown::toString);
        assertEquals("active", v1.path("state").asText(), shown::toString);
        assertTrue(v1.path("driver").isNull(), "no driver holds an external signer's key: " + shown);
        assertEquals("ECDSA_P256_SHA256", v1.path("algorithm").asText(), shown::toString);
    }

    @Test
    void rotationAddsTheGivenPublicKeyAsTheNextVersion() {
        assertEquals(second.keyId(), rotatedTo.path("keyId").asText(), rotatedTo::toString);
        assertEquals(2, rotatedTo.path("version").asInt(), rotatedTo::toString);
        assertTrue(rotatedTo.path("driver").isNull(), rotatedTo::toString);
        assertEquals(rotatedTo.path("keyId"), KeyApi.version(keys.show("external"), 2).path("keyId"));
    }

    @Test
    void rotationWithoutTheNextPublicKeyIsRefused() {
        SigningKey key = SigningKey.generate();
        keys.api().addTrustedKey("external-no-pem", key.publicKeyPem());
        keys.api().postJson("/api/v1/keys/external-no-pem/rotate", Map.of()).assertProblem(400, "request.malformed");
        assertEquals(1, keys.show("external-no-pem").path("versions").size());
    }

    @Test
    void anEnvelopeOfTheNextVersionIsAcceptedAfterRotation() {
        assertEquals(second.keyId(), recordOfSecond.path("signerKeyIds").path(0).asText(), recordOfSecond::toString);
        KeyApi.assertVerified(keys.verifyRecord(recordOfSecond.path("uuid").asText()));
    }

    @Test
    void aRecordOfTheFirstVersionAcceptedBeforeItsRetirementStillVerifies() {
        KeyApi.assertVerified(keys.verifyRecord(recordOfFirst));
    }

    @Test
    void anEnvelopeOfTheRetiredFirstVersionIsRefused() {
        keys.api().submit(lateOfFirst).assertProblem(422, "signature.retired_signer");
        assertEquals("retired", KeyApi.version(keys.show("external"), 1).path("state").asText());
    }

    @Test
    void aCompromiseFailsOnlyTheRecordsAcceptedFromItsStart() {
        SigningKey key = SigningKey.generate();
        keys.api().addTrustedKey("external-compromised", key.publicKeyPem());
        JsonNode before = keys.submitted(envelope(key, "external-compromised-a.jar"));
        Instant start = KeyApi.after(Instant.parse(before.path("createdAt").asText()).plusMillis(1))
                .truncatedTo(ChronoUnit.MILLIS);
        KeyApi.after(start.plusMillis(1));
        String after = keys.submitted(envelope(key, "external-compromised-b.jar")).path("uuid").asText();
        keys.revoke("external-compromised", key.keyId(), "key_compromise", start);

        KeyApi.assertVerified(keys.verifyRecord(before.path("uuid").asText()));
        KeyApi.assertSignatureRefused(keys.verifyRecord(after));
        keys.api().submit(envelope(key, "external-compromised-c.jar")).assertProblem(422, "signature.revoked_signer");
    }

    @Test
    void aSupersededRevocationRefusesOnlyLaterSignatures() {
        SigningKey key = SigningKey.generate();
        keys.api().addTrustedKey("external-superseded", key.publicKeyPem());
        String before = keys.submitted(envelope(key, "external-superseded-a.jar")).path("uuid").asText();
        keys.revoke("external-superseded", key.keyId(), "superseded", null);

        KeyApi.assertVerified(keys.verifyRecord(before));
        keys.api().submit(envelope(key, "external-superseded-b.jar")).assertProblem(422, "signature.revoked_signer");
    }

    @Test
    void revokingThroughTheTrustRootRouteIsACompromiseSinceTheKeyWasValid() {
        SigningKey key = SigningKey.generate();
        keys.api().addTrustedKey("external-deleted", key.publicKeyPem());
        String before = keys.submitted(envelope(key, "external-deleted-a.jar")).path("uuid").asText();

        ApiResponse deleted = keys.api().delete("/api/v1/trust/keys/" + key.keyId());
        assertEquals(200, deleted.status(), deleted::describe);
        assertTrue(deleted.json().path("revoked").asBoolean(), deleted::describe);
        JsonNode v1 = KeyApi.version(keys.show("external-deleted"), 1);
        assertEquals("key_compromise", v1.path("revocationReason").asText(), v1::toString);
        assertEquals(v1.path("validFrom").asText(), v1.path("compromisedAt").asText(), v1::toString);
        KeyApi.assertSignatureRefused(keys.verifyRecord(before));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cosign", "public-pem"})
    void anExternalSignersKeyIsNeverExported(String format) {
        Map<String, String> body = format.equals("cosign") ? Map.of("format", format, "password", "export-me")
                : Map.of("format", format);
        keys.api().postJson("/api/v1/keys/external/versions/" + second.keyId() + "/export", body)
                .assertProblem(400, "key.unsupported_operation");
    }

    @Test
    void addingAndRotatingAnExternalKeyAreAudited() {
        assertTrue(keys.auditEvents("trust.key.add").stream().anyMatch(e -> e.path("target").asText()
                .equals(first.keyId()) && e.path("outcome").asText().equals("success")), "no trust.key.add");
        assertTrue(keys.auditEvents("key.rotated").stream().anyMatch(e -> e.path("target").asText()
                .equals(second.keyId()) && e.path("outcome").asText().equals("success")), "no key.rotated");
    }
}
