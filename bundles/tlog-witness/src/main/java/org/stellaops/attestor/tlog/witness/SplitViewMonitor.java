package org.stellaops.attestor.tlog.witness;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.api.tlog.LogDescriptor;
import org.stellaops.attestor.api.tlog.TransparencyLog;
import org.stellaops.attestor.api.tlog.TransparencyLogException;
import org.stellaops.attestor.sdk.AttestorException;

/**
 * Watches transparency logs for split views: each check verifies the log's latest checkpoint with the log's key
 * and against the last checkpoint verified for that log. An inconsistent checkpoint is never adopted; the log is
 * marked {@code split-view} (on disk, so a restart does not forget it) until an operator calls {@link #reset}, and
 * a {@value EventSink#SPLIT_VIEW} event carries both checkpoints.
 */
final class SplitViewMonitor {

    private static final System.Logger LOG = System.getLogger(SplitViewMonitor.class.getName());

    private final MonitorStore store;
    private final EventSink events;
    private final Clock clock;
    private final Supplier<Collection<TransparencyLog>> logs;
    private final Map<String, LogStatus> statuses = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /**
     * @param store the per-log memory
     * @param events where split views are reported
     * @param clock for the check times
     * @param logs the logs to watch, read anew for every round and every status request
     */
    SplitViewMonitor(MonitorStore store, EventSink events, Clock clock, Supplier<Collection<TransparencyLog>> logs) {
        this.store = store;
        this.events = events;
        this.clock = clock;
        this.logs = logs;
    }

