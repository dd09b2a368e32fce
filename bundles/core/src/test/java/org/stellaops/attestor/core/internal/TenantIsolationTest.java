package org.stellaops.attestor.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.core.service.AttestationService.AuditVerification;
import org.stellaops.attestor.core.service.AttestationService.Submission;
import org.stellaops.attestor.core.service.ErrorCodes;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.Provenance;
import org.stellaops.attestor.store.TrustedKey;

/** Two tenants on one core: nothing of one is visible to, counted for or trusted by the other. */
class TenantIsolationTest {

    private static final Provenance BOB = new Provenance("POST /api/v1/rekor/entries", "bob", "192.0.2.2",
            "tenant-b");

    @TempDir
    Path directory;

    private Harness harness;
    private final KeyPair signer = TestKeys.p256();
    private final TestLog primary = new TestLog("primary.test");
    private byte[] envelope;

    @BeforeEach
    void start() {
        harness = new Harness(directory);
        harness.addLog(primary, "primary");
        envelope = Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private TrustedKey trust(Provenance who, boolean shared) {
        return harness.core.addTrustedKey("signer", PublicKeys.toPem(signer.getPublic()), shared, who);
    }

    private EntryRecord submitAsBothTenants() {
        trust(Harness.WHO, false);
        trust(BOB, false);
        harness.core.submit(envelope, Harness.WHO);
        return harness.core.submit(envelope, BOB).record();
    }

    @Test
    void theSameEnvelopeSubmittedByTwoTenantsMakesTwoIndependentRecords() {
        trust(Harness.WHO, false);
        trust(BOB, false);
        Submission alice = harness.core.submit(envelope, Harness.WHO);
        Submission bob = harness.core.submit(envelope, BOB);
        assertTrue(alice.created());
        assertTrue(bob.created());
        assertEquals(alice.record().envelopeDigest(), bob.record().envelopeDigest());
        assertEquals("tenant-a", alice.record().tenant());
        assertEquals("tenant-b", bob.record().tenant());
        assertTrue(bob.record().primaryLogged());
    }

    @Test
    void aResubmissionByTheSameTenantIsStillIdempotent() {
        submitAsBothTenants();
        assertFalse(harness.core.submit(envelope, BOB).created());
    }

    @Test
    void aTenantCannotFetchAnotherTenantsRecordByDigestOrUuid() {
        trust(Harness.WHO, false);
        EntryRecord alice = harness.core.submit(envelope, Harness.WHO).record();
        assertTrue(harness.core.fetch("tenant-b", alice.envelopeDigest()).isEmpty());
        assertTrue(harness.core.fetch("tenant-b", alice.uuid()).isEmpty());
        assertTrue(harness.core.fetch(Harness.TENANT, alice.uuid()).isPresent());
    }

    @Test
    void aKeyTrustedByOneTenantDoesNotVerifyAnotherTenantsEnvelope() {
        trust(Harness.WHO, false);
        AttestorException refused = assertThrows(AttestorException.class, () -> harness.core.submit(envelope, BOB));
        assertEquals(ErrorCodes.UNTRUSTED_SIGNER, refused.code());
        assertEquals(0, harness.core.stats("tenant-b").entries());
    }

    @Test
    void aSharedKeyVerifiesEveryTenantsEnvelopes() {
        trust(Harness.WHO, true);
        assertTrue(harness.core.submit(envelope, BOB).created());
        assertEquals(1, harness.core.trustedKeys("tenant-b").size());
    }

    @Test
    void aTenantCannotRevokeAnotherTenantsKeyEvenAShared() {
        TrustedKey key = trust(Harness.WHO, true);
        AttestorException refused = assertThrows(AttestorException.class,
                () -> harness.core.revokeTrustedKey(key.keyId(), BOB));
        assertEquals(ErrorCodes.TRUST_KEY_NOT_FOUND, refused.code());
        assertFalse(harness.core.trustedKeys(Harness.TENANT).get(0).revoked());
    }

    @Test
    void revokingItsOwnCopyOfAKeyLeavesTheOtherTenantsCopyTrusted() {
        submitAsBothTenants();
        String keyId = harness.core.trustedKeys(Harness.TENANT).get(0).keyId();
        harness.core.revokeTrustedKey(keyId, Harness.WHO);
        assertFalse(harness.core.verifyEnvelope(envelope, Harness.WHO).verified());
        assertTrue(harness.core.verifyEnvelope(envelope, BOB).verified());
    }

    @Test
    void verifyingAnotherTenantsStoredIdIsNotFound() {
        trust(Harness.WHO, false);
        EntryRecord alice = harness.core.submit(envelope, Harness.WHO).record();
        AttestorException refused = assertThrows(AttestorException.class,
                () -> harness.core.verifyStored(alice.uuid(), BOB));
        assertEquals(ErrorCodes.ENTRY_NOT_FOUND, refused.code());
    }

    @Test
    void aCachedVerificationOfOneTenantIsNeverServedToAnother() {
        trust(Harness.WHO, false);
        harness.core.submit(envelope, Harness.WHO);
        assertTrue(harness.core.verifyEnvelope(envelope, Harness.WHO).verified());
        assertFalse(harness.core.verifyEnvelope(envelope, BOB).verified());
    }

    @Test
    void recentAndStatsCountOnlyTheTenantsRecords() {
        submitAsBothTenants();
        harness.core.submit(Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256), Harness.WHO);
        assertEquals(1, harness.core.stats("tenant-b").entries());
        assertEquals(2, harness.core.stats(Harness.TENANT).entries());
        assertEquals(1, harness.core.recent("tenant-b", 10).size());
        assertEquals(3, harness.core.recent(null, 10).size());
    }

    @Test
    void auditEventsCarryTheTenantOfTheirCallerAndATenantReadsOnlyItsOwn() {
        submitAsBothTenants();
        List<AuditEvent> bobs = harness.core.auditEvents("tenant-b", 100);
        assertFalse(bobs.isEmpty());
        assertTrue(bobs.stream().allMatch(e -> "tenant-b".equals(e.tenant())));
        assertTrue(harness.core.auditEvents(null, 100).stream().anyMatch(e -> Harness.TENANT.equals(e.tenant())));
    }

    @Test
    void aTenantsAuditVerificationCountsItsOwnEventsAndRevealsNoHead() {
        submitAsBothTenants();
        AuditVerification operator = harness.core.verifyAudit(null, Harness.WHO);
        AuditVerification bob = harness.core.verifyAudit("tenant-b", BOB);
        assertTrue(bob.intact());
        assertEquals(harness.core.auditEvents("tenant-b", 100).size() - 1, bob.checked());
        assertTrue(bob.checked() < operator.checked());
        assertEquals(0, bob.headSeq());
        assertEquals("", bob.headHash());
        assertTrue(bob.anchors().isEmpty());
    }

    @Test
    void bothRecordsOfOneEnvelopeAreLoggedAndVerifyIndependently() {
        EntryRecord bob = submitAsBothTenants();
        EntryRecord alice = harness.core.fetch(Harness.TENANT, bob.envelopeDigest()).orElseThrow().record();
        assertNotSame(alice, bob);
        assertTrue(harness.core.verifyStored(bob.envelopeDigest(), BOB).verified());
        assertTrue(harness.core.verifyStored(alice.envelopeDigest(), Harness.WHO).verified());
    }
}
