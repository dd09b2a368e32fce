package org.stellaops.attestor.tlog.witness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.checkpoint.Checkpoints;

/**
 * The latest checkpoint the witness cosigned per origin, as the signed note it serves to monitors (the log's
 * verified signatures plus the witness's cosignature), in {@code <directory>/checkpoints/<hex SHA-256(origin)>}.
 *
 * <p>{@link #update} runs check and write under one lock per origin, so two requests from the same old size cannot
 * both succeed (C2SP tlog-witness: checking and persisting must be atomic).
 */
final class CheckpointStore {

    private static final Pattern ORIGIN_HASH = Pattern.compile("[0-9a-f]{64}");

    private final Path directory;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Map<String, Checkpoint> cache = new ConcurrentHashMap<>();

    /**
     * @param directory the witness directory (created owner-only if missing)
     * @throws IOException if it cannot be created
     */
    CheckpointStore(Path directory) throws IOException {
        this.directory = directory.resolve("checkpoints");
        DataFiles.ownerOnlyDirectory(directory);
        DataFiles.ownerOnlyDirectory(this.directory);
    }

    /**
     * What an update decided: the answer, and the new latest note to persist before answering (null: keep).
     *
     * @param <T> the answer type
     * @param answer the answer
     * @param newNote the note to persist, or null
     */
    record Update<T>(T answer, String newNote) {
    }

    /**
     * Decides and persists atomically for one origin.
     *
     * @param origin the checkpoint origin
     * @param decide gets the latest cosigned checkpoint (empty if never cosigned) and decides
     * @param <T> the answer type
     * @return the decision's answer, returned only after its note (if any) is durably stored
     * @throws IOException if the new note cannot be stored (the old one stays the latest)
     */
    <T> T update(String origin, Function<Optional<Checkpoint>, Update<T>> decide) throws IOException {
        String hash = originHash(origin);
        synchronized (locks.computeIfAbsent(hash, h -> new Object())) {
            Update<T> update = decide.apply(load(hash));
            if (update.newNote() != null) {
                Checkpoint parsed = Checkpoints.parse(update.newNote());
                DataFiles.replace(directory.resolve(hash), update.newNote().getBytes(StandardCharsets.UTF_8));
                cache.put(hash, parsed);
            }
            return update.answer();
        }
    }

    /**
     * @param originHash lowercase hex SHA-256 of an origin
     * @return the latest cosigned note of that origin, if any
     * @throws IOException on read failure
     */
    Optional<String> latestNote(String originHash) throws IOException {
        if (!ORIGIN_HASH.matcher(originHash).matches()) {
            return Optional.empty();
        }
        return load(originHash).map(Checkpoint::signedNote);
    }

    /**
     * @param origin a checkpoint origin
     * @return lowercase hex SHA-256 of its UTF-8 bytes, the monitoring path segment and the file name
     */
    static String originHash(String origin) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(origin.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private Optional<Checkpoint> load(String hash) throws IOException {
        Checkpoint cached = cache.get(hash);
        if (cached != null) {
            return Optional.of(cached);
        }
        byte[] bytes = DataFiles.readIfExists(directory.resolve(hash));
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            Checkpoint parsed = Checkpoints.parse(new String(bytes, StandardCharsets.UTF_8));
            cache.putIfAbsent(hash, parsed);
            return Optional.of(parsed);
        } catch (AttestorException e) {
            throw new IOException("stored checkpoint " + directory.resolve(hash) + " is damaged: " + e.getMessage(), e);
        }
    }
}
