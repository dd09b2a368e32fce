package org.stellaops.attestor.tlog.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointLogTest {

    @TempDir
    Path dir;

    private static String note(long size) {
        return "origin\n" + size + "\nroot" + size + "\n\n\u2014 origin sig" + size + "\n";
    }

    private static void publish(CheckpointLog log, long size) throws IOException {
        DurableFiles.force(log.prepare(note(size)));
        log.publish(size, note(size));
    }

    @Test
    void servesTheNoteOfEveryPublishedSize() throws IOException {
        try (CheckpointLog log = CheckpointLog.open(dir)) {
            for (long size = 1; size <= 100; size += 3) {
                publish(log, size);
            }
            assertEquals(Optional.of(note(1)), log.note(1));
            assertEquals(Optional.of(note(49)), log.note(49));
            assertEquals(Optional.of(note(100)), log.note(100));
            assertEquals(Optional.empty(), log.note(50));
            assertEquals(Optional.of(note(100)), log.lastNote());
        }
    }

    @Test
    void replacesTheCheckpointFileOnPublish() throws IOException {
        try (CheckpointLog log = CheckpointLog.open(dir)) {
            publish(log, 4);
            assertEquals(Optional.of(note(4)), CheckpointLog.readLatest(dir));
            publish(log, 9);
            assertEquals(Optional.of(note(9)), CheckpointLog.readLatest(dir));
            assertFalse(Files.exists(DurableFiles.temp(dir.resolve(CheckpointLog.LATEST))));
        }
    }

    @Test
    void keepsTheHistoryAcrossReopening() throws IOException {
        try (CheckpointLog log = CheckpointLog.open(dir)) {
            publish(log, 5);
            log.record(9, note(9));
        }
        try (CheckpointLog log = CheckpointLog.open(dir)) {
            assertEquals(Optional.of(note(5)), log.note(5));
            assertEquals(Optional.of(note(9)), log.lastNote());
        }
    }

    @Test
    void dropsATornRecordAtTheEndOfTheHistory() throws IOException {
        try (CheckpointLog log = CheckpointLog.open(dir)) {
            publish(log, 5);
        }
        long intact = Files.size(dir.resolve(CheckpointLog.HISTORY));
        Files.write(dir.resolve(CheckpointLog.HISTORY), new byte[] {0, 0, 0, 0, 0, 0, 0, 9, 0, 0}, StandardOpenOption.APPEND);
        try (CheckpointLog log = CheckpointLog.open(dir)) {
            assertEquals(Optional.of(note(5)), log.lastNote());
        }
        assertEquals(intact, Files.size(dir.resolve(CheckpointLog.HISTORY)));
    }

    @Test
    void stopsReadingAtARecordWhoseChecksumFails() throws IOException {
        try (CheckpointLog log = CheckpointLog.open(dir)) {
            publish(log, 5);
            publish(log, 6);
        }
        Path history = dir.resolve(CheckpointLog.HISTORY);
        byte[] bytes = Files.readAllBytes(history);
        bytes[bytes.length - 3] ^= 1;
        Files.write(history, bytes);
        try (CheckpointLog log = CheckpointLog.open(dir)) {
            assertEquals(Optional.of(note(5)), log.lastNote());
            assertEquals(Optional.empty(), log.note(6));
        }
    }

    @Test
    void hasNoLastNoteWhenEmpty() throws IOException {
        try (CheckpointLog log = CheckpointLog.open(dir)) {
            assertEquals(Optional.empty(), log.lastNote());
        }
    }
}
