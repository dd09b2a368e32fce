package org.stellaops.attestor.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.stellaops.attestor.api.model.LogEntry;

/**
 * The publication state of one record in one transparency log: the record's outbox entry for that log.
 *
 * @param logId the log's id (lowercase hex)
 * @param origin the log's checkpoint origin
 * @param kind the log's API kind ({@code embedded}, {@code rekor-v2}, {@code rekor-v1} …), {@code unknown} for
 *             records written before targets existed
 * @param role {@link #ROLE_PRIMARY} or {@link #ROLE_MIRROR}, as configured when the target was created
 * @param state {@link #PENDING}, {@link #LOGGED} (every covered signature has its entry) or {@link #FAILED} (the log
 *              refused an entry {@code maxRejections} times; not retried any more)
 * @param attempts failed attempts since the last success (drives the retry backoff)
 * @param rejections attempts the log answered with a permanent refusal ({@code tlog.rejected},
 *                   {@code tlog.bad_proof}, {@code tlog.split_view})
 * @param lastError {@code <code>: <detail>} of the last failure, or null
 * @param nextAttemptAt when the next attempt is due, or null if due now
 * @param entries the entries this log returned so far, one per covered signature
 */
public record LogTarget(String logId, String origin, String kind, String role, String state, int attempts,
                        int rejections, String lastError, Instant nextAttemptAt, List<CoveredEntry> entries) {

    /** Not every entry is logged yet. */
    public static final String PENDING = "pending";
    /** Every entry is logged. */
    public static final String LOGGED = "logged";
    /** The log permanently refused an entry. */
    public static final String FAILED = "failed";
    /** The role of the log a submission waits for. */
    public static final String ROLE_PRIMARY = "primary";
    /** The role of logs published to in the background. */
    public static final String ROLE_MIRROR = "mirror";

    /**
     * @param logId not null
     * @param origin not null
     * @param kind not null
     * @param role not null
     * @param state pending, logged or failed
     * @param attempts {@code >= 0}
     * @param rejections {@code >= 0}
     * @param lastError may be null
     * @param nextAttemptAt may be null
     * @param entries not null
     */
    public LogTarget {
        Objects.requireNonNull(logId, "logId");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(role, "role");
        if (!PENDING.equals(state) && !LOGGED.equals(state) && !FAILED.equals(state)) {
            throw new IllegalArgumentException("state must be pending, logged or failed, not " + state);
        }
        if (attempts < 0 || rejections < 0) {
            throw new IllegalArgumentException("negative attempt count");
        }
        entries = List.copyOf(entries);
    }

    /**
     * A fresh target with nothing logged yet.
     *
     * @param logId the log id
     * @param origin the origin
     * @param kind the API kind
     * @param role primary or mirror
     * @return the target
     */
    public static LogTarget pending(String logId, String origin, String kind, String role) {
        return new LogTarget(logId, origin, kind, role, PENDING, 0, 0, null, null, List.of());
    }

    /** @return whether this is the primary log's target */
    public boolean primary() {
        return ROLE_PRIMARY.equals(role);
    }

    /** @return whether every entry is logged */
    public boolean logged() {
        return LOGGED.equals(state);
    }

    /** @return whether entries are still outstanding and will be retried */
    public boolean pending() {
        return PENDING.equals(state);
    }

    /**
     * @param signatureIndex a signature index
     * @return whether this log already holds an entry for it
     */
    public boolean covers(int signatureIndex) {
        return entries.stream().anyMatch(e -> e.signatureIndex() == signatureIndex);
    }

    /**
     * Groups log entries of records written before targets existed: one logged target per log id, in first-seen
     * order, the first as the primary (those records were logged to the primary log only) and any other as a
     * mirror.
     *
     * @param logEntries the old record's entries
     * @return the targets
     */
    public static List<LogTarget> fromLegacy(List<LogEntry> logEntries) {
        Map<String, List<CoveredEntry>> byLog = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        for (LogEntry e : logEntries) {
            byLog.computeIfAbsent(e.logId(), k -> new ArrayList<>())
                    .add(new CoveredEntry(CoveredEntry.UNKNOWN_SIGNATURE, SignatureCoverage.VIA_SIGNATURE, e));
            origins.putIfAbsent(e.logId(), e.origin());
        }
        List<LogTarget> targets = new ArrayList<>();
        byLog.forEach((logId, entries) -> targets.add(new LogTarget(logId, origins.get(logId), "unknown",
                targets.isEmpty() ? ROLE_PRIMARY : ROLE_MIRROR, LOGGED, 0, 0, null, null, entries)));
        return targets;
    }
}
