package org.stellaops.attestor.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.core.service.PolicyService.Simulation;
import org.stellaops.attestor.core.service.PolicyService.SimulationRequest;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.testing.MutableClock;

class PolicySimulationTest {

    @TempDir
    Path directory;

    private Harness harness;
    private final KeyPair signer = TestKeys.p256();
    private final KeyPair second = TestKeys.p256();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T12:00:00Z"));

    @AfterEach
    void stop() {
        harness.close();
    }

    private Harness start(Harness.Settings settings) {
        harness = new Harness(directory, settings, clock);
        harness.trust(signer);
        harness.core.lifecycle().addExternal("second", PublicKeys.toPem(second.getPublic()), false, Harness.TENANT);
        harness.addLog(new TestLog("primary.test"), "primary");
        return harness;
    }

    private String submit(boolean bothSigners) {
        byte[] envelope = bothSigners ? Harness.envelope(List.of(signer, second),
                Harness.algorithms(KeyAlgorithm.ECDSA_P256_SHA256, KeyAlgorithm.ECDSA_P256_SHA256))
                : Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256);
        String digest = harness.submit(envelope).record().envelopeDigest();
        harness.awaitRecord(digest, "logged", r -> EntryRecord.LOGGED.equals(r.status()));
        return digest;
    }

    private static SimulationRequest draft(int version, String rules, int listLimit) {
        return new SimulationRequest(PolicyAuthoringTest.draft("p", version, rules), null, null, null, null, null,
                listLimit);
    }

    @Test
    void countsWhatAStricterDraftWouldMakeFailAndListsThemBounded() {
        start(Harness.Settings.defaults());
        for (int i = 0; i < 5; i++) {
            submit(i < 2);
        }
        harness.core.create(PolicyAuthoringTest.draft("p", 1, PolicyVerificationTest.SIGNED_BY_SIGNER), Harness.WHO);
        Simulation result = harness.core.simulate("p", draft(2, PolicyVerificationTest.SIGNED_BY_SIGNER + ","
                + PolicyVerificationTest.SIGNED_BY_SECOND, 2), Harness.WHO);
        assertEquals(5, result.evaluated());
        assertEquals(3, result.newlyFailing());
        assertEquals(0, result.newlyPassing());
        assertEquals(2, result.unchangedPassing());
        assertEquals(0, result.unchangedFailing());
        assertEquals(0, result.errors());
        assertEquals(2, result.newlyFailingRecords().size());
        assertTrue(result.truncated());
        assertEquals("pass", result.newlyFailingRecords().get(0).active());
        assertEquals("fail", result.newlyFailingRecords().get(0).draft());
        assertEquals(List.of("by-second"), result.newlyFailingRecords().get(0).draftFailures());
        assertEquals(1, result.activeVersion());
        assertEquals(clock.instant(), result.evaluatedAt());
    }

    @Test
    void changesNoRecordNoPolicyAndNoCacheAndAuditsOnlyItself() {
        start(Harness.Settings.defaults());
        submit(false);
        submit(true);
        harness.core.create(PolicyAuthoringTest.draft("p", 1, PolicyVerificationTest.SIGNED_BY_SIGNER), Harness.WHO);
        List<EntryRecord> records = harness.entries.recent(Harness.TENANT, 100);
        long revision = harness.policyStore.revision();
        var cache = harness.core.verificationCache();
        List<AuditEvent> before = harness.audit.recentEvents(1000);
        Simulation result = harness.core.simulate("p", draft(2, PolicyVerificationTest.SIGNED_BY_SECOND, 10),
                Harness.WHO);
        assertEquals(1, result.newlyFailing());
        assertEquals(records, harness.entries.recent(Harness.TENANT, 100));
        assertEquals(revision, harness.policyStore.revision());
        assertEquals(cache, harness.core.verificationCache());
        List<AuditEvent> after = harness.audit.recentEvents(1000);
        assertEquals(before.size() + 1, after.size());
        assertEquals(before, after.subList(1, after.size()));
        assertEquals("policy.simulate", after.get(0).action());
        assertEquals("success", after.get(0).outcome());
        assertEquals("p", after.get(0).target());
    }

    @Test
    void refusesASelectionLargerThanTheLimitAndEvaluatesNothing() {
        start(Harness.Settings.defaults().with("maxSimulationRecords", 3));
        for (int i = 0; i < 4; i++) {
            submit(false);
        }
        harness.core.create(PolicyAuthoringTest.draft("p", 1, PolicyVerificationTest.SIGNED_BY_SIGNER), Harness.WHO);
        AttestorException refused = assertThrows(AttestorException.class, () -> harness.core.simulate("p",
                draft(2, PolicyVerificationTest.SIGNED_BY_SECOND, 10), Harness.WHO));
        assertEquals("policy.simulation_too_large", refused.code());
        assertEquals("policy.simulation_too_large", harness.audit.recentEvents(1).get(0).outcome());
    }

    @Test
    void selectsRecordsByTimeRange() {
        start(Harness.Settings.defaults());
        submit(false);
        clock.advance(Duration.ofHours(1));
        Instant since = clock.instant();
        submit(false);
        submit(false);
        clock.advance(Duration.ofHours(1));
        Instant until = clock.instant();
        submit(false);
        harness.core.create(PolicyAuthoringTest.draft("p", 1, PolicyVerificationTest.SIGNED_BY_SIGNER), Harness.WHO);
        Simulation result = harness.core.simulate("p", new SimulationRequest(PolicyAuthoringTest.draft("p", 2,
                PolicyVerificationTest.SIGNED_BY_SECOND), null, since, until, null, null, 10), Harness.WHO);
        assertEquals(2, result.evaluated());
    }

    @Test
    void simulatesAPendingVersionByNumberAndAPolicyWithoutActiveVersion() {
        start(Harness.Settings.defaults().with("policyApprovalTenants", new String[] {"*"}));
        submit(true);
        harness.core.create(PolicyAuthoringTest.draft("p", 1, PolicyVerificationTest.SIGNED_BY_SIGNER), Harness.WHO);
        Simulation nothingActive = harness.core.simulate("p", new SimulationRequest(null, 1, null, null, null, null,
                10), Harness.WHO);
        assertNull(nothingActive.activeVersion());
        assertEquals(1, nothingActive.newlyPassing());
        assertEquals(PolicySimulations.NONE, nothingActive.newlyPassingRecords().get(0).active());
        harness.core.approve("p", 1, PolicyAuthoringTest.BOB);
        harness.core.update("p", PolicyAuthoringTest.draft("p", 2, "{\"id\":\"about\",\"type\":\"subject\","
                + "\"config\":{\"requested\":true}}"), Harness.WHO);
        Simulation pending = harness.core.simulate("p", new SimulationRequest(null, 2, null, null, null, null, 10),
                Harness.WHO);
        assertEquals(1, pending.activeVersion());
        assertEquals(2, pending.draftVersion());
        assertEquals(1, pending.newlyFailing());
    }

    @Test
    void refusesADraftOfAnotherPolicyAndAnUnknownPolicy() {
        start(Harness.Settings.defaults());
        harness.core.create(PolicyAuthoringTest.draft("p", 1, PolicyVerificationTest.SIGNED_BY_SIGNER), Harness.WHO);
        assertEquals("policy.id_mismatch", assertThrows(AttestorException.class, () -> harness.core.simulate("p",
                new SimulationRequest(PolicyAuthoringTest.draft("q", 1, PolicyVerificationTest.SIGNED_BY_SIGNER),
                        null, null, null, null, null, 10), Harness.WHO)).code());
        assertEquals("policy.not_found", assertThrows(AttestorException.class, () -> harness.core.simulate("q",
                draft(1, PolicyVerificationTest.SIGNED_BY_SIGNER, 10), Harness.WHO)).code());
    }
}
