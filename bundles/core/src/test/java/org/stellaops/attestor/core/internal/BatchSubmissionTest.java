package org.stellaops.attestor.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.core.service.AttestationService.BatchOutcome;
import org.stellaops.attestor.core.service.AttestationService.Submission;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.store.EntryRecord;

class BatchSubmissionTest {

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

    private List<byte[]> envelopes(int count) {
        List<byte[]> envelopes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            envelopes.add(Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256));
        }
        return envelopes;
    }

    private long auditCount(String action) {
        return harness.audit.actions().stream().filter(action::equals).count();
    }

    @Test
    void storesEveryItemOfABatchLoggedByThePrimary() {
        start(Harness.Settings.defaults());
        List<BatchOutcome> outcomes = harness.core.submitBatch(envelopes(12), Harness.WHO);
        assertEquals(12, outcomes.size());
        for (int i = 0; i < outcomes.size(); i++) {
            BatchOutcome outcome = outcomes.get(i);
            assertEquals(i, outcome.index());
            assertNull(outcome.failure());
            assertTrue(outcome.submission().created());
            assertTrue(outcome.submission().primaryLogged(), outcome::toString);
        }
        assertEquals(12, primary.size());
        assertEquals(12, harness.entries.count());
    }

    @Test
    void capturesAFailingItemWithoutFailingTheOthers() {
        start(Harness.Settings.defaults());
        List<byte[]> batch = envelopes(3);
        batch.set(1, "{\"payload\":".getBytes(StandardCharsets.UTF_8));
        List<BatchOutcome> outcomes = harness.core.submitBatch(batch, Harness.WHO);
        assertTrue(outcomes.get(0).submission().created());
        assertTrue(outcomes.get(2).submission().created());
        assertNull(outcomes.get(1).submission());
        assertEquals("json.malformed", ((AttestorException) outcomes.get(1).failure()).code());
        assertEquals(2, harness.entries.count());
    }

    @Test
    void givesEveryItemOfABatchSpanningSeveralStoreChunksTheRecordOfItsOwnEnvelope() {
        start(Harness.Settings.defaults());
        int count = BatchSubmissions.STORE_CHUNK * 2 + 5;
        List<byte[]> batch = envelopes(count);
        batch.set(BatchSubmissions.STORE_CHUNK, "{\"payload\":".getBytes(StandardCharsets.UTF_8));
        List<BatchOutcome> outcomes = harness.core.submitBatch(batch, Harness.WHO);
        for (int i = 0; i < count; i++) {
            if (i == BatchSubmissions.STORE_CHUNK) {
                assertEquals("json.malformed", ((AttestorException) outcomes.get(i).failure()).code());
                continue;
            }
            assertTrue(outcomes.get(i).submission().created(), outcomes.get(i)::toString);
            Submission again = harness.core.submit(batch.get(i), Harness.WHO);
            assertFalse(again.created());
            assertEquals(again.record(), outcomes.get(i).submission().record());
        }
        assertEquals(count - 1, harness.entries.count());
        assertEquals(count, auditCount("entry.submit"), "a creation per stored item and one refusal");
    }

    @Test
    void archivesTheNewEnvelopesOfEachStoreChunkWithOneCall() {
        start(Harness.Settings.defaults());
        harness.core.submitBatch(envelopes(BatchSubmissions.STORE_CHUNK * 2 + 5), Harness.WHO);
        assertEquals(3, harness.cas.putAllCalls.get());
        assertEquals(BatchSubmissions.STORE_CHUNK * 2 + 5, harness.entries.count());
    }

    @Test
    void failsOnlyTheNewItemsOfAChunkWhoseArchivingFailed() {
        start(Harness.Settings.defaults());
        byte[] stored = Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256);
        EntryRecord first = harness.core.submit(stored, Harness.WHO).record();
        harness.cas.failing = true;
        List<BatchOutcome> outcomes = harness.core.submitBatch(
                List.of(stored, Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256)), Harness.WHO);
        assertEquals(first, outcomes.get(0).submission().record());
        assertEquals("storage.failure", ((org.stellaops.attestor.cas.StorageException) outcomes.get(1).failure()).code());
        assertEquals(1, harness.entries.count());
    }

    @Test
    void answersTheSecondCopyOfAnEnvelopeInOneBatchAsExisting() {
        start(Harness.Settings.defaults());
        byte[] envelope = Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256);
        List<BatchOutcome> outcomes = harness.core.submitBatch(List.of(envelope, envelope), Harness.WHO);
        assertTrue(outcomes.get(0).submission().created());
        assertFalse(outcomes.get(1).submission().created());
        assertEquals(outcomes.get(0).submission().record(), outcomes.get(1).submission().record());
        assertEquals(1, harness.entries.count());
        assertEquals(1, primary.submissions());
    }

    @Test
    void answersAnEnvelopeSubmittedBeforeAsExisting() {
        start(Harness.Settings.defaults());
        byte[] envelope = Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256);
        EntryRecord first = harness.core.submit(envelope, Harness.WHO).record();
        BatchOutcome again = harness.core.submitBatch(List.of(envelope), Harness.WHO).get(0);
        assertFalse(again.submission().created());
        assertEquals(first, again.submission().record());
    }

    @Test
    void refusesABatchLargerThanTheLimitAndStoresNothing() {
        start(Harness.Settings.defaults().with("batchMaxItems", 2));
        AttestorException e = assertThrows(AttestorException.class,
                () -> harness.core.submitBatch(envelopes(3), Harness.WHO));
        assertEquals(CoreCodes.BATCH_TOO_LARGE, e.code());
        assertEquals(0, harness.entries.count());
        assertEquals(0, primary.submissions());
    }

    @Test
    void auditsEachItemAsASingleSubmissionWould() {
        start(Harness.Settings.defaults());
        byte[] envelope = Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256);
        List<byte[]> batch = new ArrayList<>(envelopes(2));
        batch.add(envelope);
        batch.add(envelope);
        batch.add("[]".getBytes(StandardCharsets.UTF_8));
        harness.core.submitBatch(batch, Harness.WHO);
        assertEquals(3 + 1, auditCount("entry.submit"), "three creations and one refusal");
        assertEquals(1, auditCount("entry.resubmit"));
        assertEquals(3, harness.topics().stream().filter("org/stellaops/attestor/entry/SUBMIT"::equals).count());
    }

    @Test
    void acknowledgesItemsAsPendingWhenThePrimaryDoesNotAnswerInTime() {
        start(Harness.Settings.defaults().primaryDeadline(Duration.ofMillis(100)));
        primary.mode(TestLog.Mode.DOWN);
        List<BatchOutcome> outcomes = harness.core.submitBatch(envelopes(4), Harness.WHO);
        outcomes.forEach(o -> {
            assertTrue(o.submission().created());
            assertEquals(EntryRecord.PENDING, o.submission().record().status());
        });
        primary.mode(TestLog.Mode.UP);
        outcomes.forEach(o -> harness.awaitRecord(o.submission().record().envelopeDigest(), "logged later",
                r -> EntryRecord.LOGGED.equals(r.status())));
    }

    @Test
    void givesEveryItemTheBatchProvenance() {
        start(Harness.Settings.defaults());
        List<BatchOutcome> outcomes = harness.core.submitBatch(envelopes(2), Harness.WHO);
        outcomes.forEach(o -> assertEquals(Harness.WHO, o.submission().record().provenance()));
    }
}
