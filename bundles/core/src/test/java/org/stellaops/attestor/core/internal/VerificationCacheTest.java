package org.stellaops.attestor.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.core.service.AttestationService.CacheStats;
import org.stellaops.attestor.core.service.VerificationReport;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.rekor.RekorV2;
import org.stellaops.attestor.sdk.witness.Cosigner;
import org.stellaops.attestor.store.EntryRecord;

class VerificationCacheTest {

    @TempDir
    Path directory;

    private Harness harness;
    private final KeyPair signer = TestKeys.p256();
    private final TestLog primary = new TestLog("primary.test");

    @AfterEach
    void stop() {
        primary.mode(TestLog.Mode.UP);
        harness.close();
    }

    private Harness start(Harness.Settings settings) {
        harness = new Harness(directory, settings);
        harness.trust(signer);
        harness.addLog(primary, "primary");
        return harness;
    }

    private String submit() {
        return harness.submit(Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256)).record().envelopeDigest();
    }

    private VerificationReport verify(String digest) {
        return harness.core.verifyStored(digest, Harness.WHO);
    }

    private CacheStats stats() {
        return harness.core.verificationCache();
    }

    @Test
    void servesARepeatedVerificationFromTheCache() {
        start(Harness.Settings.defaults());
        String digest = submit();
        harness.core.heads().refresh();
        VerificationReport first = verify(digest);
        VerificationReport second = verify(digest);
        assertEquals(first, second);
        assertEquals(new CacheStats(1, 1, 1, 0), stats());
    }

    @Test
    void servesTheSecondVerificationFromTheCacheWhenTheFirstSawANewerCheckpoint() {
        start(Harness.Settings.defaults());
        String digest = submit();
        submit(); // the log grew since the last time the core looked at its head
        verify(digest);
        verify(digest);
        assertEquals(new CacheStats(1, 1, 1, 0), stats());
    }

    @Test
    void dropsEveryCachedReportWhenATrustedKeyIsAdded() {
        start(Harness.Settings.defaults());
        verify(submit());
        verify(submit());
        harness.core.addTrustedKey("another", PublicKeys.toPem(TestKeys.p256().getPublic()), false,
                Harness.WHO);
        verify(submit());
        assertEquals(2, stats().invalidations());
        assertEquals(1, stats().entries());
    }

    @Test
    void neverServesAReportComputedBeforeTheSignerWasRevoked() {
        start(Harness.Settings.defaults());
        String digest = submit();
        assertTrue(verify(digest).verified());
        harness.core.revokeTrustedKey(PublicKeys.keyId(signer.getPublic()), Harness.WHO);
        assertFalse(verify(digest).verified());
    }

    @Test
    void recomputesAReportOnceTheLogHasANewerCheckpoint() {
        start(Harness.Settings.defaults());
        String digest = submit();
        harness.core.heads().refresh();
        verify(digest);
        verify(digest);
        submit();
        harness.core.heads().refresh();
        VerificationReport report = verify(digest);
        assertEquals(2, stats().misses());
        assertEquals(2, report.entries().get(0).fresh().treeSize());
    }

    @Test
    void recomputesAReportOnceAWitnessCosignsTheLatestCheckpoint() {
        KeyPair witness = TestKeys.ed25519();
        start(Harness.Settings.defaults().witnesses(List.of(new Cosigner("witness.test", witness.getPublic()))));
        String digest = submit();
        harness.core.heads().refresh();
        assertEquals(0, verify(digest).entries().get(0).fresh().cosignatures());
        primary.cosignWith("witness.test", witness.getPrivate());
        harness.core.heads().refresh();
        assertEquals(1, verify(digest).entries().get(0).fresh().cosignatures());
        assertEquals(0, stats().hits());
    }

    @Test
    void recomputesTheReportOfAPendingRecordOnceItIsLogged() {
        start(Harness.Settings.defaults().primaryDeadline(Duration.ofMillis(50)));
        primary.mode(TestLog.Mode.DOWN);
        String digest = submit();
        assertEquals(VerificationReport.LOGGED_NONE, verify(digest).logged());
        primary.mode(TestLog.Mode.UP);
        harness.awaitRecord(digest, "logged", r -> EntryRecord.LOGGED.equals(r.status()));
        VerificationReport report = verify(digest);
        assertTrue(report.verified(), report::toString);
        assertEquals(VerificationReport.LOGGED_ALL, report.logged());
    }

    @Test
    void recomputesTheReportOfAnEnvelopeOnceItIsSubmitted() {
        start(Harness.Settings.defaults());
        byte[] envelope = Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256);
        assertFalse(harness.core.verifyEnvelope(envelope, Harness.WHO).verified());
        harness.submit(envelope);
        assertTrue(harness.core.verifyEnvelope(envelope, Harness.WHO).verified());
    }

    @Test
    void keysOfflineVerificationsByTheSuppliedEntriesToo() {
        start(Harness.Settings.defaults());
        byte[] envelope = Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256);
        submit(); // a sibling, so the inclusion path has a hash to alter
        LogEntry entry = harness.submit(envelope).record().logEntries().get(0);
        harness.core.heads().refresh();
        assertTrue(harness.core.verifyEnvelopeWithEntries(envelope, List.of(tle(entry)), Harness.WHO).verified());
        assertTrue(harness.core.verifyEnvelopeWithEntries(envelope, List.of(tle(entry)), Harness.WHO).verified());
        assertFalse(harness.core.verifyEnvelopeWithEntries(envelope, List.of(tle(altered(entry))), Harness.WHO)
                .verified());
        assertEquals(1, stats().hits());
    }

    @Test
    void recomputesAReportOnceTheServiceKeyOfItsReceiptIsRevoked() {
        KeyPair ed25519 = TestKeys.ed25519();
        start(Harness.Settings.defaults()).trust(ed25519);
        EntryRecord record = harness.submit(Harness.envelope(ed25519, KeyAlgorithm.ED25519)).record();
        assertTrue(verify(record.envelopeDigest()).verified());
        harness.revokeServiceKey(record.receipts().get(0).serviceKeyId());
        assertFalse(verify(record.envelopeDigest()).verified());
    }

    @Test
    void recomputesAReportOnceItsLogIsNoLongerRegistered() {
        start(Harness.Settings.defaults());
        String digest = submit();
        assertNotNull(verify(digest).entries().get(0).fresh(), "the log was asked");
        harness.logs.remove(primary);
        assertNull(verify(digest).entries().get(0).fresh(), "recomputed without the departed log");
    }

    @Test
    void computesEveryVerificationWhenTheCacheIsDisabled() {
        start(Harness.Settings.defaults().with("verificationCacheEntries", 0));
        String digest = submit();
        verify(digest);
        verify(digest);
        assertEquals(new CacheStats(0, 2, 0, 0), stats());
    }

    @Test
    void auditsEveryVerificationIncludingThoseServedFromTheCache() {
        start(Harness.Settings.defaults());
        String digest = submit();
        for (int i = 0; i < 3; i++) {
            verify(digest);
        }
        Harness.await("three verification events", () -> harness.audit.actions().stream()
                .filter(CoreCodes.ENTRY_VERIFY::equals).count() == 3);
    }

    private static byte[] tle(LogEntry entry) {
        return RekorV2.entryJson(entry, HexFormat.of().parseHex(entry.logId()));
    }

    private static LogEntry altered(LogEntry entry) {
        InclusionProof proof = entry.inclusionProof();
        List<Bytes> hashes = new ArrayList<>(proof.hashes());
        byte[] first = hashes.get(0).value();
        first[0] ^= 1;
        hashes.set(0, Bytes.of(first));
        return new LogEntry(entry.logId(), entry.origin(), entry.logIndex(), entry.uuid(), entry.canonicalizedBody(),
                new InclusionProof(proof.logIndex(), proof.treeSize(), proof.rootHash(), hashes, proof.checkpoint()));
    }
}