    /** Checks every log once; a failure with one log never stops the round. */
    void checkAll() {
        for (TransparencyLog log : logs.get()) {
            try {
                check(log);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "monitor: checking a transparency log failed", e);
            }
        }
    }

    /**
     * Checks one log now.
     *
     * @param log the log
     * @return its new status
     */
    LogStatus check(TransparencyLog log) {
        LogDescriptor descriptor = log.descriptor();
        String logId = descriptor.logId();
        synchronized (lock(descriptor)) {
            Instant now = clock.instant();
            LogStatus status;
            try {
                status = checkLocked(log, descriptor, now);
            } catch (IOException e) {
                LOG.log(Level.ERROR, "monitor: cannot read or write the state of log " + logId, e);
                LogStatus previous = statuses.getOrDefault(logId, pending(descriptor));
                status = new LogStatus(logId, descriptor.origin(), previous.state(), previous.lastVerifiedSize(), now,
                        "monitor storage failure: " + e.getMessage());
            }
            statuses.put(logId, status);
            return status;
        }
    }

    /**
     * Clears a log's split-view mark after an operator has dealt with it; the next check starts again from the last
     * verified checkpoint.
     *
     * @param logId the log ID
     * @return whether the log was marked
     * @throws IOException if the mark cannot be removed
     */
    boolean reset(String logId) throws IOException {
        Optional<LogDescriptor> log = logs.get().stream().map(TransparencyLog::descriptor)
                .filter(d -> d.versionFor(logId).isPresent()).findFirst();
        List<String> ids = log.map(SplitViewMonitor::versionIds).orElse(List.of(logId));
        synchronized (log.isPresent() ? lock(log.get()) : locks.computeIfAbsent(logId, id -> new Object())) {
            boolean marked = false;
            for (String id : ids) {
                marked |= store.splitView(id).isPresent();
                store.clearSplitView(id);
                statuses.computeIfPresent(id, (i, s) -> new LogStatus(i, s.origin(), LogStatus.PENDING,
                        s.lastVerifiedSize(), s.lastCheck(), "split-view mark reset by an operator"));
            }
            if (marked) {
                LOG.log(Level.WARNING, "monitor: split-view mark of log {0} reset by an operator", logId);
            }
            return marked;
        }
    }

    /** @return one status per watched log, in the order the logs are supplied */
    List<LogStatus> statuses() {
        List<LogStatus> list = new ArrayList<>();
        for (TransparencyLog log : logs.get()) {
            LogDescriptor descriptor = log.descriptor();
            list.add(statuses.getOrDefault(descriptor.logId(), pending(descriptor)));
        }
        return list;
    }

    /**
     * The monitor's memory survives a key rotation: it is read under the newest key version that has some (the log
     * ID is the current version's, so it changes with every rotation) and written under the current one.
     */
    private LogStatus checkLocked(TransparencyLog log, LogDescriptor descriptor, Instant now) throws IOException {
        String logId = descriptor.logId();
        Optional<Checkpoint> known = Optional.empty();
        Optional<MonitorStore.SplitView> marked = Optional.empty();
        for (String id : versionIds(descriptor)) {
            known = known.isPresent() ? known : store.verified(id);
            marked = marked.isPresent() ? marked : store.splitView(id);
        }
        long knownSize = known.map(Checkpoint::size).orElse(-1L);
        if (marked.isPresent()) {
            return status(descriptor, LogStatus.SPLIT_VIEW, knownSize, now, marked.get().detail());
        }
        Checkpoint fresh;
        ConsistencyCheck.Outcome outcome;
        try {
            fresh = ConsistencyCheck.latestVerified(log, descriptor);
            if (known.isEmpty()) {
                store.saveVerified(logId, fresh);
                return status(descriptor, LogStatus.OK, fresh.size(), now, "first verified checkpoint");
            }
            outcome = ConsistencyCheck.compare(log, known.get(), fresh);
        } catch (TransparencyLogException e) {
            return status(descriptor, LogStatus.UNREACHABLE, knownSize, now, e.code() + ": " + e.getMessage());
        } catch (AttestorException e) {
            return status(descriptor, LogStatus.UNREACHABLE, knownSize, now,
                    "latest checkpoint does not verify with the log's key: " + e.getMessage() + " (" + e.code() + ")");
        }
        switch (outcome.kind()) {
            case ADOPT -> {
                store.saveVerified(logId, fresh);
                return status(descriptor, LogStatus.OK, fresh.size(), now, outcome.detail());
            }
            case KEEP -> {
                return status(descriptor, LogStatus.OK, knownSize, now, outcome.detail());
            }
            default -> {
                raise(descriptor, known.get(), fresh, outcome.detail());
                return status(descriptor, LogStatus.SPLIT_VIEW, knownSize, now, outcome.detail());
            }
        }
    }

    private void raise(LogDescriptor descriptor, Checkpoint known, Checkpoint conflicting, String detail)
            throws IOException {
        store.markSplitView(descriptor.logId(), detail, conflicting.signedNote());
        LOG.log(Level.ERROR, "SPLIT VIEW of transparency log {0} ({1}): {2}\nverified:\n{3}conflicting:\n{4}",
                descriptor.logId(), descriptor.origin(), detail, known.signedNote(), conflicting.signedNote());
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("logId", descriptor.logId());
        properties.put("origin", descriptor.origin());
        properties.put("detail", detail);
        properties.put("checkpoint", known.signedNote());
        properties.put("conflictingCheckpoint", conflicting.signedNote());
        try {
            events.post(EventSink.SPLIT_VIEW, properties);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "monitor: cannot post the split-view event", e);
        }
    }

    /** @return the log IDs of every key version, the current one first, then older ones newest first */
    private static List<String> versionIds(LogDescriptor descriptor) {
        List<String> ids = new ArrayList<>();
        for (int i = descriptor.keyVersions().size() - 1; i >= 0; i--) {
            String id = descriptor.keyVersions().get(i).logId();
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** One lock per log whatever its current key: the first version's log ID does not change with rotations. */
    private Object lock(LogDescriptor descriptor) {
        return locks.computeIfAbsent(descriptor.keyVersions().get(0).logId(), id -> new Object());
    }

    private static LogStatus status(LogDescriptor d, String state, long size, Instant now, String detail) {
        return new LogStatus(d.logId(), d.origin(), state, size, now, detail);
    }

    private static LogStatus pending(LogDescriptor d) {
        return new LogStatus(d.logId(), d.origin(), LogStatus.PENDING, -1, null, "not checked yet");
    }
}
