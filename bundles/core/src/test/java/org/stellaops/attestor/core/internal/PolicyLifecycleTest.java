package org.stellaops.attestor.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.core.service.AttestationService.BatchOutcome;
import org.stellaops.attestor.core.service.AttestationService.VerifyRequest;
import org.stellaops.attestor.core.service.PolicyService.PolicyInfo;
import org.stellaops.attestor.core.service.PolicyService.PolicyRequest;
import org.stellaops.attestor.core.service.PolicyService.PolicyVerification;
import org.stellaops.attestor.core.service.PolicyService.Simulation;
import org.stellaops.attestor.core.service.PolicyService.SimulationRequest;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.testing.MutableClock;

/**
 * The whole life of a policy in one core, end to end: author, approve under the two-person rule, verify with it, then
 * simulate a stricter draft over 1,000 stored attestations and check what it would change — and that nothing
 * changed.
 */
class PolicyLifecycleTest {

    private static final int RECORDS = 1_000;
    private static final int BOTH_SIGNERS = 300;

    @TempDir
    Path directory;

    private Harness harness;
    private final KeyPair signer = TestKeys.p256();
    private final KeyPair second = TestKeys.p256();

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void authorApproveVerifyThenSimulateAStricterDraftOverAThousandAttestations() {
        harness = new Harness(directory, Harness.Settings.defaults()
                .with("policyApprovalTenants", new String[] {Harness.TENANT})
                .with("policyKeySets", new String[] {"release-signers=signer,second"}),
                new MutableClock(Instant.parse("2026-05-01T12:00:00Z")));
        harness.trust(signer);
        harness.core.lifecycle().addExternal("second", PublicKeys.toPem(second.getPublic()), false, Harness.TENANT);
        harness.addLog(new TestLog("primary.test"), "primary");
        List<String> digests = submitThousand();

        // author (alice) and approver (bob)
        PolicyInfo authored = harness.core.create(PolicyAuthoringTest.draft("release", 1,
                "{\"id\":\"release-signer\",\"type\":\"issuer\",\"config\":{\"keySets\":[\"release-signers\"]}},"
                        + PolicyVerificationTest.LOGGED), Harness.WHO);
        assertNull(authored.activeVersion());
        PolicyInfo approved = harness.core.approve("release", 1, PolicyAuthoringTest.BOB);
        assertEquals(1, approved.activeVersion());

        // verify with the active version
        PolicyVerification verified = harness.core.verify(new VerifyRequest(digests.get(0), null, null),
                PolicyRequest.stored("release", null, false), Harness.WHO);
        assertTrue(verified.allowed(), () -> new String(verified.policy().decisionJson()));
        assertEquals(1, verified.policy().version());
        Harness.await("the verification's audit event", () -> harness.audit.recentEvents(10).stream()
                .anyMatch(e -> e.action().equals("entry.verify")));

        // simulate a stricter draft: two distinct release signers
        long revision = harness.policyStore.revision();
        long records = harness.entries.count(Harness.TENANT);
        List<AuditEvent> auditBefore = harness.audit.recentEvents(100);
        long eventsBefore = harness.audit.eventCount();
        Simulation simulation = harness.core.simulate("release", new SimulationRequest(PolicyAuthoringTest.draft(
                "release", 2, "{\"id\":\"two-release-signers\",\"type\":\"signatureThreshold\",\"config\":"
                        + "{\"keySet\":\"release-signers\",\"min\":2}}," + PolicyVerificationTest.LOGGED), null,
                null, null, null, null, 100), Harness.WHO);

        assertEquals(RECORDS, simulation.evaluated());
        assertEquals(RECORDS - BOTH_SIGNERS, simulation.newlyFailing());
        assertEquals(0, simulation.newlyPassing());
        assertEquals(BOTH_SIGNERS, simulation.unchangedPassing());
        assertEquals(0, simulation.unchangedFailing());
        assertEquals(0, simulation.errors());
        assertEquals(100, simulation.newlyFailingRecords().size());
        assertTrue(simulation.truncated());
        assertTrue(simulation.newlyFailingRecords().stream().allMatch(r -> r.draftFailures()
                .equals(List.of("two-release-signers"))));

        // nothing changed but one audit event
        assertEquals(revision, harness.policyStore.revision());
        assertEquals(records, harness.entries.count(Harness.TENANT));
        assertEquals(eventsBefore + 1, harness.audit.eventCount());
        List<AuditEvent> auditAfter = harness.audit.recentEvents(101);
        assertEquals("policy.simulate", auditAfter.get(0).action());
        assertEquals(auditBefore, auditAfter.subList(1, auditAfter.size()));
        assertEquals(1, harness.core.policy(Harness.TENANT, "release").orElseThrow().versions().size());
        assertFalse(harness.core.verify(new VerifyRequest(digests.get(RECORDS - 1), null, null),
                PolicyRequest.inline(PolicyAuthoringTest.draft("release", 2, "{\"id\":\"two\",\"type\":"
                        + "\"signatureThreshold\",\"config\":{\"keySet\":\"release-signers\",\"min\":2}}")
                        .document(), null, false), Harness.WHO).allowed(),
                "a record signed by one release signer fails the stricter draft when verified alone too");
    }

    /** 1,000 envelopes, the first 300 signed by both release signers, submitted in two batches. */
    private List<String> submitThousand() {
        List<byte[]> envelopes = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            envelopes.add(i < BOTH_SIGNERS ? Harness.envelope(List.of(signer, second),
                    Harness.algorithms(KeyAlgorithm.ECDSA_P256_SHA256, KeyAlgorithm.ECDSA_P256_SHA256))
                    : Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256));
        }
        List<String> digests = new ArrayList<>();
        for (int from = 0; from < RECORDS; from += 500) {
            for (BatchOutcome outcome : harness.core.submitBatch(envelopes.subList(from, from + 500), Harness.WHO)) {
                assertNull(outcome.failure());
                digests.add(outcome.submission().record().envelopeDigest());
            }
        }
        for (String digest : digests) {
            harness.awaitRecord(digest, "logged", r -> EntryRecord.LOGGED.equals(r.status()));
        }
        return digests;
    }
}
