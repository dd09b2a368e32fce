package org.stellaops.attestor.core.internal;

import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.note.SignedNote;

/**
 * The latest checkpoint of every registered log as last seen, kept so that the verification cache can tell in
 * memory whether a cached report still describes the logs: a bigger tree, another root or one more witness
 * cosignature makes the log's {@link State} different, and the report is computed again. Heads are refreshed in the
 * background ({@link #refresh()}, every {@code checkpointRefreshMillis}) and whenever a verification fetches a
 * fresh proof ({@link #observe}); a cache lookup never calls a log.
 */
final class LogHeads {

    /**
     * The identity of a checkpoint as far as a report depends on it.
     *
     * @param origin the log origin
     * @param size the tree size
     * @param rootHex the root hash
     * @param signatures signature lines on the note: the log's own plus every cosignature
     */
    record Head(String origin, long size, String rootHex, int signatures) {
    }

    /**
     * What a report on one log's entries depended on.
     *
     * @param serviceId the log service's id, -1 if the log is not registered (its checkpoints cannot be checked)
     * @param available false while the log is in an outage (no fresh proof is fetched then)
     * @param head the latest checkpoint seen, or null before one was
     */
    record State(long serviceId, boolean available, Head head) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(LogHeads.class);
    private static final State UNREGISTERED = new State(-1, false, null);

    private final LogRegistry logs;
    private final LogHealth health;
    private final Map<String, Head> heads = new ConcurrentHashMap<>();

    LogHeads(LogRegistry logs, LogHealth health) {
        this.logs = logs;
        this.health = health;
    }

    /** @return the current state of a log, from memory only */
    State state(String logId) {
        Optional<LogRegistry.Registration> registration = logs.registration(logId);
        if (registration.isEmpty()) {
            return UNREGISTERED;
        }
        // an entry logged before a key rotation names an earlier log ID: the log's state is its current one
        String current = registration.get().descriptor().logId();
        return new State(registration.get().serviceId(), health.available(current), heads.get(current));
    }

    /** Records a checkpoint note of a log seen by a verification or the refresh. */
    void observe(String logId, String origin, long size, byte[] root, String note) {
        int signatures;
        try {
            signatures = SignedNote.parse(note).signatures().size();
        } catch (AttestorException malformed) {
            return; // not a checkpoint anyone verified; the next refresh tells
        }
        Head next = new Head(origin, size, HexFormat.of().formatHex(root), signatures);
        // answers that overtake each other must not move the head back; a shrinking log is the verifier's finding
        heads.merge(logId, next, (old, fresh) -> fresh.size() >= old.size() ? fresh : old);
    }

    /** Asks every registered log for its latest checkpoint; a log that does not answer keeps its last head. */
    void refresh() {
        for (LogRegistry.Registration registration : logs.ordered()) {
            String logId = registration.descriptor().logId();
            try {
                Checkpoint latest = registration.log().latestCheckpoint();
                observe(logId, latest.origin(), latest.size(), latest.rootHash().value(), latest.signedNote());
            } catch (RuntimeException e) {
                LOG.debug("no latest checkpoint from {}: {}", registration.descriptor().origin(), e.toString());
            }
        }
    }
}
