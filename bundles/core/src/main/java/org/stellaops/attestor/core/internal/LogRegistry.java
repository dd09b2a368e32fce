package org.stellaops.attestor.core.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.stellaops.attestor.api.tlog.LogDescriptor;
import org.stellaops.attestor.api.tlog.TransparencyLog;
import org.stellaops.attestor.store.LogTarget;

/**
 * The available transparency logs with their configured role. The primary is the log with role {@code primary}
 * and the highest ranking; every other log (a second {@code primary} included) is published to as a mirror.
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

    private final List<Registration> registrations = new CopyOnWriteArrayList<>();

    void add(Registration registration) {
        registrations.add(registration);
    }

    void remove(TransparencyLog log) {
        registrations.removeIf(r -> r.log() == log);
    }

    Optional<TransparencyLog> primary() {
        return ordered().stream().filter(Registration::primary).map(Registration::log).findFirst();
    }

    /** @return all logs, primary first, then by ranking */
    List<Registration> ordered() {
        return registrations.stream()
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
     * @param logId lowercase hex log id
     * @return the registration with that id, if available
     */
    Optional<Registration> registration(String logId) {
        return registrations.stream().filter(r -> r.descriptor().logId().equals(logId)).findFirst();
    }
}
