package org.stellaops.attestor.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.core.service.AttestationService.VerifyRequest;
import org.stellaops.attestor.core.service.PolicyService.PolicyRequest;
import org.stellaops.attestor.core.service.PolicyService.PolicyVerification;
import org.stellaops.attestor.sdk.crypto.Signatures;
import org.stellaops.attestor.sdk.dsse.DsseEnvelopes;
import org.stellaops.attestor.sdk.dsse.Pae;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.json.StrictJson;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.testing.MutableClock;

class VsaTest {

    @TempDir
    Path directory;

    private Harness harness;
    private final KeyPair signer = TestKeys.p256();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T12:00:00Z"));

    @AfterEach
    void stop() {
        harness.close();
    }

    private PolicyVerification verifyWithSummary(String rules, String subject) {
        harness = new Harness(directory, Harness.Settings.defaults(), clock);
        harness.trust(signer);
        harness.addLog(new TestLog("primary.test"), "primary");
        String digest = harness.submit(Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256)).record()
                .envelopeDigest();
        harness.awaitRecord(digest, "logged", r -> EntryRecord.LOGGED.equals(r.status()));
        String asked = subject != null ? subject
                : harness.stored(digest).subjects().get(0).digests().get(0).toString();
        return harness.core.verify(new VerifyRequest(digest, null, null),
                PolicyRequest.inline(PolicyVerificationTest.policy("release", rules), asked, true), Harness.WHO);
    }

    private JsonNode payload(PolicyVerification result) {
        Envelope envelope = DsseEnvelopes.parse(result.vsa(), JsonLimits.DEFAULT).envelope();
        assertEquals(Envelope.IN_TOTO_PAYLOAD_TYPE, envelope.payloadType());
        ServiceKeys.ServiceKey key = harness.core.serviceKeys().current();
        assertEquals(key.keyId(), envelope.signatures().get(0).keyId());
        assertTrue(Signatures.verify(key.publicKey(), KeyAlgorithm.ECDSA_P256_SHA256,
                Pae.encode(envelope.payloadType(), envelope.payload().value()),
                envelope.signatures().get(0).sig().value()), "signed by the service key");
        return StrictJson.parse(envelope.payload().value(), JsonLimits.DEFAULT);
    }

    @Test
    void signsAPassingDecisionAsASlsaVerificationSummaryWithTheServiceKey() {
        PolicyVerification result = verifyWithSummary(PolicyVerificationTest.SIGNED_BY_SIGNER, null);
        assertTrue(result.allowed());
        JsonNode statement = payload(result);
        assertEquals("https://in-toto.io/Statement/v1", statement.get("_type").asText());
        assertEquals(Vsas.PREDICATE_TYPE, statement.get("predicateType").asText());
        JsonNode predicate = statement.get("predicate");
        assertEquals("PASSED", predicate.get("verificationResult").asText());
        assertEquals("https://stella-ops.org/attestor", predicate.at("/verifier/id").asText());
        assertEquals("2026-05-01T12:00:00Z", predicate.get("timeVerified").asText());
        assertEquals("pkg:test/app", predicate.get("resourceUri").asText());
        assertEquals("STELLAOPS_POLICY:release@1", predicate.at("/verifiedLevels/0").asText());
        String envelopeDigest = result.report().envelopeDigest();
        assertEquals(envelopeDigest.substring(7), predicate.at("/inputAttestations/0/digest/sha256").asText());
        assertEquals(result.policy().digest().substring(7), predicate.at("/policy/digest/sha256").asText());
        assertEquals("pass", predicate.get(Vsas.EXTENSION).at("/decision/verdict").asText());
        assertEquals(1, statement.get("subject").size());
    }

    @Test
    void signsADeniedDecisionAsFailed() {
        PolicyVerification result = verifyWithSummary(
                "{\"id\":\"about\",\"type\":\"subject\",\"config\":{\"requested\":true}}", "sha256:" + "cd".repeat(32));
        JsonNode predicate = payload(result).get("predicate");
        assertEquals("FAILED", predicate.get("verificationResult").asText());
        assertEquals(List.of("FAILED"), List.of(predicate.at("/verifiedLevels/0").asText()));
        assertEquals("sha256:" + "cd".repeat(32), predicate.get("resourceUri").asText());
    }

    @Test
    void givesTheSamePayloadForTheSameDecision() {
        PolicyVerification first = verifyWithSummary(PolicyVerificationTest.SIGNED_BY_SIGNER, null);
        PolicyVerification second = harness.core.verify(new VerifyRequest(first.report().envelopeDigest(), null,
                null), PolicyRequest.inline(PolicyVerificationTest.policy("release",
                PolicyVerificationTest.SIGNED_BY_SIGNER), harness.stored(first.report().envelopeDigest()).subjects()
                .get(0).digests().get(0).toString(), true), Harness.WHO);
        assertArrayEquals(DsseEnvelopes.parse(first.vsa(), JsonLimits.DEFAULT).envelope().payload().value(),
                DsseEnvelopes.parse(second.vsa(), JsonLimits.DEFAULT).envelope().payload().value());
    }
}
