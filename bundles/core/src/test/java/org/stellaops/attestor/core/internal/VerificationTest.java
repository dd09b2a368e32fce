package org.stellaops.attestor.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.core.service.VerificationReport;
import org.stellaops.attestor.core.service.VerificationReport.EntryResult;
import org.stellaops.attestor.sdk.witness.Cosigner;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.LogTarget;

class VerificationTest {

    @TempDir
    Path directory;

    private Harness harness;
    private final KeyPair signer = TestKeys.p256();
    private final TestLog primary = new TestLog("primary.test");
    private final TestLog mirror = new TestLog("mirror.test");

    @AfterEach
    void stop() {
        mirror.mode(TestLog.Mode.UP);
        mirror.release();
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

    @Test
    void verifiesEveryEntryInEveryLog() {
        start(Harness.Settings.defaults()).addLog(mirror, "mirror");
        String digest = submit();
        harness.awaitRecord(digest, "logged", r -> EntryRecord.LOGGED.equals(r.status()));
        VerificationReport report = harness.verify(digest);
        assertTrue(report.verified(), report::toString);
        assertEquals(VerificationReport.LOGGED_ALL, report.logged());
        assertEquals(List.of("primary.test", "mirror.test"),
                report.entries().stream().map(EntryResult::origin).toList());
        report.entries().forEach(e -> {
            assertTrue(e.ok() && e.inclusion() && e.checkpoint(), e::toString);
            assertNotNull(e.fresh(), "both logs are up, so a fresh proof was fetched");
            assertTrue(e.fresh().ok(), e::toString);
        });
    }

    @Test
    void reportsAPendingMirrorWithoutFailingTheVerdict() {
        start(Harness.Settings.defaults()).addLog(mirror, "mirror");
        mirror.mode(TestLog.Mode.HOLD);
        String digest = submit();
        VerificationReport report = harness.verify(digest);
        assertTrue(report.verified(), report::toString);
        assertEquals(VerificationReport.LOGGED_PARTIAL, report.logged());
        EntryResult pending = report.entries().get(1);
        assertEquals(LogTarget.PENDING, pending.state());
        assertEquals(harness.stored(digest).uuid(), pending.uuid());
    }

    @Test
    void doesNotVerifyARecordNoLogHoldsYet() {
        start(Harness.Settings.defaults().primaryDeadline(Duration.ofMillis(50)));
        primary.mode(TestLog.Mode.DOWN);
        String digest = submit();
        VerificationReport report = harness.verify(digest);
        assertFalse(report.verified());
        assertEquals(VerificationReport.LOGGED_NONE, report.logged());
        primary.mode(TestLog.Mode.UP);
    }

    @Test
    void failsAnEntryOfALogThisProcessNeverRegistered() {
        start(Harness.Settings.defaults());
        String digest = submit();
        Harness other = harness.worker(Harness.Settings.defaults()); // same stores, a registry of its own
        VerificationReport report;
        try {
            report = other.verify(digest);
        } finally {
            other.close();
        }
        assertFalse(report.verified());
        assertTrue(report.checks().stream().anyMatch(c -> c.check().endsWith(".checkpoint") && !c.ok()
                && c.detail().contains("not registered")), report::toString);
    }

    @Test
    void verifiesAnEntryOfALogThatWentAwayByItsLastKeysWithoutAskingItForAFreshProof() {
        start(Harness.Settings.defaults());
        String digest = submit();
        harness.logs.remove(primary);
        VerificationReport report = harness.verify(digest);
        assertTrue(report.verified(), report::toString);
        EntryResult entry = report.entries().get(0);
        assertTrue(entry.checkpoint(), entry::toString);
        assertNull(entry.fresh(), "a log that is not registered is not asked");
    }

    @Test
    void forgetsTheLastKeysOfALogOnceItComesBack() {
        start(Harness.Settings.defaults());
        String digest = submit();
        harness.logs.remove(primary);
        TestLog successor = new TestLog("primary.test");
        harness.addLog(successor, "primary");
        VerificationReport report = harness.verify(digest);
        assertFalse(report.verified(), "the origin came back with another key, which did not sign the entry");
    }

    @Test
    void countsCosignaturesOfConfiguredWitnessesOnly() {
        KeyPair known = TestKeys.ed25519();
        KeyPair unknown = TestKeys.ed25519();
        Cosigner knownWitness = new Cosigner("witness.known", known.getPublic());
        primary.cosignWith("witness.known", known.getPrivate());
        primary.cosignWith("witness.other", unknown.getPrivate());
        start(Harness.Settings.defaults().witnesses(List.of(Cosigner.parseVkey(knownWitness.vkey()))));
        String digest = submit();
        EntryResult entry = harness.verify(digest).entries().get(0);
        assertEquals(1, entry.cosignatures(), entry::toString);
        assertEquals(1, entry.fresh().cosignatures(), entry::toString);
    }

    @Test
    void countsNoCosignaturesWithoutConfiguredWitnesses() {
        primary.cosignWith("witness.known", TestKeys.ed25519().getPrivate());
        start(Harness.Settings.defaults());
        EntryResult entry = harness.verify(submit()).entries().get(0);
        assertEquals(0, entry.cosignatures());
    }

    @Test
    void failsAnEntryWhenTheLogRewroteItsHistory() {
        start(Harness.Settings.defaults());
        String digest = submit();
        primary.rewriteHistory();
        VerificationReport report = harness.verify(digest);
        assertFalse(report.verified());
        EntryResult entry = report.entries().get(0);
        assertTrue(entry.inclusion(), "the stored proof still verifies on its own");
        assertFalse(entry.fresh().ok(), entry::toString);
    }
}
