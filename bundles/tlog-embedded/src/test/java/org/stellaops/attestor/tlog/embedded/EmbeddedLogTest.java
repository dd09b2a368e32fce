package org.stellaops.attestor.tlog.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.tlog.HashedRekordRequest;
import org.stellaops.attestor.api.tlog.TransparencyLogException;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.merkle.Rfc6962;
import org.stellaops.attestor.sdk.rekor.HashedRekord;
import org.stellaops.attestor.testing.MemoryKeyDriver;

class EmbeddedLogTest {

    static final String ORIGIN = "log.test.example";

    @TempDir
    Path dir;

    private final MemoryKeyDriver key = MemoryKeyDriver.generate();
    private final List<EmbeddedLog> opened = new ArrayList<>();

    private EmbeddedLog open(int batchSize, long maxAgeMillis) {
        EmbeddedLog log = EmbeddedLog.open(new LogSettings(dir, ORIGIN, "service", batchSize, maxAgeMillis,
                "http://127.0.0.1:8080/tlog/"), key);
        opened.add(log);
        return log;
    }

    @AfterEach
    void closeLogs() {
        opened.forEach(EmbeddedLog::close);
    }

    private static TransparencyLogException failure(CompletionStage<LogEntry> stage) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> stage.toCompletableFuture().get(60, TimeUnit.SECONDS));
        return assertInstanceOf(TransparencyLogException.class, e.getCause());
    }

    @Test
    void logsTheCanonicalHashedRekordBodyUnderItsLeafHash() {
        EmbeddedLog log = open(256, 0);
        HashedRekordRequest request = Requests.request(1);
        LogEntry entry = Verify.await(log.submit(request));
        byte[] body = HashedRekord.canonicalBody(request);
        assertArrayEquals(body, entry.canonicalizedBody().value());
        assertEquals(HexFormat.of().formatHex(Rfc6962.leafHash(body)), entry.uuid());
        assertEquals(HashedRekord.uuid(body), entry.uuid());
        assertEquals(0, entry.logIndex());
    }

    @Test
    void completesWithAnInclusionProofAgainstTheSignedCheckpointCoveringTheEntry() {
        EmbeddedLog log = open(256, 0);
        Verify.await(log.submit(Requests.request(1)));
        LogEntry entry = Verify.await(log.submit(Requests.request(2)));
        InclusionProof proof = entry.inclusionProof();
        assertEquals(2, proof.treeSize());
        assertEquals(log.latestCheckpoint().signedNote(), proof.checkpoint());
        Verify.entry(entry, ORIGIN, key.publicKey());
    }

    @Test
    void identifiesTheLogBySha256OfTheCheckpointKeySpki() {
        EmbeddedLog log = open(256, 0);
        LogEntry entry = Verify.await(log.submit(Requests.request(1)));
        assertEquals(PublicKeys.keyId(key.publicKey()), log.descriptor().logId());
        assertEquals(log.descriptor().logId(), entry.logId());
        assertEquals(ORIGIN, entry.origin());
        assertEquals("embedded", log.descriptor().kind());
        assertEquals("http://127.0.0.1:8080/tlog/", log.descriptor().readUrl());
        assertEquals(key.publicKey(), PublicKeys.parsePem(log.descriptor().publicKeyPem()));
    }

    @Test
    void signsEveryCheckpointWithTheServiceKeyUnderTheOriginName() {
        EmbeddedLog log = open(256, 0);
        Verify.await(log.submit(Requests.request(1)));
        Checkpoint checkpoint = log.latestCheckpoint();
        Checkpoint verified = Verify.signedCheckpoint(checkpoint.signedNote(), ORIGIN, key.publicKey());
        assertEquals(1, verified.size());
        assertEquals(ORIGIN, verified.origin());
        assertEquals(checkpoint, verified);
    }

    @Test
    void startsANewLogWithASignedCheckpointOfTheEmptyTree() {
        EmbeddedLog log = open(256, 0);
        Checkpoint checkpoint = Verify.signedCheckpoint(log.latestCheckpoint().signedNote(), ORIGIN, key.publicKey());
        assertEquals(0, checkpoint.size());
        Verify.sameBytes(checkpoint.rootHash(), NaiveMerkle.mth(List.of(), 0, 0));
    }

    @Test
    void returnsTheExistingIndexForADuplicateSubmission() {
        EmbeddedLog log = open(256, 0);
        HashedRekordRequest request = Requests.request(7);
        LogEntry first = Verify.await(log.submit(request));
        Verify.await(log.submit(Requests.request(8)));
        LogEntry again = Verify.await(log.submit(request));
        assertEquals(first.logIndex(), again.logIndex());
        assertEquals(first.uuid(), again.uuid());
        assertEquals(2, log.latestCheckpoint().size());
        Verify.entry(again, ORIGIN, key.publicKey());
    }

    @Test
    void givesDuplicatesWithinOneBatchOneIndex() {
        EmbeddedLog log = open(64, 60_000);
        List<HashedRekordRequest> distinct = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            distinct.add(Requests.request(i));
        }
        List<CompletionStage<LogEntry>> stages = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            stages.add(log.submit(distinct.get(i % 8)));
        }
        List<LogEntry> entries = stages.stream().map(Verify::await).toList();
        assertEquals(8, log.latestCheckpoint().size());
        for (int i = 0; i < 64; i++) {
            assertEquals(entries.get(i % 8).logIndex(), entries.get(i).logIndex());
        }
    }

    @Test
    void integratesAFullBatchUnderOneCheckpointWhenAMaxAgeIsSet() {
        EmbeddedLog log = open(32, 60_000);
        List<CompletionStage<LogEntry>> stages = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            stages.add(log.submit(Requests.request(i)));
        }
        for (CompletionStage<LogEntry> stage : stages) {
            LogEntry entry = Verify.await(stage);
            assertEquals(32, entry.inclusionProof().treeSize());
            Verify.entry(entry, ORIGIN, key.publicKey());
        }
        assertEquals(2, key.signatureCount(), "one checkpoint for the empty tree, one for the batch");
    }

    @Test
    void rejectsARequestWhoseDigestDoesNotMatchTheAlgorithm() {
        EmbeddedLog log = open(256, 0);
        HashedRekordRequest valid = Requests.request(1);
        HashedRekordRequest bad = new HashedRekordRequest(Bytes.of(new byte[20]), valid.signature(), valid.publicKey(),
                KeyAlgorithm.ECDSA_P256_SHA256);
        assertEquals(TransparencyLogException.REJECTED, failure(log.submit(bad)).code());
    }

    @Test
    void failsSubmissionsAfterCloseAsUnavailable() {
        EmbeddedLog log = open(256, 0);
        log.close();
        assertEquals(TransparencyLogException.UNAVAILABLE, failure(log.submit(Requests.request(1))).code());
    }

    @Test
    void settlesEverySubmissionWhenClosedAndKeepsWhatItAcknowledged() {
        EmbeddedLog log = open(256, 0);
        List<CompletionStage<LogEntry>> stages = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            stages.add(log.submit(Requests.request(i)));
        }
        log.close();
        int completed = 0;
        for (CompletionStage<LogEntry> stage : stages) {
            try {
                Verify.entry(stage.toCompletableFuture().get(60, TimeUnit.SECONDS), ORIGIN, key.publicKey());
                completed++;
            } catch (ExecutionException e) {
                assertEquals(TransparencyLogException.UNAVAILABLE, assertInstanceOf(TransparencyLogException.class, e.getCause()).code());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        EmbeddedLog reopened = open(256, 0);
        assertTrue(reopened.latestCheckpoint().size() >= completed, "acknowledged entries survive the close");
    }

    @Test
    void servesProofsForOlderSizesWithTheCheckpointOfThatSize() {
        EmbeddedLog log = open(256, 0);
        LogEntry first = Verify.await(log.submit(Requests.request(1)));
        Verify.await(log.submit(Requests.request(2)));
        Verify.await(log.submit(Requests.request(3)));
        InclusionProof old = log.inclusionProof(0, 1);
        assertEquals(first.inclusionProof().checkpoint(), old.checkpoint());
        Verify.inclusion(old, HexFormat.of().parseHex(first.uuid()), ORIGIN, key.publicKey());
        InclusionProof latest = log.inclusionProof(0, 3);
        assertEquals(log.latestCheckpoint().signedNote(), latest.checkpoint());
        Verify.inclusion(latest, HexFormat.of().parseHex(first.uuid()), ORIGIN, key.publicKey());
    }

    @Test
    void refusesProofsForImpossibleOrUnpublishedSizes() {
        EmbeddedLog log = open(64, 60_000);
        List<CompletionStage<LogEntry>> stages = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            stages.add(log.submit(Requests.request(i)));
        }
        stages.forEach(Verify::await);
        assertBadRequest(() -> log.inclusionProof(5, 5));
        assertBadRequest(() -> log.inclusionProof(-1, 5));
        assertBadRequest(() -> log.inclusionProof(0, 65));
        assertBadRequest(() -> log.inclusionProof(0, 10));
        assertBadRequest(() -> log.consistencyProof(0, 10));
        assertBadRequest(() -> log.consistencyProof(10, 9));
        assertBadRequest(() -> log.consistencyProof(1, 65));
    }

    @Test
    void provesConsistencyBetweenEqualSizesWithAnEmptyProof() {
        EmbeddedLog log = open(256, 0);
        Verify.await(log.submit(Requests.request(1)));
        assertEquals(List.of(), log.consistencyProof(1, 1));
    }

    @Test
    void refusesToOpenWithoutTheNamedKey() {
        TransparencyLogException e = assertThrows(TransparencyLogException.class, () -> EmbeddedLog.open(
                new LogSettings(dir, ORIGIN, "other", 256, 0, ""), key));
        assertEquals(TransparencyLogException.UNAVAILABLE, e.code());
    }

    private static void assertBadRequest(org.junit.jupiter.api.function.Executable call) {
        TransparencyLogException e = assertThrows(TransparencyLogException.class, call);
        assertEquals(TransparencyLogException.BAD_PROOF_REQUEST, e.code());
    }
}
