package org.stellaops.attestor.core.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.stellaops.attestor.api.tlog.TransparencyLog;

/**
 * The available transparency logs with their configured role. The primary is the log with role {@code primary}
 * and the highest ranking.
 */
final class LogRegistry {

    /** A registered log. */
    record Registration(TransparencyLog log, String role, int ranking, long serviceId) {
        boolean primary() {
            return "primary".equals(role);
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
     * @param logId lowercase hex log id
     * @return the log with that id, if available
     */
    Optional<TransparencyLog> byLogId(String logId) {
        return registrations.stream().map(Registration::log)
                .filter(l -> l.descriptor().logId().equals(logId)).findFirst();
    }
}
