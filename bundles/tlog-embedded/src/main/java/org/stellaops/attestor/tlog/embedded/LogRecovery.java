package org.stellaops.attestor.tlog.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.checkpoint.Checkpoints;
import org.stellaops.attestor.sdk.merkle.Rfc6962;
import org.stellaops.attestor.sdk.note.SignedNote;
import org.stellaops.attestor.tlog.embedded.tiles.TileLayout;
import org.stellaops.attestor.tlog.embedded.tiles.TileRef;

/**
 * Opens a log directory after a clean stop or a crash alike: the signed {@code checkpoint} is the truth. Its
 * signature must verify with a recorded version of the log key, everything on disk beyond its size is deleted, the
 * edge and the dedupe index are rebuilt from the tiles, and the root recomputed from the tiles must equal the signed
 * root.
 *
 * <p>Key rotation: if the latest checkpoint was signed by an earlier key version, it is handed over to the active
 * one: the very same note text (origin, size, root, byte for byte) is signed by the active key and replaces the
 * {@code checkpoint} file. That is the one case of two signed notes for one size, and it is safe because they are
 * the same checkpoint: the log never signs two different bodies for one size (the history stays one record per
 * size, strictly increasing, and keeps the earlier version's note; the file and the history must agree on the text
 * of their common size). The first checkpoint under the new key is therefore the last tree under the old one.
 */
final class LogRecovery {

    private LogRecovery() {
    }

    /**
     * @param directory the log directory (created if missing)
     * @param origin the configured origin
     * @param keys the key versions
     * @param store the tiles
     * @param cache the tile cache (cleared)
     * @return the recovered state
     * @throws IOException on I/O failure
     * @throws org.stellaops.attestor.api.tlog.TransparencyLogException {@code tlog.storage_corrupt} if the files
     *         contradict the checkpoint or each other
     */
    static LogState open(Path directory, String origin, LogKeys keys, TileStore store, TileCache cache) throws IOException {
        Files.createDirectories(directory);
        Files.deleteIfExists(DurableFiles.temp(directory.resolve(CheckpointLog.LATEST)));
        CheckpointLog history = CheckpointLog.open(directory);
        try {
            String note = latestNote(directory, origin, keys, history);
            Checkpoint checkpoint = verified(note, origin, keys);
            LogState state = rebuild(directory, store, cache, history, note, checkpoint);
            if (!keys.signedByActive(note)) {
                PublishedTree tree = state.published();
                String handedOver = handOver(directory, note, keys.active());
                state.publish(new PublishedTree(tree.edge(), tree.root(), handedOver, Checkpoints.parse(handedOver)));
            }
            return state;
        } catch (IOException | RuntimeException e) {
            history.close();
            throw e;
        }
    }

    /**
     * The newest of the {@code checkpoint} file and the history's last record (a crash may have lost the rename
     * after the history append, or the append after the rename); the other one is repaired.
     */
    private static String latestNote(Path directory, String origin, LogKeys keys, CheckpointLog history) throws IOException {
        String file = CheckpointLog.readLatest(directory).orElse(null);
        String recorded = history.lastNote().orElse(null);
        if (file == null && recorded == null) {
            String initial = initialize(directory, origin, keys.active());
            history.record(0, initial);
            return initial;
        }
        long fileSize = file == null ? -1 : verified(file, origin, keys).size();
        long recordedSize = recorded == null ? -1 : verified(recorded, origin, keys).size();
        if (fileSize > recordedSize) {
            history.record(fileSize, file);
            return file;
        }
        if (recordedSize > fileSize) {
            DurableFiles.replace(directory.resolve(CheckpointLog.LATEST), recorded.getBytes(StandardCharsets.UTF_8));
            return recorded;
        }
        if (!SignedNote.parse(file).text().equals(SignedNote.parse(recorded).text())) {
            throw LogErrors.corrupt("the checkpoint file and the checkpoint history hold two different checkpoints of size "
                    + fileSize);
        }
        return file;
    }

    /**
     * Signs the text of {@code note} with the active key and makes it the {@code checkpoint} file, durably. The text
     * is taken verbatim from the published note, so the new note is the same checkpoint under another signature.
     */
    private static String handOver(Path directory, String note, LogKey active) throws IOException {
        String text = SignedNote.parse(note).text();
        String resigned = active.sign(text);
        if (!SignedNote.parse(resigned).text().equals(text)) {
            throw new IllegalStateException("re-signing changed the checkpoint text");
        }
        DurableFiles.replace(directory.resolve(CheckpointLog.LATEST), resigned.getBytes(StandardCharsets.UTF_8));
        return resigned;
    }

