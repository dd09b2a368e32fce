package org.stellaops.attestor.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.tlog.TransparencyLogException;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.LogTarget;

class PublisherFailureTest {

    @TempDir
    Path directory;

    private Harness harness;
    private final KeyPair signer = TestKeys.p256();
    private final TestLog primary = new TestLog("primary.test");
    private final TestLog mirror = new TestLog("mirror.test");

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private String submitWhile(TestLog.Mode primaryMode) {
        harness = new Harness(directory, Harness.Settings.defaults().primaryDeadline(Duration.ofMillis(50)));
        harness.trust(signer);
        harness.addLog(primary, "primary");
        primary.mode(primaryMode);
        return harness.submit(Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256)).record().envelopeDigest();
    }

    @Test
    void marksATargetFailedAfterTheLogRefusedMaxRejectionsTimes() {
        String digest = submitWhile(TestLog.Mode.REJECT);
        EntryRecord record = harness.awaitRecord(digest, "the target failed",
                r -> r.logs().get(0).state().equals(LogTarget.FAILED));
        LogTarget target = record.logs().get(0);
        assertEquals(3, target.rejections());
        assertEquals(3, primary.submissions());
        assertTrue(target.lastError().startsWith(TransparencyLogException.REJECTED), target.lastError());
        assertEquals(EntryRecord.FAILED, record.status());
        // the audit event follows the record update that marked the target failed
        Harness.await("the rejection is audited", () -> harness.audit.actions().contains("tlog.rejected"));
        assertTrue(harness.entries.pending(10).isEmpty(), "a failed record leaves the outbox");
    }

    @Test
    void keepsPublishingToOtherLogsWhenOneRefuses() {
        harness = new Harness(directory);
        harness.trust(signer);
        harness.addLog(primary, "primary");
        harness.addLog(mirror, "mirror");
        mirror.mode(TestLog.Mode.REJECT);
        String digest = harness.submit(Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256)).record()
                .envelopeDigest();
        EntryRecord record = harness.awaitRecord(digest, "settled", r -> !r.pending());
        assertEquals(EntryRecord.LOGGED_PARTIAL, record.status());
    }

    @Test
    void storesAttemptsLastErrorAndNextAttemptOnAnUnavailableTarget() {
        String digest = submitWhile(TestLog.Mode.DOWN);
        EntryRecord record = harness.awaitRecord(digest, "an attempt failed", r -> r.logs().get(0).attempts() > 0);
        LogTarget target = record.logs().get(0);
        assertEquals(LogTarget.PENDING, target.state());
        assertEquals(0, target.rejections(), "an outage is not a refusal");
        assertTrue(target.lastError().startsWith(TransparencyLogException.UNAVAILABLE), target.lastError());
        assertTrue(target.nextAttemptAt() != null);
        primary.mode(TestLog.Mode.UP);
    }

    @Test
    void leavesATargetPendingWhileItsLogIsNotRegistered() {
        String digest = submitWhile(TestLog.Mode.DOWN);
        harness.publisher.close();
        harness.logs.remove(primary);
        primary.mode(TestLog.Mode.UP);
        harness.restart();
        int before = primary.submissions();
        harness.publisher.scan();
        assertEquals(before, primary.submissions(), "nothing is sent to a log that is not registered");
        assertEquals(EntryRecord.PENDING, harness.stored(digest).status());
        harness.addLog(primary, "primary");
        harness.awaitRecord(digest, "logged once the log is back", r -> EntryRecord.LOGGED.equals(r.status()));
        assertTrue(primary.submissions() > before);
    }

    @Test
    void classifiesTimeoutsAndOutagesAsTransientAndRefusalsAsPermanent() {
        assertFalse(Publisher.classify(new CompletionException(new TimeoutException())).permanent());
        assertFalse(Publisher.classify(new TransparencyLogException(TransparencyLogException.UNAVAILABLE, "x"))
                .permanent());
        assertTrue(Publisher.classify(new TransparencyLogException(TransparencyLogException.REJECTED, "x"))
                .permanent());
        assertTrue(Publisher.classify(new TransparencyLogException(TransparencyLogException.BAD_PROOF, "x"))
                .permanent());
        assertTrue(Publisher.classify(new TransparencyLogException(TransparencyLogException.SPLIT_VIEW, "x"))
                .permanent());
    }
}
