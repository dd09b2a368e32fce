package org.stellaops.attestor.tlog.embedded.witness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

import org.stellaops.attestor.tlog.embedded.DurableFiles;

/**
 * What the collector knows about one witness: the size it last cosigned for this log (kept in memory and in a
 * small file, so a restart does not start every witness over with a 409 round trip), when it may be asked again
 * after failures, and its counters. Owned by the collector thread; {@link #status()} may be called from any thread.
 */
final class WitnessTracker {

    /** Sub-directory of the log directory holding one state file per witness. */
    static final String DIRECTORY = "witnesses";
    /** Failures double the wait before the next attempt, up to this many intervals. */
    private static final int MAX_BACKOFF_INTERVALS = 64;

    private final WitnessEndpoint endpoint;
    private final Path file;
    private volatile long size;
    private volatile Instant lastSuccess;
    private volatile String lastError;
    private volatile Instant lastErrorTime;
    private volatile long cosignatures;
    private volatile long failures;
    private int consecutiveFailures;
    private long notBeforeNanos;

    private WitnessTracker(WitnessEndpoint endpoint, Path file, long size) {
        this.endpoint = endpoint;
        this.file = file;
        this.size = size;
    }

    /**
     * @param endpoint the witness
     * @param logDirectory the log directory
     * @return the tracker with the size remembered on disk (0 if none)
     * @throws IOException if the state file cannot be read or is malformed
     */
    static WitnessTracker load(WitnessEndpoint endpoint, Path logDirectory) throws IOException {
        Path file = logDirectory.resolve(DIRECTORY).resolve(fileName(endpoint.vkey()));
        byte[] content = DurableFiles.readIfExists(file);
        long size = 0;
        if (content != null) {
            String text = new String(content, StandardCharsets.US_ASCII);
            if (!text.matches("(0|[1-9][0-9]{0,18})\n")) {
                throw new IOException("witness state file " + file + " is malformed");
            }
            size = Long.parseLong(text.trim());
        }
        return new WitnessTracker(endpoint, file, size);
    }

    WitnessEndpoint endpoint() {
        return endpoint;
    }

    /** @return the size the witness last cosigned (or reported in a 409), 0 if unknown */
    long size() {
        return size;
    }

    /** @return whether backoff allows asking the witness now */
    boolean due(long nowNanos) {
        return consecutiveFailures == 0 || nowNanos - notBeforeNanos >= 0;
    }

    /** @return when backoff next allows asking the witness */
    long notBeforeNanos() {
        return notBeforeNanos;
    }

    /**
     * Records the size the witness now holds (after a cosignature, or as reported in a 409).
     *
     * @throws IOException if the state file cannot be written (the in-memory size is updated regardless)
     */
    void remember(long newSize) throws IOException {
        if (newSize == size) {
            return;
        }
        size = newSize;
        Files.createDirectories(file.getParent());
        DurableFiles.replace(file, (newSize + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    void succeeded(int validCosignatures, Instant now) {
        consecutiveFailures = 0;
        cosignatures += validCosignatures;
        lastSuccess = now;
        lastError = null;
        lastErrorTime = null;
    }

    void failed(String error, Instant now, long nowNanos, long intervalNanos) {
        failures++;
        consecutiveFailures++;
        lastError = error;
        lastErrorTime = now;
        long factor = Math.min(MAX_BACKOFF_INTERVALS, 1L << Math.min(20, consecutiveFailures - 1));
        notBeforeNanos = nowNanos + factor * intervalNanos;
    }

    WitnessStatus status() {
        return new WitnessStatus(endpoint.name(), endpoint.vkey(), endpoint.addCheckpoint().toString(), size,
                lastSuccess, lastError, lastErrorTime, cosignatures, failures);
    }

    /** A stable file name for a witness whose name may contain '/' or other characters unfit for a path. */
    private static String fileName(String vkey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(vkey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JCA algorithm", e);
        }
    }
}