    private static LogState rebuild(Path directory, TileStore store, TileCache cache, CheckpointLog history, String note,
                                    Checkpoint checkpoint) throws IOException {
        long size = checkpoint.size();
        store.truncateBeyond(size);
        cache.clear();
        byte[][] partials = readPartials(store, size);
        byte[] bundle = readPartialBundle(store, size, partials[0]);
        TreeBuilder builder = new TreeBuilder(size, partials, bundle, cache);
        EdgeSnapshot edge = builder.snapshot();
        byte[] root = TreeHashes.root(edge, cache);
        if (!Arrays.equals(root, checkpoint.rootHash().value())) {
            throw LogErrors.corrupt("the tiles of " + directory + " hash to a root other than the signed checkpoint's");
        }
        LeafIndex index = readIndex(store, size, partials[0]);
        return new LogState(builder, index, history, new PublishedTree(edge, root, note, checkpoint));
    }

    /** Publishes the empty tree in a new directory; refuses a directory that has tiles but lost every checkpoint. */
    private static String initialize(Path directory, String origin, LogKey key) throws IOException {
        if (Files.exists(directory.resolve("tile"))) {
            throw LogErrors.corrupt(directory + " holds tiles but no checkpoint");
        }
        String note = key.sign(Checkpoints.body(origin, 0, Rfc6962.emptyRoot()));
        DurableFiles.replace(directory.resolve(CheckpointLog.LATEST), note.getBytes(StandardCharsets.UTF_8));
        return note;
    }

    private static Checkpoint verified(String note, String origin, LogKeys keys) {
        if (!keys.signedByRecorded(note)) {
            throw LogErrors.corrupt("the stored checkpoint is not signed by any recorded version of the log key");
        }
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoints.parse(note);
        } catch (AttestorException e) {
            throw LogErrors.corrupt("the stored checkpoint cannot be parsed: " + e.getMessage());
        }
        if (!checkpoint.origin().equals(origin)) {
            throw LogErrors.corrupt("the stored checkpoint is for origin '" + checkpoint.origin() + "', not the configured '"
                    + origin + "'; a new origin needs a new directory");
        }
        return checkpoint;
    }

    private static byte[][] readPartials(TileStore store, long size) throws IOException {
        byte[][] partials = new byte[TileLayout.MAX_LEVEL + 1][];
        for (int level = 0; level <= TileLayout.MAX_LEVEL; level++) {
            int width = TileLayout.partialWidth(size, level);
            if (width > 0) {
                partials[level] = readExactly(store, new TileRef(level, TileLayout.fullTiles(size, level), width),
                        width * TileLayout.HASH_SIZE);
            }
        }
        return partials;
    }

    /** Reads the partial entry bundle and checks every entry against the partial level-0 tile. */
    private static byte[] readPartialBundle(TileStore store, long size, byte[] leafHashes) throws IOException {
        int width = TileLayout.partialWidth(size, 0);
        if (width == 0) {
            return new byte[0];
        }
        TileRef ref = new TileRef(TileRef.ENTRIES, TileLayout.fullTiles(size, 0), width);
        byte[] bundle = store.read(ref);
        if (bundle == null) {
            throw LogErrors.corrupt("entry bundle " + ref.path() + " is missing");
        }
        int at = 0;
        for (int i = 0; i < width; i++) {
            int length = at + 2 <= bundle.length ? ((bundle[at] & 0xff) << 8) | (bundle[at + 1] & 0xff) : -1;
            if (length < 0 || at + 2 + length > bundle.length) {
                throw LogErrors.corrupt("entry bundle " + ref.path() + " is truncated");
            }
            byte[] leaf = Rfc6962.leafHash(Arrays.copyOfRange(bundle, at + 2, at + 2 + length));
            if (!Arrays.equals(leaf, 0, 32, leafHashes, i * 32, i * 32 + 32)) {
                throw LogErrors.corrupt("entry " + i + " of " + ref.path() + " does not match its leaf hash");
            }
            at += 2 + length;
        }
        if (at != bundle.length) {
            throw LogErrors.corrupt("entry bundle " + ref.path() + " has trailing bytes");
        }
        return bundle;
    }

    private static LeafIndex readIndex(TileStore store, long size, byte[] partialLeaves) throws IOException {
        LeafIndex index = new LeafIndex(size);
        long fullTiles = TileLayout.fullTiles(size, 0);
        for (long n = 0; n < fullTiles; n++) {
            addAll(index, readExactly(store, TileRef.full(0, n), TileLayout.FULL_TILE_BYTES), n * TileLayout.TILE_WIDTH);
        }
        if (partialLeaves != null) {
            addAll(index, partialLeaves, fullTiles * TileLayout.TILE_WIDTH);
        }
        return index;
    }

    private static void addAll(LeafIndex index, byte[] hashes, long firstIndex) {
        for (int i = 0; i * TileLayout.HASH_SIZE < hashes.length; i++) {
            index.add(Arrays.copyOfRange(hashes, i * TileLayout.HASH_SIZE, (i + 1) * TileLayout.HASH_SIZE), firstIndex + i);
        }
    }

    private static byte[] readExactly(TileStore store, TileRef ref, int length) throws IOException {
        byte[] bytes = store.read(ref);
        if (bytes == null || bytes.length != length) {
            throw LogErrors.corrupt("tile " + ref.path() + " is missing or has the wrong size");
        }
        return bytes;
    }
}
