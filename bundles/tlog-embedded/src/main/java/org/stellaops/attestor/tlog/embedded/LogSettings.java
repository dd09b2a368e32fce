package org.stellaops.attestor.tlog.embedded;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How an embedded log is opened.
 *
 * @param directory where the tiles, bundles and checkpoints live
 * @param origin checkpoint origin and note key name: non-empty, no whitespace, no {@code +}
 * @param signingKeyName name of the checkpoint key in the key driver
 * @param batchSize most entries integrated per checkpoint, at least 1
 * @param batchMaxAgeMillis 0 to integrate whatever is queued as soon as the sequencer is free (after a batch of
 *        several submissions, waiting a few milliseconds for a fuller one); otherwise how long to wait after the
 *        oldest queued submission for a fuller batch
 * @param readUrl where clients read the tiles, for the descriptor
 * @param maxPending most submissions queued at once; beyond, submissions fail at once (pushback)
 * @param readOnly a frozen log: it opens, serves reads and proofs, but refuses every new submission
 */
public record LogSettings(Path directory, String origin, String signingKeyName, int batchSize, long batchMaxAgeMillis,
                          String readUrl, int maxPending, boolean readOnly) {

    /** Default of {@link #maxPending}: deep enough that only a stuck disk or a flood reaches it. */
    public static final int DEFAULT_MAX_PENDING = 65_536;

    /**
     * Validates the settings.
     *
     * @param directory not null
     * @param origin a valid note key name
     * @param signingKeyName not empty
     * @param batchSize at least 1
     * @param batchMaxAgeMillis not negative
     * @param readUrl not null
     * @param maxPending at least 1
     * @param readOnly whether the log is frozen
     */
    public LogSettings {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(signingKeyName, "signingKeyName");
        Objects.requireNonNull(readUrl, "readUrl");
        if (origin.isEmpty() || origin.contains("+") || origin.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("origin must be non-empty, without whitespace or '+': '" + origin + "'");
        }
        if (signingKeyName.isEmpty()) {
            throw new IllegalArgumentException("signingKeyName is empty");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
        if (batchMaxAgeMillis < 0) {
            throw new IllegalArgumentException("batchMaxAgeMillis must not be negative");
        }
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending must be at least 1");
        }
    }

    /**
     * A writable log with the default queue depth.
     *
     * @param directory not null
     * @param origin a valid note key name
     * @param signingKeyName not empty
     * @param batchSize at least 1
     * @param batchMaxAgeMillis not negative
     * @param readUrl not null
     */
    public LogSettings(Path directory, String origin, String signingKeyName, int batchSize, long batchMaxAgeMillis,
                       String readUrl) {
        this(directory, origin, signingKeyName, batchSize, batchMaxAgeMillis, readUrl, DEFAULT_MAX_PENDING, false);
    }

    /**
     * @param value the new queue depth
     * @return these settings with another {@link #maxPending}
     */
    public LogSettings withMaxPending(int value) {
        return new LogSettings(directory, origin, signingKeyName, batchSize, batchMaxAgeMillis, readUrl, value, readOnly);
    }

    /**
     * @param value whether the log is frozen
     * @return these settings with another {@link #readOnly}
     */
    public LogSettings withReadOnly(boolean value) {
        return new LogSettings(directory, origin, signingKeyName, batchSize, batchMaxAgeMillis, readUrl, maxPending, value);
    }
}
