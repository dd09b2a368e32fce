package org.stellaops.attestor.tlog.embedded.witness;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.stellaops.attestor.sdk.note.NoteSignature;
import org.stellaops.attestor.sdk.note.SignedNote;
import org.stellaops.attestor.sdk.witness.Cosignatures;
import org.stellaops.attestor.tlog.embedded.DurableFiles;
import org.stellaops.attestor.tlog.embedded.SizeKeyedRecords;

/**
 * Witness cosignatures kept with the checkpoints they cosign, in the log directory.
 *
 * <ul>
 * <li>{@value #HISTORY}: append-only records {@code u64 size ‖ u32 length ‖ u32 CRC-32C ‖ signature lines}, forced
 * on every append (the durability point). A size may have several records (witnesses answering in different
 * rounds); its cosignatures are their union. A torn tail is cut off on open. One file, not one per size: a busy
 * log is cosigned about once a second, which would be tens of thousands of tiny files a day.</li>
 * <li>{@value #LATEST}: the latest cosigned checkpoint as served, replaced atomically (temp, fsync, rename). It is
 * derived from the history and the {@code checkpoint} file, and served only while it extends the current
 * {@code checkpoint} byte for byte, so it can never alter the log's own signature line nor outlive its size.</li>
 * </ul>
 *
 * <p>Only verified cosignatures are stored: the collector checks each line against its witness's key first.
 * Thread-safe.
 */
public final class CosignatureStore implements Closeable {

    /** File name of the cosignature history. */
    public static final String HISTORY = "cosignatures";
    /** File name of the latest cosigned checkpoint. */
    public static final String LATEST = "checkpoint.cosigned";
    /** Any note text works to parse stored lines with the sdk's signed-note parser. */
    private static final String PARSE_PREFIX = "cosignatures\n\n";

    private final Path directory;
    private final SizeKeyedRecords history;
    private volatile Cached cached = new Cached(-1, List.of());

    private CosignatureStore(Path directory, SizeKeyedRecords history) {
        this.directory = directory;
        this.history = history;
    }

    /**
     * Opens (or creates) the store of a log directory.
     *
     * @param directory the log directory
     * @return the open store
     * @throws IOException on failure
     */
    public static CosignatureStore open(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.deleteIfExists(DurableFiles.temp(directory.resolve(LATEST)));
        return new CosignatureStore(directory, SizeKeyedRecords.open(directory.resolve(HISTORY), false));
    }

    /**
     * What {@code GET checkpoint} serves: the cosigned form of the latest checkpoint when one was stored for it.
     *
     * @param directory the log directory
     * @param latestNote the content of the {@code checkpoint} file
     * @return the cosigned note, or {@code latestNote} if there is none for its size
     * @throws IOException on a read failure
     */
    public static String served(Path directory, String latestNote) throws IOException {
        byte[] cosigned = DurableFiles.readIfExists(directory.resolve(LATEST));
        if (cosigned == null) {
            return latestNote;
        }
        String text = new String(cosigned, StandardCharsets.UTF_8);
        return text.length() > latestNote.length() && text.startsWith(latestNote) ? text : latestNote;
    }

    /**
     * @param size a tree size
     * @return the stored cosignatures of the checkpoint of that size, in arrival order
     */
    public List<NoteSignature> signatures(long size) {
        Cached c = cached;
        if (c.size == size) {
            return c.signatures;
        }
        try {
            return read(size);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the cosignature history", e);
        }
    }

    /**
     * @param size the tree size of {@code note}
     * @param note the checkpoint as the log signed it
     * @return the note with the stored cosignatures of {@code size} appended after the log's line, or the note
     *         itself if there are none
     */
    public String cosigned(long size, String note) {
        List<NoteSignature> stored = signatures(size);
        return stored.isEmpty() ? note : Cosignatures.addSignatures(note, stored);
    }

    /**
     * Stores new verified cosignatures of a checkpoint, durably, and refreshes the served file if it is the latest.
     *
     * @param size the checkpoint's tree size
     * @param note the checkpoint as the log signed it
     * @param cosignatures verified cosignatures; lines of a (name, key ID) already stored for the size are dropped
     * @param latest whether {@code note} is still the log's latest checkpoint
     * @return how many lines were new
     * @throws IOException on a write failure; if the history append succeeded the cosignatures are stored and only
     *         the served file is stale (rewritten by the next add or on open)
     */
    public synchronized int add(long size, String note, List<NoteSignature> cosignatures, boolean latest) throws IOException {
        List<NoteSignature> all = new ArrayList<>(read(size));
        List<NoteSignature> fresh = new ArrayList<>();
        for (NoteSignature s : cosignatures) {
            if (all.stream().noneMatch(e -> sameKey(e, s))) {
                all.add(s);
                fresh.add(s);
            }
        }
        if (!fresh.isEmpty()) {
            append(size, fresh);
            cached = new Cached(size, List.copyOf(all));
        }
        if (latest && !all.isEmpty()) {
            serve(note, all);
        }
        return fresh.size();
    }

    /**
     * Rewrites the served file for the latest checkpoint from the history (after a restart, or when a crash lost
     * the replace that follows an append).
     *
     * @param size the latest checkpoint's size
     * @param note the latest checkpoint as the log signed it
     * @throws IOException on failure
     */
    public synchronized void refreshLatest(long size, String note) throws IOException {
        List<NoteSignature> stored = read(size);
        cached = new Cached(size, stored);
        if (!stored.isEmpty()) {
            serve(note, stored);
        }
    }

    /** Replaces the served file unless it already holds exactly this cosigned note. */
    private void serve(String note, List<NoteSignature> all) throws IOException {
        String cosigned = Cosignatures.addSignatures(note, all);
        if (!cosigned.equals(served(directory, note))) {
            DurableFiles.replace(directory.resolve(LATEST), cosigned.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() throws IOException {
        history.close();
    }

    private List<NoteSignature> read(long size) throws IOException {
        List<NoteSignature> all = new ArrayList<>();
        for (byte[] lines : history.read(size)) {
            for (NoteSignature s : SignedNote.parse(PARSE_PREFIX + new String(lines, StandardCharsets.UTF_8)).signatures()) {
                if (all.stream().noneMatch(e -> sameKey(e, s))) {
                    all.add(s);
                }
            }
        }
        return List.copyOf(all);
    }

    private void append(long size, List<NoteSignature> lines) throws IOException {
        String block = new SignedNote(PARSE_PREFIX.substring(0, PARSE_PREFIX.length() - 1), lines).format()
                .substring(PARSE_PREFIX.length());
        history.append(size, block.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean sameKey(NoteSignature a, NoteSignature b) {
        return a.name().equals(b.name()) && Arrays.equals(a.keyHint(), b.keyHint());
    }

    private record Cached(long size, List<NoteSignature> signatures) {
    }
}
