package org.stellaops.attestor.tlog.embedded;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32C;

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
    private static final int HEADER = 16;

    private final Path directory;
    private final FileChannel history;
    private long[] sizes = new long[64];
    private long[] offsets = new long[64];
    private int count;
    private long end;

    private CheckpointLog(Path directory, FileChannel history) {
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
        FileChannel ch = FileChannel.open(directory.resolve(HISTORY), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        CheckpointLog log = new CheckpointLog(directory, ch);
        try {
            log.scan();
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return log;
    }

    /** @return the newest note in the history, if any */
    Optional<String> lastNote() {
        long size;
        synchronized (this) {
            if (count == 0) {
                return Optional.empty();
            }
            size = sizes[count - 1];
        }
        return note(size);
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
        append(size, note);
    }

    /**
     * Records a note the history misses (recovery: the {@code checkpoint} file was newer).
     *
     * @param size its size, larger than the last recorded one
     * @param note the note
     * @throws IOException on failure
     */
    void record(long size, String note) throws IOException {
        append(size, note);
    }

    /**
     * @param size a tree size
     * @return the note published for exactly that size, if any
     */
    Optional<String> note(long size) {
        long offset;
        synchronized (this) {
            int i = Arrays.binarySearch(sizes, 0, count, size);
            if (i < 0) {
                return Optional.empty();
            }
            offset = offsets[i];
        }
        Record record;
        try {
            record = readRecord(offset);
        } catch (IOException e) {
            throw LogErrors.unavailable("cannot read the checkpoint history", e);
        }
        if (record == null || record.size != size) {
            throw LogErrors.corrupt("checkpoint history record at offset " + offset + " is damaged");
        }
        return Optional.of(new String(record.note, StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        history.close();
    }

    private void append(long size, String note) throws IOException {
        byte[] text = note.getBytes(StandardCharsets.UTF_8);
        CRC32C crc = new CRC32C();
        crc.update(text);
        ByteBuffer buf = ByteBuffer.allocate(HEADER + text.length);
        buf.putLong(size).putInt(text.length).putInt((int) crc.getValue()).put(text).flip();
        long at = end;
        while (buf.hasRemaining()) {
            at += history.write(buf, at);
        }
        history.force(false);
        synchronized (this) {
            if (count == sizes.length) {
                sizes = Arrays.copyOf(sizes, count * 2);
                offsets = Arrays.copyOf(offsets, count * 2);
            }
            sizes[count] = size;
            offsets[count] = end;
            count++;
            end = at;
        }
    }

    /** Indexes the intact records and cuts the file after them. */
    private void scan() throws IOException {
        long length = history.size();
        long at = 0;
        long previous = -1;
        while (at + HEADER <= length) {
            Record r = readRecord(at);
            if (r == null || r.size <= previous) {
                break;
            }
            if (count == sizes.length) {
                sizes = Arrays.copyOf(sizes, count * 2);
                offsets = Arrays.copyOf(offsets, count * 2);
            }
            sizes[count] = r.size;
            offsets[count] = at;
            count++;
            previous = r.size;
            at += HEADER + r.note.length;
        }
        if (at < length) {
            history.truncate(at);
            history.force(false);
        }
        end = at;
    }

    /** @return the record at {@code offset}, or null if it is torn or its checksum fails */
    private Record readRecord(long offset) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        if (!readFully(header, offset)) {
            return null;
        }
        header.flip();
        long size = header.getLong();
        int length = header.getInt();
        int crc = header.getInt();
        if (length <= 0 || length > (1 << 20)) {
            return null;
        }
        ByteBuffer body = ByteBuffer.allocate(length);
        if (!readFully(body, offset + HEADER)) {
            return null;
        }
        CRC32C check = new CRC32C();
        check.update(body.array());
        return (int) check.getValue() == crc ? new Record(size, body.array()) : null;
    }

    private boolean readFully(ByteBuffer buf, long offset) throws IOException {
        long at = offset;
        while (buf.hasRemaining()) {
            int n = history.read(buf, at);
            if (n < 0) {
                return false;
            }
            at += n;
        }
        return true;
    }

    private record Record(long size, byte[] note) {
    }
}
