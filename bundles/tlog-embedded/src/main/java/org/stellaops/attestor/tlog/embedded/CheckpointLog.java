package org.stellaops.attestor.tlog.embedded;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The published checkpoints of a log: {@code checkpoint} holds the latest signed note (replaced atomically, served
 * to clients) and {@code checkpoints} keeps every note ever published, so proofs for older sizes can carry the
 * note of their own size.
 *
 * <p>History record: {@code u64 size ‖ u32 length ‖ u32 CRC-32C ‖ note bytes}. Publishing forces the new
 * {@code checkpoint} file before renaming it into place and then appends and forces the history record: the history
 * append is the durability point, so the rename needs no directory sync of its own. Recovery takes whichever of the
 * two is newer and repairs the other.
 */
final class CheckpointLog implements Closeable {

    static final String LATEST = "checkpoint";
    static final String HISTORY = "checkpoints";

    private final Path directory;
    private final SizeKeyedRecords history;

    private CheckpointLog(Path directory, SizeKeyedRecords history) {
        this.directory = directory;
        this.history = history;
    }

    /**
     * @param directory the log directory
     * @return the note in the {@code checkpoint} file, if any
     * @throws IOException on a read failure
     */
    static Optional<String> readLatest(Path directory) throws IOException {
        byte[] bytes = DurableFiles.readIfExists(directory.resolve(LATEST));
        return bytes == null ? Optional.empty() : Optional.of(new String(bytes, StandardCharsets.UTF_8));
    }

    /**
     * Opens the history, indexing its intact records and cutting off a torn tail.
     *
     * @param directory the log directory
     * @return the open history
     * @throws IOException on failure
     */
    static CheckpointLog open(Path directory) throws IOException {
        return new CheckpointLog(directory, SizeKeyedRecords.open(directory.resolve(HISTORY), true));
    }

    /** @return the newest note in the history, if any */
    Optional<String> lastNote() {
        OptionalLong size = history.lastSize();
        return size.isEmpty() ? Optional.empty() : note(size.getAsLong());
    }

    /**
     * Writes the next {@code checkpoint} file beside the current one, without forcing it.
     *
     * @param note the signed note
     * @return the temp file, to be forced before {@link #publish}
     * @throws IOException on failure
     */
    Path prepare(String note) throws IOException {
        Path temp = DurableFiles.temp(directory.resolve(LATEST));
        Set<Path> ignored = new HashSet<>();
        DurableFiles.writeUnforced(temp, note.getBytes(StandardCharsets.UTF_8), ignored);
        return temp;
    }

    /**
     * Publishes the prepared checkpoint: atomic rename into place, then history append and force.
     *
     * @param size the tree size, larger than every published one
     * @param note the note given to {@link #prepare}, whose temp file is forced
     * @throws IOException on failure
     */
    void publish(long size, String note) throws IOException {
        Files.move(DurableFiles.temp(directory.resolve(LATEST)), directory.resolve(LATEST), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        history.append(size, note.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Records a note the history misses (recovery: the {@code checkpoint} file was newer).
     *
     * @param size its size, larger than the last recorded one
     * @param note the note
     * @throws IOException on failure
     */
    void record(long size, String note) throws IOException {
        history.append(size, note.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param size a tree size
     * @return the note published for exactly that size, if any
     */
    Optional<String> note(long size) {
        List<byte[]> records;
        try {
            records = history.read(size);
        } catch (SizeKeyedRecords.DamagedRecordException e) {
            throw LogErrors.corrupt("checkpoint history: " + e.getMessage());
        } catch (IOException e) {
            throw LogErrors.unavailable("cannot read the checkpoint history", e);
        }
        return records.isEmpty() ? Optional.empty() : Optional.of(new String(records.get(0), StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        history.close();
    }
}
