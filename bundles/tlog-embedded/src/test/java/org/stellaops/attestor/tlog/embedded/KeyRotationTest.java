package org.stellaops.attestor.tlog.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.api.model.KeyState;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.tlog.LogDescriptor;
import org.stellaops.attestor.api.tlog.LogKeyVersion;
import org.stellaops.attestor.api.tlog.TransparencyLogException;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.checkpoint.Checkpoints;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.merkle.ConsistencyProofs;
import org.stellaops.attestor.sdk.note.NoteKeys;
import org.stellaops.attestor.sdk.note.Notes;
import org.stellaops.attestor.sdk.note.SignedNote;
import org.stellaops.attestor.tlog.embedded.witness.WitnessSettings;
import org.stellaops.attestor.testing.MemoryKeyDriver;
import org.stellaops.attestor.testing.MutableClock;

/** Rotation and revocation of the checkpoint key across restarts, checked as an independent client would. */
class KeyRotationTest {

    private static final String ORIGIN = "rotation.test";
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dir;

    private final MemoryKeyDriver first = MemoryKeyDriver.generate();
    private final MemoryKeyDriver second = new MemoryKeyDriver(MemoryKeyDriver.generateKeyPair().getPrivate(), "log-2026");
    private final MutableClock clock = new MutableClock(T0);

    private EmbeddedLog open(MemoryKeyDriver driver, String keyName, Map<String, String> revoked) {
        return EmbeddedLog.open(new LogSettings(dir, ORIGIN, keyName, 64, 0, ""), driver, WitnessSettings.NONE,
                new LogKeyPolicy(revoked, clock));
    }

    private EmbeddedLog openFirst() {
        return open(first, "service", Map.of());
    }

    private EmbeddedLog openSecond() {
        clock.advance(Duration.ofDays(30));
        return open(second, "log-2026", Map.of());
    }

    private static List<LogEntry> fill(EmbeddedLog log, int from, int count) {
        return IntStream.range(from, from + count)
                .mapToObj(i -> log.submit(Requests.bulk(i))).toList().stream().map(Verify::await).toList();
    }

    private static String logId(MemoryKeyDriver driver) {
        return Checkpoints.logIdEcdsa(driver.publicKey());
    }

    @Test
    void recordsTheFirstKeyOfANewLogAsVersionOneValidFromItsCreation() {
        try (EmbeddedLog log = openFirst()) {
            LogDescriptor d = log.descriptor();
            assertEquals(List.of(new LogKeyVersion(1, logId(first), PublicKeys.toPem(first.publicKey()),
                    NoteKeys.verifierKey(ORIGIN, first.publicKey()), T0, null, null, null)), d.keyVersions());
            assertEquals(logId(first), d.logId());
        }
        assertTrue(Files.exists(dir.resolve(KeyHistory.FILE)));
    }

    @Test
    void rotatesTheKeyAcrossARestartWhenTheSigningKeyNameChanges() {
        try (EmbeddedLog log = openFirst()) {
            fill(log, 0, 10);
        }
        try (EmbeddedLog log = openSecond()) {
            LogDescriptor d = log.descriptor();
            Instant rotatedAt = T0.plus(Duration.ofDays(30));
            assertEquals(2, d.keyVersions().size());
            assertEquals(rotatedAt, d.keyVersions().get(0).retiredAt());
            assertEquals(KeyState.RETIRED, d.keyVersions().get(0).state(rotatedAt));
            assertEquals(new LogKeyVersion(2, logId(second), PublicKeys.toPem(second.publicKey()),
                    NoteKeys.verifierKey(ORIGIN, second.publicKey()), rotatedAt, null, null, null), d.currentKey());
            assertEquals(logId(second), d.logId());
            assertEquals(PublicKeys.toPem(second.publicKey()), d.publicKeyPem());
            assertEquals(HexFormat.of().formatHex(log.logKeyId()), logId(second));
        }
    }

    @Test
    void signsTheSameCheckpointTextWithTheNewKeyBeforeAnyNewEntry() {
        Checkpoint before;
        try (EmbeddedLog log = openFirst()) {
            fill(log, 0, 10);
            before = log.latestCheckpoint();
        }
        try (EmbeddedLog log = openSecond()) {
            Checkpoint handedOver = Verify.signedCheckpoint(log.latestCheckpoint().signedNote(), ORIGIN, second.publicKey());
            assertEquals(SignedNote.parse(before.signedNote()).text(), SignedNote.parse(handedOver.signedNote()).text());
            assertThrows(AttestorException.class,
                    () -> Notes.verify(handedOver.signedNote(), List.of(NoteKeys.ecdsaVerifier(ORIGIN, first.publicKey()))));
            // proofs at the latest size carry the handed-over note
            Verify.signedCheckpoint(log.inclusionProof(0, 10).checkpoint(), ORIGIN, second.publicKey());
        }
    }

