package org.stellaops.attestor.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.core.service.AttestationService.Submission;
import org.stellaops.attestor.sdk.rekor.HashedRekord;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.LogTarget;

class SubmissionOutboxTest {

    @TempDir
    Path directory;

    private Harness harness;
    private final KeyPair signer = TestKeys.p256();
    private final TestLog primary = new TestLog("primary.test");
    private final TestLog mirror = new TestLog("mirror.test");

    private Harness start(Harness.Settings settings) {
        harness = new Harness(directory, settings);
        harness.trust(signer);
        return harness;
    }

    @AfterEach
    void stop() {
        primary.mode(TestLog.Mode.UP);
        mirror.mode(TestLog.Mode.UP);
        primary.release();
        mirror.release();
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void answersWithTheLoggedRecordWhenThePrimaryLogsWithinTheDeadline() {
        start(Harness.Settings.defaults()).addLog(primary, "primary");
        Submission submission = harness.submit(Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256));
        assertTrue(submission.created());
        assertTrue(submission.primaryLogged(), submission::toString);
        assertEquals(EntryRecord.LOGGED, submission.record().status());
        assertEquals(1, submission.record().logEntries().size());
    }

    @Test
    void givesTheRecordItsFinalUuidBeforeAnyLogAnswers() {
        start(Harness.Settings.defaults().primaryDeadline(Duration.ofMillis(50))).addLog(primary, "primary");
        primary.mode(TestLog.Mode.DOWN);
        Submission submission = harness.submit(Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256));
        primary.mode(TestLog.Mode.UP);
        EntryRecord logged = harness.awaitRecord(submission.record().envelopeDigest(), "logged",
                r -> EntryRecord.LOGGED.equals(r.status()));
        assertEquals(submission.record().uuid(), logged.uuid());
        assertEquals(logged.uuid(), logged.logEntries().get(0).uuid());
        assertEquals(HashedRekord.uuid(logged.logEntries().get(0).canonicalizedBody().value()), logged.uuid());
        assertEquals(logged, harness.entries.byUuid(Harness.TENANT, submission.record().uuid()).orElseThrow());
    }

    @Test
    void acknowledgesAPendingRecordWhenThePrimaryDoesNotAnswerInTime() {
        start(Harness.Settings.defaults().primaryDeadline(Duration.ofMillis(100))).addLog(primary, "primary");
        primary.mode(TestLog.Mode.DOWN);
        Submission submission = harness.submit(Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256));
        assertTrue(submission.created());
        assertFalse(submission.primaryLogged());
        assertEquals(EntryRecord.PENDING, submission.record().status());
        assertEquals(List.of(submission.record().envelopeDigest()),
                harness.entries.pending(10).stream().map(EntryRecord::envelopeDigest).toList());
    }

    @Test
    void publishesAPendingRecordWhenThePrimaryRecoversWithoutAnotherRequest() {
        start(Harness.Settings.defaults().primaryDeadline(Duration.ofMillis(50))).addLog(primary, "primary");
        primary.mode(TestLog.Mode.DOWN);
        String digest = harness.submit(Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256)).record()
                .envelopeDigest();
        Harness.await("a failed attempt is recorded", () -> harness.stored(digest).logs().get(0).attempts() > 0);
        primary.mode(TestLog.Mode.UP);
        EntryRecord logged = harness.awaitRecord(digest, "logged after recovery",
                r -> EntryRecord.LOGGED.equals(r.status()));
        LogTarget target = logged.logs().get(0);
        assertEquals(0, target.attempts(), "a success resets the attempt count");
        assertTrue(harness.entries.pending(10).isEmpty());
    }

    @Test
    void resumesPendingRecordsAfterTheStoreIsReopened() {
        start(Harness.Settings.defaults().primaryDeadline(Duration.ofMillis(50))).addLog(primary, "primary");
        primary.mode(TestLog.Mode.DOWN);
        String digest = harness.submit(Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256)).record()
                .envelopeDigest();
        harness.publisher.close();
        primary.mode(TestLog.Mode.UP);
        int before = primary.size();
        harness.restart();
        EntryRecord logged = harness.awaitRecord(digest, "logged after the restart",
                r -> EntryRecord.LOGGED.equals(r.status()));
        assertEquals(before + 1, primary.size());
        assertEquals(primary.descriptor().logId(), logged.logEntries().get(0).logId());
    }

    @Test
    void neverWaitsForAMirrorThatDoesNotAnswer() {
        start(Harness.Settings.defaults());
        harness.addLog(primary, "primary");
        harness.addLog(mirror, "mirror");
        mirror.mode(TestLog.Mode.HOLD);
        // the deadline is ten minutes: if the submission waited for the mirror, this bound would fail it
        Submission submission = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> harness.submit(Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256)));
        assertTrue(submission.primaryLogged());
        assertEquals(EntryRecord.PENDING, submission.record().status());
        assertEquals(List.of(LogTarget.LOGGED, LogTarget.PENDING),
                submission.record().logs().stream().map(LogTarget::state).toList());
    }

    @Test
    void publishesToEveryLogRegisteredAtSubmission() {
        start(Harness.Settings.defaults());
        harness.addLog(primary, "primary");
        harness.addLog(mirror, "mirror");
        String digest = harness.submit(Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256)).record()
                .envelopeDigest();
        EntryRecord logged = harness.awaitRecord(digest, "logged in both", r -> EntryRecord.LOGGED.equals(r.status()));
        assertEquals(List.of(LogTarget.ROLE_PRIMARY, LogTarget.ROLE_MIRROR),
                logged.logs().stream().map(LogTarget::role).toList());
        assertEquals(1, mirror.size());
    }

    @Test
    void keepsARecordPendingWhileNoLogIsRegisteredAndPublishesWhenOneAppears() {
        start(Harness.Settings.defaults());
        Submission submission = harness.submit(Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256));
        assertFalse(submission.primaryLogged());
        assertTrue(submission.record().logs().isEmpty());
        harness.addLog(primary, "primary");
        EntryRecord logged = harness.awaitRecord(submission.record().envelopeDigest(), "logged once a log appears",
                r -> EntryRecord.LOGGED.equals(r.status()));
        assertEquals(LogTarget.ROLE_PRIMARY, logged.logs().get(0).role());
    }

    @Test
    void answersADuplicateWithTheCurrentRecord() {
        start(Harness.Settings.defaults()).addLog(primary, "primary");
        byte[] envelope = Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256);
        Submission first = harness.submit(envelope);
        Submission again = harness.submit(envelope);
        assertFalse(again.created());
        assertTrue(again.primaryLogged());
        assertEquals(first.record(), again.record());
        assertEquals(1, primary.size());
    }

    @Test
    void announcesAnOutageOnceAndItsEnd() {
        start(Harness.Settings.defaults().primaryDeadline(Duration.ofMillis(50))).addLog(primary, "primary");
        primary.mode(TestLog.Mode.DOWN);
        String digest = harness.submit(Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256)).record()
                .envelopeDigest();
        Harness.await("several failed attempts", () -> harness.stored(digest).logs().get(0).attempts() >= 3);
        primary.mode(TestLog.Mode.UP);
        harness.awaitRecord(digest, "logged", r -> EntryRecord.LOGGED.equals(r.status()));
        assertEquals(1, harness.audit.actions().stream().filter(LogHealth.UNAVAILABLE::equals).count());
        assertEquals(1, harness.audit.actions().stream().filter(LogHealth.RECOVERED::equals).count());
        assertTrue(harness.topics().contains("org/stellaops/attestor/tlog/UNAVAILABLE"), harness.topics()::toString);
        assertTrue(harness.topics().contains("org/stellaops/attestor/tlog/RECOVERED"), harness.topics()::toString);
    }
}
