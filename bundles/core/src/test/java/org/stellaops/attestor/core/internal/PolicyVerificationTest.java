package org.stellaops.attestor.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.core.service.AttestationService.VerifyRequest;
import org.stellaops.attestor.core.service.PolicyInvalidException;
import org.stellaops.attestor.core.service.PolicyService.PolicyRequest;
import org.stellaops.attestor.core.service.PolicyService.PolicyVerification;
import org.stellaops.attestor.core.service.PolicyService.PolicyVerifyOutcome;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.json.StrictJson;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.testing.MutableClock;

class PolicyVerificationTest {

    @TempDir
    Path directory;

    private Harness harness;
    private final KeyPair signer = TestKeys.p256();
    private final KeyPair second = TestKeys.p256();
    private final TestLog primary = new TestLog("primary.test");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T12:00:00Z"));

    @AfterEach
    void stop() {
        harness.close();
    }

    private Harness start(Harness.Settings settings) {
        harness = new Harness(directory, settings, clock);
        harness.trust(signer);
        harness.core.lifecycle().addExternal("second", PublicKeys.toPem(second.getPublic()), false, Harness.TENANT);
        harness.addLog(primary, "primary");
        return harness;
    }

    private Harness start() {
        return start(Harness.Settings.defaults().with("policyDecisionTtlMillis", Duration.ofHours(1).toMillis()));
    }

    private String submitLogged(byte[] envelope) {
        String digest = harness.submit(envelope).record().envelopeDigest();
        harness.awaitRecord(digest, "logged", r -> EntryRecord.LOGGED.equals(r.status()));
        return digest;
    }

