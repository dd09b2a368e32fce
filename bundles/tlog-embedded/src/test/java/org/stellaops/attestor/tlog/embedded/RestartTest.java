package org.stellaops.attestor.tlog.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.tlog.TransparencyLogException;
import org.stellaops.attestor.sdk.merkle.ConsistencyProofs;
import org.stellaops.attestor.sdk.note.NoteKeys;
import org.stellaops.attestor.sdk.note.Notes;
import org.stellaops.attestor.sdk.note.SignedNote;
import org.stellaops.attestor.testing.MemoryKeyDriver;

class RestartTest {

    private static final String ORIGIN = "restart.test";

    @TempDir
    Path dir;

    private final MemoryKeyDriver key = MemoryKeyDriver.generate();

    private EmbeddedLog open(String origin, MemoryKeyDriver driver) {
        return EmbeddedLog.open(new LogSettings(dir, origin, "service", 100, 0, ""), driver);
    }

    private List<LogEntry> fill(EmbeddedLog log, int from, int count) {
        List<CompletionStage<LogEntry>> stages = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            stages.add(log.submit(Requests.bulk(i)));
        }
        return stages.stream().map(Verify::await).toList();
    }

    @Test
    void keepsSizeAndRootAcrossARestart() {
        Checkpoint before;
        try (EmbeddedLog log = open(ORIGIN, key)) {
            fill(log, 0, 700);
            before = log.latestCheckpoint();
        }
        try (EmbeddedLog log = open(ORIGIN, key)) {
            Checkpoint after = log.latestCheckpoint();
            assertEquals(before.size(), after.size());
            assertEquals(before.rootHash(), after.rootHash());
            assertEquals(before.signedNote(), after.signedNote());
        }
    }

    @Test
    void remembersLoggedEntriesForDedupeAfterARestart() {
        List<LogEntry> first;
        try (EmbeddedLog log = open(ORIGIN, key)) {
            first = fill(log, 0, 300);
        }
        try (EmbeddedLog log = open(ORIGIN, key)) {
            LogEntry again = Verify.await(log.submit(Requests.bulk(123)));
            assertEquals(first.get(123).logIndex(), again.logIndex());
            LogEntry inEdge = Verify.await(log.submit(Requests.bulk(299)));
            assertEquals(first.get(299).logIndex(), inEdge.logIndex());
            assertEquals(300, log.latestCheckpoint().size());
        }
    }

    @Test
    void growsConsistentlyAfterARestart() {
        Checkpoint before;
        try (EmbeddedLog log = open(ORIGIN, key)) {
            fill(log, 0, 300);
            before = log.latestCheckpoint();
        }
        try (EmbeddedLog log = open(ORIGIN, key)) {
            List<LogEntry> more = fill(log, 300, 250);
            more.forEach(e -> Verify.entry(e, ORIGIN, key.publicKey()));
            Checkpoint after = log.latestCheckpoint();
            assertEquals(550, after.size());
            ConsistencyProofs.verify(before.size(), after.size(), before.rootHash().value(), after.rootHash().value(),
                    Verify.raw(log.consistencyProof(before.size(), after.size())));
        }
    }

    @Test
    void deletesTilesAndBundlesThatNoCheckpointCovers() throws IOException {
        try (EmbeddedLog log = open(ORIGIN, key)) {
            fill(log, 0, 300);
        }
        Path strayFull = dir.resolve("tile/0/001");
        Path strayPartial = dir.resolve("tile/0/001.p/77");
        Path strayBundle = dir.resolve("tile/entries/001.p/50");
        Path strayUpper = dir.resolve("tile/1/000.p/2");
        for (Path p : List.of(strayFull, strayPartial, strayBundle, strayUpper)) {
            Files.createDirectories(p.getParent());
            Files.write(p, new byte[64]);
        }
        Path kept = dir.resolve("tile/0/001.p/44");
        assertTrue(Files.exists(kept));
        try (EmbeddedLog log = open(ORIGIN, key)) {
            assertEquals(300, log.latestCheckpoint().size());
            for (Path p : List.of(strayFull, strayPartial, strayBundle, strayUpper)) {
                assertFalse(Files.exists(p), p.toString());
            }
            assertTrue(Files.exists(kept));
            fill(log, 300, 300).forEach(e -> Verify.entry(e, ORIGIN, key.publicKey()));
        }
    }

    @Test
    void refusesToOpenALogWhoseCheckpointNoRecordedKeySigned() throws IOException {
        try (EmbeddedLog log = open(ORIGIN, key)) {
            fill(log, 0, 3);
        }
        // another key signing a checkpoint is a rotation only if the log recorded that key (see KeyRotationTest)
        Path checkpoint = dir.resolve(CheckpointLog.LATEST);
        String text = SignedNote.parse(Files.readString(checkpoint)).text();
        Files.writeString(checkpoint, Notes.sign(text, List.of(
                NoteKeys.signer(ORIGIN, MemoryKeyDriver.generate().privateKey()))));
        TransparencyLogException e = assertThrows(TransparencyLogException.class, () -> open(ORIGIN, key));
        assertEquals(LogErrors.STORAGE_CORRUPT, e.code());
    }

    @Test
    void refusesToOpenALogUnderAnotherOrigin() {
        try (EmbeddedLog log = open(ORIGIN, key)) {
            fill(log, 0, 3);
        }
        TransparencyLogException e = assertThrows(TransparencyLogException.class, () -> open("other.origin", key));
        assertEquals(LogErrors.STORAGE_CORRUPT, e.code());
    }

    @Test
    void refusesToOpenWhenTheTilesHashToAnotherRoot() throws IOException {
        try (EmbeddedLog log = open(ORIGIN, key)) {
            fill(log, 0, 300);
        }
        Path partial = dir.resolve("tile/0/001.p/44");
        byte[] bytes = Files.readAllBytes(partial);
        bytes[5] ^= 1;
        Files.write(partial, bytes);
        TransparencyLogException e = assertThrows(TransparencyLogException.class, () -> open(ORIGIN, key));
        assertEquals(LogErrors.STORAGE_CORRUPT, e.code());
    }

    @Test
    void recoversTheNewestCheckpointFromTheHistoryWhenTheFileRenameWasLost() throws IOException {
        String older;
        Checkpoint newest;
        try (EmbeddedLog log = open(ORIGIN, key)) {
            fill(log, 0, 3);
            older = log.latestCheckpoint().signedNote();
            fill(log, 3, 200);
            newest = log.latestCheckpoint();
        }
        Files.writeString(dir.resolve(CheckpointLog.LATEST), older);
        try (EmbeddedLog log = open(ORIGIN, key)) {
            assertEquals(newest, log.latestCheckpoint());
            assertEquals(newest.signedNote(), Files.readString(dir.resolve(CheckpointLog.LATEST)));
        }
    }

    @Test
    void recordsTheCheckpointFileWhenTheHistoryAppendWasLost() throws IOException {
        Checkpoint newest;
        long historyBefore;
        try (EmbeddedLog log = open(ORIGIN, key)) {
            fill(log, 0, 3);
            historyBefore = Files.size(dir.resolve(CheckpointLog.HISTORY));
            fill(log, 3, 1);
            newest = log.latestCheckpoint();
        }
        try (java.nio.channels.FileChannel history = java.nio.channels.FileChannel.open(dir.resolve(CheckpointLog.HISTORY),
                java.nio.file.StandardOpenOption.WRITE)) {
            history.truncate(historyBefore);
        }
        try (EmbeddedLog log = open(ORIGIN, key)) {
            assertEquals(newest, log.latestCheckpoint());
            Verify.inclusion(log.inclusionProof(3, 4), java.util.HexFormat.of().parseHex(
                    Verify.await(log.submit(Requests.bulk(3))).uuid()), ORIGIN, key.publicKey());
        }
    }

    @Test
    void refusesToOpenADirectoryWithTilesButNoCheckpoint() throws IOException {
        try (EmbeddedLog log = open(ORIGIN, key)) {
            fill(log, 0, 3);
        }
        Files.delete(dir.resolve(CheckpointLog.LATEST));
        Files.delete(dir.resolve(CheckpointLog.HISTORY));
        TransparencyLogException e = assertThrows(TransparencyLogException.class, () -> open(ORIGIN, key));
        assertEquals(LogErrors.STORAGE_CORRUPT, e.code());
    }

    @Test
    void writesTheCheckpointFileAsTheSignedNoteOfTheLatestSize() throws IOException {
        try (EmbeddedLog log = open(ORIGIN, key)) {
            fill(log, 0, 5);
            String onDisk = Files.readString(dir.resolve(CheckpointLog.LATEST), StandardCharsets.UTF_8);
            assertEquals(log.latestCheckpoint().signedNote(), onDisk);
            assertEquals(5, Verify.signedCheckpoint(onDisk, ORIGIN, key.publicKey()).size());
        }
    }

    @Test
    void provesEveryEarlierPublishedSizeAfterARestart() {
        List<Checkpoint> published = new ArrayList<>();
        List<LogEntry> entries = new ArrayList<>();
        try (EmbeddedLog log = open(ORIGIN, key)) {
            for (int i = 0; i < 40; i++) {
                entries.add(Verify.await(log.submit(Requests.bulk(i))));
                published.add(log.latestCheckpoint());
            }
        }
        try (EmbeddedLog log = open(ORIGIN, key)) {
            for (Checkpoint at : published) {
                long size = at.size();
                for (LogEntry e : entries.subList(0, (int) size)) {
                    InclusionProof proof = log.inclusionProof(e.logIndex(), size);
                    assertEquals(at.signedNote(), proof.checkpoint());
                    Verify.inclusion(proof, java.util.HexFormat.of().parseHex(e.uuid()), ORIGIN, key.publicKey());
                }
                for (Checkpoint later : published.subList((int) size - 1, published.size())) {
                    ConsistencyProofs.verify(size, later.size(), at.rootHash().value(), later.rootHash().value(),
                            Verify.raw(log.consistencyProof(size, later.size())));
                }
            }
        }
    }
}