    @Test
    void keepsCheckpointsOfTheRetiredKeyVerifiableAndTheTreeConsistentAcrossTheRotation() {
        List<LogEntry> old;
        Checkpoint before;
        try (EmbeddedLog log = openFirst()) {
            old = fill(log, 0, 10);
            fill(log, 10, 5);
            before = log.latestCheckpoint();
        }
        try (EmbeddedLog log = openSecond()) {
            List<LogEntry> fresh = fill(log, 15, 20);
            LogDescriptor d = log.descriptor();
            for (LogEntry e : old) {
                LogKeyVersion signer = d.versionFor(e.logId()).orElseThrow();
                assertEquals(1, signer.version());
                Verify.entry(e, ORIGIN, PublicKeys.parsePem(signer.publicKeyPem()));
            }
            fresh.forEach(e -> Verify.entry(e, ORIGIN, second.publicKey()));
            fresh.forEach(e -> assertEquals(logId(second), e.logId()));
            long oldSize = old.get(0).inclusionProof().treeSize();
            Verify.inclusion(log.inclusionProof(0, oldSize), NaiveMerkle.leafHash(old.get(0).canonicalizedBody().value()),
                    ORIGIN, first.publicKey());
            Checkpoint after = Verify.signedCheckpoint(log.latestCheckpoint().signedNote(), ORIGIN, second.publicKey());
            ConsistencyProofs.verify(before.size(), after.size(), before.rootHash().value(), after.rootHash().value(),
                    Verify.raw(log.consistencyProof(before.size(), after.size())));
            for (LogKeyVersion v : d.keyVersions()) {
                NoteKeys.parseVerifierKey(v.verifierKey());
            }
        }
    }

    @Test
    void rotatesWhenTheDriverReplacesTheKeyOfTheSameName() {
        try (EmbeddedLog log = openFirst()) {
            fill(log, 0, 3);
        }
        MemoryKeyDriver replaced = new MemoryKeyDriver(MemoryKeyDriver.generateKeyPair().getPrivate(), "service");
        try (EmbeddedLog log = open(replaced, "service", Map.of())) {
            assertEquals(2, log.descriptor().keyVersions().size());
            Verify.signedCheckpoint(log.latestCheckpoint().signedNote(), ORIGIN, replaced.publicKey());
            assertEquals(3, fill(log, 3, 1).get(0).logIndex());
        }
    }

    @Test
    void addsNoVersionWhenTheSameKeyOpensAgain() {
        try (EmbeddedLog log = openFirst()) {
            fill(log, 0, 3);
        }
        clock.advance(Duration.ofDays(1));
        try (EmbeddedLog log = openFirst()) {
            assertEquals(1, log.descriptor().keyVersions().size());
            assertEquals(T0, log.descriptor().currentKey().validFrom());
        }
    }

    @Test
    void recordsARevocationForGoodAndNeverAcceptsTheRevokedVersionAgain() {
        try (EmbeddedLog log = openFirst()) {
            fill(log, 0, 3);
        }
        try (EmbeddedLog log = openSecond()) {
            fill(log, 3, 3);
        }
        clock.advance(Duration.ofHours(1));
        Instant revokedAt = clock.instant();
        try (EmbeddedLog log = open(second, "log-2026", Map.of(logId(first), "key file leaked"))) {
            LogKeyVersion v1 = log.descriptor().keyVersions().get(0);
            assertEquals(KeyState.REVOKED, v1.state(revokedAt));
            assertEquals(revokedAt, v1.revokedAt());
            assertEquals("key file leaked", v1.revocationReason());
            assertFalse(log.descriptor().acceptsLogId(logId(first)));
            assertEquals(List.of(log.descriptor().currentKey()), log.descriptor().verifiableKeys());
        }
        clock.advance(Duration.ofHours(1));
        try (EmbeddedLog log = openSecond()) {
            assertEquals(revokedAt, log.descriptor().keyVersions().get(0).revokedAt(), "removing the setting does not un-revoke");
        }
        TransparencyLogException back = assertThrows(TransparencyLogException.class, this::openFirst);
        assertEquals(TransparencyLogException.UNAVAILABLE, back.code());
    }

    @Test
    void refusesToRevokeTheKeyThatSigns() {
        try (EmbeddedLog log = openFirst()) {
            fill(log, 0, 1);
        }
        TransparencyLogException e = assertThrows(TransparencyLogException.class,
                () -> open(first, "service", Map.of(logId(first), "compromised")));
        assertEquals(TransparencyLogException.UNAVAILABLE, e.code());
        try (EmbeddedLog log = openFirst()) {
            assertNull(log.descriptor().currentKey().revokedAt());
        }
    }

