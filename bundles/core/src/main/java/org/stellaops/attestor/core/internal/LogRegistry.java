package org.stellaops.attestor.core.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.stellaops.attestor.api.tlog.LogDescriptor;
import org.stellaops.attestor.api.tlog.TransparencyLog;
import org.stellaops.attestor.store.LogTarget;

/**
 * The available transparency logs with their configured role. The primary is the log with role {@code primary}
 * and the highest ranking; every other log (a second {@code primary} included) is published to as a mirror.
 * <p>
 * A log whose service goes away (its bundle stops, or a driver it needs does) is remembered by its last descriptor
 * until it comes back: entries it logged earlier still verify against that descriptor's keys, the way an
 * air-gapped verifier checks them, while nothing is published to it and no freshness check asks it. The memory
 * lasts as long as this process; a log removed from the configuration is unknown after the next restart.
 */
final class LogRegistry {

    /** A registered log. */
    record Registration(TransparencyLog log, String role, int ranking, long serviceId) {
        boolean primary() {
            return LogTarget.ROLE_PRIMARY.equals(role);
        }

        LogDescriptor descriptor() {
            return log.descriptor();
        }
    }

    /**
     * Everything a lookup needs, replaced as a whole: a verification reads one state, so it can never see a log
     * half-way between registered and remembered (gone from the registrations, not yet among the departed).
     *
     * @param registrations the registered logs
     * @param described each registered log's descriptor as it registered (a departing log may already be closing)
     * @param departed the last descriptor of each log that went away, by its current log ID
     */
    private record State(List<Registration> registrations, Map<TransparencyLog, LogDescriptor> described,
                         Map<String, LogDescriptor> departed) {
    }

    private volatile State state = new State(List.of(), Map.of(), Map.of());

    synchronized void add(Registration registration) {
        LogDescriptor descriptor = registration.descriptor();
        List<Registration> registrations = new ArrayList<>(state.registrations());
        registrations.add(registration);
        Map<TransparencyLog, LogDescriptor> described = new IdentityHashMap<>(state.described());
        described.put(registration.log(), descriptor);
        Map<String, LogDescriptor> departed = new HashMap<>(state.departed());
        departed.values().removeIf(d -> d.origin().equals(descriptor.origin())
                || descriptor.versionFor(d.logId()).isPresent());
        state = new State(List.copyOf(registrations), described, Map.copyOf(departed));
    }

    synchronized void remove(TransparencyLog log) {
        List<Registration> registrations = state.registrations().stream().filter(r -> r.log() != log).toList();
        Map<TransparencyLog, LogDescriptor> described = new IdentityHashMap<>(state.described());
        LogDescriptor descriptor = described.remove(log);
        Map<String, LogDescriptor> departed = new HashMap<>(state.departed());
        if (descriptor != null && registrations.stream()
                .noneMatch(r -> described.get(r.log()).logId().equals(descriptor.logId()))) {
            departed.put(descriptor.logId(), descriptor);
        }
        state = new State(registrations, described, Map.copyOf(departed));
    }

    Optional<TransparencyLog> primary() {
        return ordered().stream().filter(Registration::primary).map(Registration::log).findFirst();
    }

    /** @return all logs, primary first, then by ranking */
    List<Registration> ordered() {
        return state.registrations().stream()
                .sorted(Comparator.comparing((Registration r) -> !r.primary())
                        .thenComparing(Comparator.comparingInt(Registration::ranking).reversed())
                        .thenComparingLong(Registration::serviceId))
                .toList();
    }

    /**
     * The publication targets a new record gets: one per registered log (one per log id), the first log with role
     * primary as {@code primary}, every other as {@code mirror}.
     *
     * @return fresh pending targets, primary first
     */
    List<LogTarget> targets() {
        List<LogTarget> targets = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Registration r : ordered()) {
            LogDescriptor d = r.descriptor();
            if (seen.add(d.logId())) {
                String role = targets.isEmpty() && r.primary() ? LogTarget.ROLE_PRIMARY : LogTarget.ROLE_MIRROR;
                targets.add(LogTarget.pending(d.logId(), d.origin(), d.kind(), role));
            }
        }
        return targets;
    }

    /**
     * @param logId lowercase hex log id
     * @return the log with that id, if available
     */
    Optional<TransparencyLog> byLogId(String logId) {
        return registration(logId).map(Registration::log);
    }

    /**
     * Finds a log by the log ID of its current key version or, failing that, of any earlier one: records and entries
     * made before a log rotated its key name the log by the ID it had then.
     *
     * @param logId lowercase hex log id
     * @return the registration with that id, if available
     */
    Optional<Registration> registration(String logId) {
        return registration(state, logId);
    }

    private static Optional<Registration> registration(State state, String logId) {
        Optional<Registration> current = state.registrations().stream()
                .filter(r -> r.descriptor().logId().equals(logId)).findFirst();
        return current.isPresent() ? current
                : state.registrations().stream().filter(r -> r.descriptor().versionFor(logId).isPresent()).findFirst();
    }

    /**
     * The keys to verify a log's checkpoints with: the registered log's descriptor, else the last descriptor of a log
     * that went away while this process ran (see the class comment).
     *
     * @param logId lowercase hex log id of any key version
     * @return the descriptor, if the log is or was registered
     */
    Optional<LogDescriptor> knownDescriptor(String logId) {
        State now = state;
        Optional<LogDescriptor> current = registration(now, logId).map(Registration::descriptor);
        if (current.isPresent()) {
            return current;
        }
        LogDescriptor gone = now.departed().get(logId);
        return gone != null ? Optional.of(gone)
                : now.departed().values().stream().filter(d -> d.versionFor(logId).isPresent()).findFirst();
    }
}
