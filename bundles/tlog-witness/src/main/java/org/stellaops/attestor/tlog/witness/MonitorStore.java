package org.stellaops.attestor.tlog.witness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.checkpoint.Checkpoints;

/**
 * The monitor's memory per log ID: {@code <logId>.checkpoint} (the last verified checkpoint, as its signed note) and
 * {@code <logId>.split-view} (present while an inconsistency awaits an operator: a detail line, then the conflicting
 * note). Log IDs that are not plain lowercase hex are stored under {@code x<hex SHA-256(logId)>}.
 */
final class MonitorStore {

    private static final Pattern PLAIN_ID = Pattern.compile("[0-9a-f]{1,128}");

    private final Path directory;

    /**
     * @param directory the monitor directory (created owner-only if missing)
     * @throws IOException if it cannot be created
     */
    MonitorStore(Path directory) throws IOException {
        this.directory = directory;
        DataFiles.ownerOnlyDirectory(directory);
    }

    /** A recorded inconsistency. @param detail why @param conflictingNote the checkpoint that was not adopted */
    record SplitView(String detail, String conflictingNote) {
    }

    Optional<Checkpoint> verified(String logId) throws IOException {
        byte[] bytes = DataFiles.readIfExists(file(logId, ".checkpoint"));
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Checkpoints.parse(new String(bytes, StandardCharsets.UTF_8)));
        } catch (AttestorException e) {
            throw new IOException("stored checkpoint of log " + logId + " is damaged: " + e.getMessage(), e);
        }
    }

    void saveVerified(String logId, Checkpoint checkpoint) throws IOException {
        DataFiles.replace(file(logId, ".checkpoint"), checkpoint.signedNote().getBytes(StandardCharsets.UTF_8));
    }

    Optional<SplitView> splitView(String logId) throws IOException {
        byte[] bytes = DataFiles.readIfExists(file(logId, ".split-view"));
        if (bytes == null) {
            return Optional.empty();
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        return Optional.of(newline < 0 ? new SplitView(text, "")
                : new SplitView(text.substring(0, newline), text.substring(newline + 1)));
    }

    void markSplitView(String logId, String detail, String conflictingNote) throws IOException {
        String text = detail.replace('\n', ' ') + "\n" + conflictingNote;
        DataFiles.replace(file(logId, ".split-view"), text.getBytes(StandardCharsets.UTF_8));
    }

    void clearSplitView(String logId) throws IOException {
        DataFiles.delete(file(logId, ".split-view"));
    }

    private Path file(String logId, String suffix) {
        String name = PLAIN_ID.matcher(logId).matches() ? logId : "x" + CheckpointStore.originHash(logId);
        return directory.resolve(name + suffix);
    }
}