    @Test
    void opensALogWhoseLatestCheckpointWasSignedByANowRevokedKeyAndSignsItAnew() {
        try (EmbeddedLog log = openFirst()) {
            fill(log, 0, 4);
        }
        clock.advance(Duration.ofDays(1));
        try (EmbeddedLog log = open(second, "log-2026", Map.of(logId(first), "compromised"))) {
            Checkpoint latest = Verify.signedCheckpoint(log.latestCheckpoint().signedNote(), ORIGIN, second.publicKey());
            assertEquals(4, latest.size());
            assertEquals(KeyState.REVOKED, log.descriptor().keyVersions().get(0).state(clock.instant()));
        }
    }

    @Test
    void handsTheCheckpointOverAgainIfTheRestartCrashedBeforeTheNewSignatureWasWritten() throws IOException {
        byte[] oldCheckpoint;
        try (EmbeddedLog log = openFirst()) {
            fill(log, 0, 5);
        }
        oldCheckpoint = Files.readAllBytes(dir.resolve(CheckpointLog.LATEST));
        try (EmbeddedLog log = openSecond()) {
            assertEquals(2, log.descriptor().keyVersions().size());
        }
        // as if the process died after recording the new version but before replacing the checkpoint file
        Files.write(dir.resolve(CheckpointLog.LATEST), oldCheckpoint);
        try (EmbeddedLog log = openSecond()) {
            assertEquals(2, log.descriptor().keyVersions().size());
            Checkpoint latest = Verify.signedCheckpoint(log.latestCheckpoint().signedNote(), ORIGIN, second.publicKey());
            assertEquals(5, latest.size());
            assertEquals(5, fill(log, 5, 1).get(0).logIndex());
        }
    }

    @Test
    void keepsTheOldHistoryWhenTheProcessDiedBeforeRenamingTheNewOne() throws IOException {
        try (EmbeddedLog log = openFirst()) {
            fill(log, 0, 2);
        }
        byte[] recorded = Files.readAllBytes(dir.resolve(KeyHistory.FILE));
        Files.write(DurableFiles.temp(dir.resolve(KeyHistory.FILE)), "version=2 half-writ".getBytes(StandardCharsets.UTF_8));
        try (EmbeddedLog log = openFirst()) {
            assertEquals(1, log.descriptor().keyVersions().size());
        }
        assertEquals(new String(recorded, StandardCharsets.UTF_8),
                Files.readString(dir.resolve(KeyHistory.FILE)));
        assertFalse(Files.exists(DurableFiles.temp(dir.resolve(KeyHistory.FILE))));
    }

    @Test
    void refusesAKeyHistoryThatWasAlteredOnDisk() throws IOException {
        try (EmbeddedLog log = openFirst()) {
            fill(log, 0, 2);
        }
        try (EmbeddedLog log = openSecond()) {
            fill(log, 2, 1);
        }
        Path file = dir.resolve(KeyHistory.FILE);
        Files.writeString(file, Files.readString(file).replace("retiredAt=2026-03-31", "retiredAt=2026-03-30"));
        TransparencyLogException e = assertThrows(TransparencyLogException.class, this::openSecond);
        assertEquals(LogErrors.STORAGE_CORRUPT, e.code());
    }

    @Test
    void startsTheHistoryOfALogOlderThanItAtTheEpoch() throws IOException {
        try (EmbeddedLog log = openFirst()) {
            fill(log, 0, 2);
        }
        Files.delete(dir.resolve(KeyHistory.FILE));
        clock.advance(Duration.ofDays(3));
        try (EmbeddedLog log = openFirst()) {
            assertEquals(Instant.EPOCH, log.descriptor().currentKey().validFrom());
            assertEquals(2, log.latestCheckpoint().size());
        }
    }

    @Test
    void refusesALogOlderThanItsKeyHistoryWhoseCheckpointAnotherKeySigned() throws IOException {
        try (EmbeddedLog log = openFirst()) {
            fill(log, 0, 2);
        }
        Files.delete(dir.resolve(KeyHistory.FILE));
        TransparencyLogException e = assertThrows(TransparencyLogException.class, this::openSecond);
        assertEquals(LogErrors.STORAGE_CORRUPT, e.code());
    }

    @Test
    void refusesACheckpointFileThatDisagreesWithTheHistoryOnTheTextOfTheSameSize() throws IOException {
        try (EmbeddedLog log = openFirst()) {
            fill(log, 0, 3);
        }
        String forged = Notes.sign(Checkpoints.body(ORIGIN, 3, new byte[32]),
                List.of(NoteKeys.signer(ORIGIN, first.privateKey())));
        Files.writeString(dir.resolve(CheckpointLog.LATEST), forged);
        TransparencyLogException e = assertThrows(TransparencyLogException.class, this::openFirst);
        assertEquals(LogErrors.STORAGE_CORRUPT, e.code());
    }
}
