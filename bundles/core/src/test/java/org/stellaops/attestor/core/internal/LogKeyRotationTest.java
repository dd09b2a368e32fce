package org.stellaops.attestor.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.tlog.HashedRekordRequest;
import org.stellaops.attestor.core.service.VerificationReport;
import org.stellaops.attestor.core.service.VerificationReport.EntryResult;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.crypto.Signatures;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.LogTarget;
import org.stellaops.attestor.store.SignatureCoverage;

/** Records logged before a transparency log rotated its checkpoint key, verified and published after it. */
class LogKeyRotationTest {

    @TempDir
    Path directory;

    private final KeyPair signer = TestKeys.p256();
    private final TestLog primary = new TestLog("primary.test");
    private Harness harness;

    @AfterEach
    void stop() {
        harness.close();
    }

    private void start() {
        // a submission waits this long for a primary that is down before it is answered pending
        harness = new Harness(directory, Harness.Settings.defaults().primaryDeadline(Duration.ofMillis(50)));
        harness.trust(signer);
        harness.addLog(primary, "primary");
    }

    private String submit() {
        return harness.submit(Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256)).record().envelopeDigest();
    }

    private String submitLogged() {
        String digest = submit();
        harness.awaitRecord(digest, "logged", r -> EntryRecord.LOGGED.equals(r.status()));
        return digest;
    }

    @Test
    void verifiesARecordLoggedUnderTheKeyTheLogHasSinceRetired() {
        start();
        String digest = submitLogged();
        String oldLogId = primary.descriptor().logId();
        primary.rotateKey();
        VerificationReport report = harness.verify(digest);
        assertTrue(report.verified(), report::toString);
        EntryResult entry = report.entries().get(0);
        assertEquals(oldLogId, entry.logId());
        assertTrue(entry.checkpoint(), entry::toString);
        assertNotNull(entry.fresh(), "the rotated log is found by the entry's old log ID");
        assertTrue(entry.fresh().ok(), entry::toString);
    }

    @Test
    void refusesARecordWhoseCheckpointARevokedKeyVersionSigned() {
        start();
        String digest = submitLogged();
        primary.rotateKey();
        primary.revokePreviousKeys();
        VerificationReport report = harness.verify(digest);
        assertFalse(report.verified());
        EntryResult entry = report.entries().get(0);
        assertFalse(entry.checkpoint(), entry::toString);
    }

    @Test
    void logsNewRecordsUnderTheNewKeyAndVerifiesBothGenerations() {
        start();
        String before = submitLogged();
        primary.rotateKey();
        String after = submitLogged();
        LogEntry entry = harness.stored(after).logEntries().get(0);
        assertEquals(primary.descriptor().logId(), entry.logId());
        assertNotEquals(harness.stored(before).logEntries().get(0).logId(), entry.logId());
        assertTrue(harness.verify(before).verified());
        assertTrue(harness.verify(after).verified());
    }

    @Test
    void publishesARecordMadeBeforeTheRotationToTheRotatedLog() {
        start();
        primary.mode(TestLog.Mode.DOWN);
        String oldLogId = primary.descriptor().logId();
        String digest = harness.submit(Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256)).record()
                .envelopeDigest();
        primary.rotateKey();
        primary.mode(TestLog.Mode.UP);
        EntryRecord record = harness.awaitRecord(digest, "logged after the rotation",
                r -> EntryRecord.LOGGED.equals(r.status()));
        LogTarget target = record.logs().get(0);
        assertEquals(oldLogId, target.logId(), "the target keeps the log ID the log had when the record was made");
        assertEquals(primary.descriptor().logId(), target.entries().get(0).entry().logId());
        assertTrue(harness.verify(digest).verified());
    }

    @Test
    void countsTheBacklogOfRecordsMadeBeforeTheRotationForTheRotatedLog() {
        start();
        primary.mode(TestLog.Mode.DOWN);
        submit();
        primary.rotateKey();
        Harness.await("the backlog counted under the new log ID",
                () -> harness.core.logStatus().get(0).pendingTargets() == 1);
        primary.mode(TestLog.Mode.UP);
    }

    @Test
    void acceptsAnAnswerUnderARetiredVersionButNotARevokedOne() {
        start();
        HashedRekordRequest request = request("rotation");
        PlannedEntry planned = EntryPlanner.planned(0, SignatureCoverage.VIA_SIGNATURE, request);
        LogEntry answer = primary.submit(request).toCompletableFuture().join();
        primary.rotateKey();
        EntryChecks checks = new EntryChecks();
        assertNull(checks.acceptance(primary.descriptor(), answer, planned, ""));
        primary.revokePreviousKeys();
        String reason = checks.acceptance(primary.descriptor(), answer, planned, "");
        assertNotNull(reason);
        assertTrue(reason.contains("revoked"), reason);
    }

    private HashedRekordRequest request(String message) {
        byte[] artifact = message.getBytes(StandardCharsets.UTF_8);
        try {
            return new HashedRekordRequest(Bytes.of(MessageDigest.getInstance("SHA-256").digest(artifact)),
                    Bytes.of(Signatures.sign(signer.getPrivate(), KeyAlgorithm.ECDSA_P256_SHA256, artifact)),
                    Bytes.of(PublicKeys.spki(signer.getPublic())), KeyAlgorithm.ECDSA_P256_SHA256);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
