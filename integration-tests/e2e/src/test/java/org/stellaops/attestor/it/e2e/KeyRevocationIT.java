package org.stellaops.attestor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Revocation of key versions (docs/api.md, "Keys", lifecycle) against the real service: a revocation for
 * {@code key_compromise} fails every signature of the version without a trusted time before {@code compromisedAt},
 * however old it claims to be, while an ordinary ({@code superseded}) revocation leaves what was accepted before it
 * valid and refuses only later signatures. Trusted time is the acceptance time of a stored record.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyRevocationIT {

    private AttestorProcess server;
    private KeyApi keys;

    /** Key "compromised": three envelopes signed by v1 first; A accepted, then the compromise start, then B. */
    private JsonNode compromisedV1;
    private Instant compromiseStart;
    private JsonNode compromiseAnswer;
    private byte[] acceptedBeforeCompromise;
    private String recordBeforeCompromise;
    private String recordAfterCompromise;
    private byte[] neverSubmittedOfCompromised;

    /** Key "superseded": v1 signed record, rotated, then v1 revoked as superseded. */
    private JsonNode supersededV1;
    private JsonNode supersededAnswer;
    private String recordBeforeSupersession;
    private byte[] neverSubmittedOfSuperseded;

    @BeforeAll
    void startAndRunTheScenarios() {
        server = AttestorProcess.startFresh();
        keys = new KeyApi(new ApiClient(server));
        compromiseBetweenTwoAcceptances();
        supersedeAfterSigning();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /**
     * Signs three envelopes with v1, accepts A, takes the compromise start strictly after A's acceptance (whole
     * milliseconds, whatever precision the store keeps), accepts B strictly after it, rotates and then revokes v1
     * for compromise from that start.
     */
    private void compromiseBetweenTwoAcceptances() {
        compromisedV1 = KeyApi.version(keys.create("compromised", null), 1);
        acceptedBeforeCompromise = KeyApi.envelope(keys.sign("compromised", "compromised-a.jar"));
        byte[] b = KeyApi.envelope(keys.sign("compromised", "compromised-b.jar"));
        neverSubmittedOfCompromised = KeyApi.envelope(keys.sign("compromised", "compromised-c.jar"));
        JsonNode a = keys.submitted(acceptedBeforeCompromise);
        recordBeforeCompromise = a.path("uuid").asText();
        Instant acceptedA = Instant.parse(a.path("createdAt").asText());
        compromiseStart = KeyApi.after(acceptedA.plusMillis(1)).truncatedTo(ChronoUnit.MILLIS);
        KeyApi.after(compromiseStart.plusMillis(1));
        recordAfterCompromise = keys.submitted(b).path("uuid").asText();
        keys.rotate("compromised", Map.of());
        compromiseAnswer = keys.revoke("compromised", compromisedV1.path("keyId").asText(), "key_compromise",
                compromiseStart);
    }

    private void supersedeAfterSigning() {
        supersededV1 = KeyApi.version(keys.create("superseded", null), 1);
        recordBeforeSupersession = keys.submitted(KeyApi.envelope(keys.sign("superseded", "superseded-a.jar")))
                .path("uuid").asText();
        neverSubmittedOfSuperseded = KeyApi.envelope(keys.sign("superseded", "superseded-b.jar"));
        keys.rotate("superseded", Map.of());
        supersededAnswer = keys.revoke("superseded", supersededV1.path("keyId").asText(), "superseded", null);
    }

    // ---- key_compromise

    @Test
    void aCompromiseRevocationRecordsTheReasonAndTheCompromiseStart() {
        assertEquals("revoked", compromiseAnswer.path("state").asText(), compromiseAnswer::toString);
        assertEquals("key_compromise", compromiseAnswer.path("revocationReason").asText());
        assertEquals(compromiseStart, Instant.parse(compromiseAnswer.path("compromisedAt").asText()));
        assertFalse(compromiseAnswer.path("revokedAt").isNull(), compromiseAnswer::toString);
        assertEquals(compromiseAnswer, KeyApi.version(keys.show("compromised"), 1));
    }

    @Test
    void aRecordAcceptedBeforeTheCompromiseStartStillVerifies() {
        KeyApi.assertVerified(keys.verifyRecord(recordBeforeCompromise));
    }

    @Test
    void aRecordAcceptedAfterTheCompromiseStartNoLongerVerifies() {
        KeyApi.assertSignatureRefused(keys.verifyRecord(recordAfterCompromise));
    }

    @Test
    void anAcceptedEnvelopeGivenByValueIsJudgedAtItsAcceptance() {
        KeyApi.assertVerified(keys.verifyEnvelope(acceptedBeforeCompromise));
    }

    @Test
    void anEnvelopeOfTheCompromisedVersionGivenByValueWithoutTrustedTimeDoesNotVerify() {
        KeyApi.assertSignatureRefused(keys.verifyEnvelope(neverSubmittedOfCompromised));
    }

    @Test
    void anEnvelopeOfTheCompromisedVersionIsRefusedAsSignedByARevokedKey() {
        keys.api().submit(neverSubmittedOfCompromised).assertProblem(422, "signature.revoked_signer");
    }

    @Test
    void aCompromisedVersionCannotSign() {
        keys.signResponse(compromisedV1.path("keyId").asText(), "compromised-signs.jar")
                .assertProblem(409, "key.not_active");
    }

    @Test
    void theNextVersionOfACompromisedKeyStillSignsAndVerifies() {
        JsonNode signed = keys.sign("compromised", "compromised-v2.jar");
        assertEquals(2, signed.path("version").asInt(), signed::toString);
        KeyApi.assertVerified(keys.verifyRecord(keys.submitted(KeyApi.envelope(signed)).path("uuid").asText()));
    }

    @Test
    void theCompromiseStartDefaultsToTheRevocationTime() {
        JsonNode v1 = KeyApi.version(keys.create("compromised-now", null), 1);
        JsonNode revoked = keys.revoke("compromised-now", v1.path("keyId").asText(), "key_compromise", null);
        assertEquals(revoked.path("revokedAt").asText(), revoked.path("compromisedAt").asText(), revoked::toString);
    }

    @Test
    void aCompromiseStartLaterThanTheRevocationIsTheRevocationTime() {
        JsonNode v1 = KeyApi.version(keys.create("compromised-later", null), 1);
        JsonNode revoked = keys.revoke("compromised-later", v1.path("keyId").asText(), "key_compromise",
                Instant.now().plus(java.time.Duration.ofDays(1)));
        assertEquals(revoked.path("revokedAt").asText(), revoked.path("compromisedAt").asText(), revoked::toString);
    }

    // ---- superseded

    @Test
    void aSupersededRevocationMarksTheVersionRevokedWithoutACompromiseStart() {
        assertEquals("revoked", supersededAnswer.path("state").asText(), supersededAnswer::toString);
        assertEquals("superseded", supersededAnswer.path("revocationReason").asText());
        assertTrue(supersededAnswer.path("compromisedAt").isNull(), supersededAnswer::toString);
        assertEquals(supersededAnswer, KeyApi.version(keys.show("superseded"), 1));
    }

    @Test
    void aRecordAcceptedBeforeASupersededRevocationStillVerifies() {
        KeyApi.assertVerified(keys.verifyRecord(recordBeforeSupersession));
    }

    @Test
    void anEnvelopeOfASupersededVersionSubmittedAfterTheRevocationIsRefused() {
        keys.api().submit(neverSubmittedOfSuperseded).assertProblem(422, "signature.revoked_signer");
    }

    @Test
    void anUnacceptedEnvelopeOfASupersededVersionGivenByValueDoesNotVerify() {
        KeyApi.assertSignatureRefused(keys.verifyEnvelope(neverSubmittedOfSuperseded));
    }

    @Test
    void aSupersededVersionCannotSign() {
        keys.signResponse(supersededV1.path("keyId").asText(), "superseded-signs.jar")
                .assertProblem(409, "key.not_active");
    }

    @Test
    void signingByNameAfterASupersededRevocationUsesTheNextVersion() {
        assertEquals(2, keys.sign("superseded", "superseded-v2.jar").path("version").asInt());
    }

    // ---- refusals

    @Test
    void revokingARevokedVersionAgainIsAConflict() {
        keys.revokeResponse("superseded", supersededV1.path("keyId").asText(), Map.of("reason", "key_compromise"))
                .assertProblem(409, "key.already_revoked");
        assertEquals(supersededAnswer, KeyApi.version(keys.show("superseded"), 1));
    }

    @Test
    void retiringARevokedVersionIsAConflict() {
        keys.retireResponse("superseded", supersededV1.path("keyId").asText(), Map.of())
                .assertProblem(409, "key.already_revoked");
    }

    @Test
    void aRevocationWithoutAReasonIsMalformed() {
        JsonNode v1 = KeyApi.version(keys.create("no-reason", null), 1);
        keys.revokeResponse("no-reason", v1.path("keyId").asText(), Map.of()).assertProblem(400, "request.malformed");
        assertEquals("active", KeyApi.version(keys.show("no-reason"), 1).path("state").asText());
    }

    @Test
    void anUnknownReasonIsMalformed() {
        JsonNode v1 = KeyApi.version(keys.create("odd-reason", null), 1);
        keys.revokeResponse("odd-reason", v1.path("keyId").asText(), Map.of("reason", "keyCompromise"))
                .assertProblem(400, "request.malformed");
        assertEquals("active", KeyApi.version(keys.show("odd-reason"), 1).path("state").asText());
    }

    @Test
    void aCompromiseStartWithAnotherReasonIsMalformed() {
        JsonNode v1 = KeyApi.version(keys.create("misplaced-start", null), 1);
        keys.revokeResponse("misplaced-start", v1.path("keyId").asText(), Map.of("reason", "superseded",
                "compromisedAt", "2026-01-01T00:00:00Z")).assertProblem(400, "request.malformed");
        assertEquals("active", KeyApi.version(keys.show("misplaced-start"), 1).path("state").asText());
    }

    @Test
    void aVersionOfAnotherKeyIsNotFound() {
        keys.revokeResponse("compromised", supersededV1.path("keyId").asText(), Map.of("reason", "superseded"))
                .assertProblem(404, "key.not_found");
    }

    @Test
    void aKeyIdInUppercaseNamesTheSameVersion() {
        JsonNode v1 = KeyApi.version(keys.create("upper", null), 1);
        JsonNode revoked = keys.revoke("upper", v1.path("keyId").asText().toUpperCase(java.util.Locale.ROOT),
                "cessation_of_operation", null);
        assertEquals(v1.path("keyId"), revoked.path("keyId"));
        assertEquals("cessation_of_operation", revoked.path("revocationReason").asText());
    }

    // ---- audit

    @Test
    void aCompromiseIsAuditedAsKeyCompromised() {
        String keyId = compromisedV1.path("keyId").asText();
        assertTrue(keys.auditEvents("key.compromised").stream().anyMatch(e -> e.path("target").asText()
                .equals(keyId) && e.path("outcome").asText().equals("success")), "no key.compromised for " + keyId);
    }

    @Test
    void anOrdinaryRevocationIsAuditedAsKeyRevoked() {
        String keyId = supersededV1.path("keyId").asText();
        assertTrue(keys.auditEvents("key.revoked").stream().anyMatch(e -> e.path("target").asText()
                .equals(keyId) && e.path("outcome").asText().equals("success")), "no key.revoked for " + keyId);
    }
}