    private String submitLogged() {
        return submitLogged(Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256));
    }

    static byte[] policy(String id, String rules) {
        return ("{\"apiVersion\":\"stella-ops.org/attestor/policy/v1\",\"kind\":\"VerificationPolicy\",\"id\":\"" + id
                + "\",\"version\":1,\"rules\":[" + rules + "]}").getBytes(StandardCharsets.UTF_8);
    }

    static final String SIGNED_BY_SIGNER = "{\"id\":\"by-signer\",\"type\":\"issuer\",\"config\":{\"keys\":[\"signer\"]}}";
    static final String SIGNED_BY_SECOND = "{\"id\":\"by-second\",\"type\":\"issuer\",\"config\":{\"keys\":[\"second\"]}}";
    static final String LOGGED = "{\"id\":\"logged\",\"type\":\"transparency\",\"config\":{\"logs\":[\"primary.test\"]}}";

    private PolicyVerification verify(String digest, byte[] policy) {
        return harness.core.verify(new VerifyRequest(digest, null, null), PolicyRequest.inline(policy, null, false),
                Harness.WHO);
    }

    private AuditEvent awaitAudit(java.util.function.Predicate<AuditEvent> wanted) {
        Harness.await("audit event", () -> harness.audit.recentEvents(1000).stream().anyMatch(wanted));
        return harness.audit.recentEvents(1000).stream().filter(wanted).findFirst().orElseThrow();
    }

    private static JsonNode decision(PolicyVerification verification) {
        return StrictJson.parse(verification.policy().decisionJson(), JsonLimits.DEFAULT);
    }

    @Test
    void allowsAStoredAttestationThatSatisfiesAnInlinePolicy() {
        start();
        String digest = submitLogged();
        PolicyVerification result = verify(digest, policy("signed", SIGNED_BY_SIGNER + "," + LOGGED));
        assertTrue(result.report().verified(), result.report()::toString);
        assertTrue(result.allowed(), () -> new String(result.policy().decisionJson(), StandardCharsets.UTF_8));
        assertEquals("pass", result.policy().verdict());
        assertEquals("inline", result.policy().source());
        JsonNode decision = decision(result);
        assertEquals(digest, decision.get("envelopeDigest").asText());
        assertEquals("service", decision.at("/trustedTime/source").asText());
        assertEquals("2026-05-01T12:00:00Z", decision.get("evaluatedAt").asText());
        assertNull(result.vsa());
    }

    @Test
    void deniesAVerifiedAttestationThePolicyRejects() {
        start();
        String digest = submitLogged();
        PolicyVerification result = verify(digest, policy("needs-second", SIGNED_BY_SECOND));
        assertTrue(result.report().verified());
        assertFalse(result.allowed());
        assertEquals("fail", result.policy().verdict());
        assertEquals(List.of("by-second"), List.of(decision(result).at("/failures/0").asText()));
        awaitAudit(e -> e.action().equals("entry.verify") && e.outcome().equals(PolicyVerifications.DENIED));
    }

    @Test
    void refusesAnInlinePolicyNamingAnUnknownKeyWithEveryProblemPointedAt() {
        start();
        String digest = submitLogged();
        PolicyInvalidException refused = assertThrows(PolicyInvalidException.class, () -> verify(digest,
                policy("typo", "{\"id\":\"a\",\"type\":\"issuer\",\"config\":{\"keys\":[\"nobody\"]}},"
                        + "{\"id\":\"b\",\"type\":\"issuer\",\"config\":{\"keySets\":[\"nobody-set\"]}}")));
        assertEquals("policy.invalid", refused.code());
        assertEquals(List.of("/rules/0/config/keys/0", "/rules/1/config/keySets/0"),
                refused.problems().stream().map(PolicyInvalidException.Problem::pointer).toList());
    }

    @Test
    void answersEngineUnavailableWhileNoPolicyEngineIsRegistered() {
        start();
        String digest = submitLogged();
        harness.policyEngines.unbind(harness.policyEngine);
        AttestorException refused = assertThrows(AttestorException.class,
                () -> verify(digest, policy("signed", SIGNED_BY_SIGNER)));
        assertEquals(PolicyEngines.UNAVAILABLE, refused.code());
        harness.policyEngines.bind(harness.policyEngine);
        assertTrue(verify(digest, policy("signed", SIGNED_BY_SIGNER)).allowed());
    }

    @Test
    void givesByteIdenticalDecisionsForTheSameQuestionFromTheCache() {
        start();
        String digest = submitLogged();
        byte[] doc = policy("signed", SIGNED_BY_SIGNER + "," + LOGGED);
        PolicyVerification first = verify(digest, doc);
        long hits = harness.core.verificationCache().hits();
        clock.advance(Duration.ofMinutes(1));
        PolicyVerification second = verify(digest, doc);
        assertEquals(hits + 1, harness.core.verificationCache().hits());
        assertArrayEquals(first.policy().decisionJson(), second.policy().decisionJson());
        assertEquals(first.report(), second.report());
    }

    @Test
    void reEvaluatesACachedDecisionAtTheCurrentTimeOnceItsTtlPassed() {
        start(Harness.Settings.defaults().with("policyDecisionTtlMillis", 1_000L));
        String digest = submitLogged();
        byte[] doc = policy("fresh", "{\"id\":\"fresh\",\"type\":\"freshness\",\"config\":{\"maxAge\":\"PT1H\"}}");
        assertTrue(verify(digest, doc).allowed());
        clock.advance(Duration.ofHours(2));
        PolicyVerification later = verify(digest, doc);
        assertFalse(later.allowed(), "a 2 hour old attestation is not fresh under a 1 hour limit");
        assertEquals("2026-05-01T14:00:00Z", decision(later).get("evaluatedAt").asText());
    }

    @Test
    void dropsACachedDecisionWhenTheTrustRootsChange() {
        start();
        byte[] envelope = Harness.envelope(List.of(signer, second),
                Harness.algorithms(KeyAlgorithm.ECDSA_P256_SHA256, KeyAlgorithm.ECDSA_P256_SHA256));
        String digest = submitLogged(envelope);
        byte[] doc = policy("needs-second", SIGNED_BY_SECOND);
        assertTrue(verify(digest, doc).allowed());
        String secondId = PublicKeys.keyId(second.getPublic());
        harness.core.revokeTrustedKey(secondId, Harness.WHO);
        PolicyVerification after = verify(digest, doc);
        assertFalse(after.allowed(), "the decision must follow the revocation, not the cache");
    }

    @Test
    void judgesTheRequestedSubject() {
        start();
        byte[] envelope = Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256);
        String digest = submitLogged(envelope);
        EntryRecord record = harness.stored(digest);
        String subject = record.subjects().get(0).digests().get(0).toString();
        byte[] doc = policy("about", "{\"id\":\"about\",\"type\":\"subject\",\"config\":{\"requested\":true}}");
        VerifyRequest byId = new VerifyRequest(digest, null, null);
        assertTrue(harness.core.verify(byId, PolicyRequest.inline(doc, subject, false), Harness.WHO).allowed());
        assertFalse(harness.core.verify(byId, PolicyRequest.inline(doc, "sha256:" + "ab".repeat(32), false),
                Harness.WHO).allowed());
        assertFalse(harness.core.verify(byId, PolicyRequest.inline(doc, null, false), Harness.WHO).allowed());
    }

    @Test
    void refusesARequestedSubjectOfTheWrongLengthForItsAlgorithm() {
        start();
        String digest = submitLogged();
        byte[] doc = policy("about", "{\"id\":\"about\",\"type\":\"subject\",\"config\":{\"requested\":true}}");
        AttestorException refused = assertThrows(AttestorException.class, () -> harness.core.verify(
                new VerifyRequest(digest, null, null), PolicyRequest.inline(doc, "sha256:" + "ab".repeat(31), false),
                Harness.WHO));
        assertEquals("request.malformed", refused.code());
        assertEquals("\"subject\" sha256 digests have 64 hex digits, not 62", refused.getMessage());
    }

    @Test
    void failsClosedForAnEnvelopeThatWasNeverSubmitted() {
        start();
        byte[] envelope = Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256);
        PolicyVerification result = harness.core.verify(new VerifyRequest(null, envelope, null),
                PolicyRequest.inline(policy("signed", SIGNED_BY_SIGNER + "," + LOGGED), null, false), Harness.WHO);
        assertFalse(result.report().verified());
        assertFalse(result.allowed());
        assertEquals("none", decision(result).at("/trustedTime/source").asText());
    }

    @Test
    void verifiesABatchUnderOnePolicyItemByItem() {
        start();
        String good = submitLogged();
        List<PolicyVerifyOutcome> outcomes = harness.core.verifyBatch(List.of(new VerifyRequest(good, null, null),
                new VerifyRequest("sha256:" + "00".repeat(32), null, null)),
                PolicyRequest.inline(policy("signed", SIGNED_BY_SIGNER), null, false), Harness.WHO);
        assertTrue(outcomes.get(0).verification().allowed());
        assertEquals("entry.not_found", ((AttestorException) outcomes.get(1).failure()).code());
    }

    @Test
    void refusesAStoredPolicyThatDoesNotExist() {
        start();
        String digest = submitLogged();
        AttestorException refused = assertThrows(AttestorException.class, () -> harness.core.verify(
                new VerifyRequest(digest, null, null), PolicyRequest.stored("missing", null, false), Harness.WHO));
        assertEquals("policy.not_found", refused.code());
        assertNotEquals(null, refused.getMessage());
    }

    @Test
    void countsConfiguredWitnessCosignaturesTowardsAQuorumAndIgnoresOthers() {
        KeyPair a = TestKeys.ed25519();
        KeyPair b = TestKeys.ed25519();
        primary.cosignWith("witness.a", a.getPrivate());
        primary.cosignWith("witness.b", b.getPrivate());
        primary.cosignWith("witness.stranger", TestKeys.ed25519().getPrivate());
        start(Harness.Settings.defaults().with("policyDecisionTtlMillis", 3_600_000L).witnesses(List.of(
                new org.stellaops.attestor.sdk.witness.Cosigner("witness.a", a.getPublic()),
                new org.stellaops.attestor.sdk.witness.Cosigner("witness.b", b.getPublic()))));
        String digest = submitLogged();
        String quorum = "{\"id\":\"q\",\"type\":\"witnessQuorum\",\"config\":{\"witnesses\":[\"witness.a\","
                + "\"witness.b\"],\"min\":2}}";
        PolicyVerification result = verify(digest, policy("witnessed", quorum));
        assertTrue(result.allowed(), () -> new String(result.policy().decisionJson(), StandardCharsets.UTF_8));
        PolicyInvalidException unknown = assertThrows(PolicyInvalidException.class, () -> verify(digest,
                policy("stranger", quorum.replace("witness.b", "witness.stranger"))));
        assertEquals("policy.unknown_witness", unknown.problems().get(0).code());
    }

    @Test
    void auditsEveryVerificationUnderAPolicyWithItsVerdict() {
        start();
        String digest = submitLogged();
        verify(digest, policy("signed", SIGNED_BY_SIGNER));
        AuditEvent event = awaitAudit(e -> e.action().equals("entry.verify") && e.detail().startsWith("policy"));
        assertEquals("success", event.outcome());
        assertTrue(event.detail().startsWith("policy signed@1 (inline): pass"), event.detail());
    }
}
