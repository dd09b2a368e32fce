package org.stellaops.attestor.core.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stellaops.attestor.api.tlog.LogDescriptor;

/**
 * Whether each log answered the last time the publisher tried it. The first failure after a success (or after
 * start) is an outage: audit event {@code tlog.unavailable} and EventAdmin topic
 * {@code org/stellaops/attestor/tlog/UNAVAILABLE}; the first success after that ends it ({@code tlog.recovered},
 * {@code .../tlog/RECOVERED}). Event properties: {@code logId}, {@code origin}, {@code detail}.
 */
final class LogHealth {

    static final String UNAVAILABLE = "tlog.unavailable";
    static final String RECOVERED = "tlog.recovered";
    private static final Logger LOG = LoggerFactory.getLogger(LogHealth.class);

    /** One log's state. */
    private record State(boolean up, String lastError) {
    }

    private final Auditor auditor;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    LogHealth(Auditor auditor) {
        this.auditor = auditor;
    }

    void success(LogDescriptor log) {
        State before = states.put(log.logId(), new State(true, ""));
        if (before != null && !before.up()) {
            LOG.info("transparency log {} ({}) answers again", log.origin(), log.logId());
            auditor.system(RECOVERED, log.logId(), "log " + log.origin() + " answers again", properties(log));
        }
    }

    void failure(LogDescriptor log, String detail) {
        State before = states.put(log.logId(), new State(false, detail));
        if (before == null || before.up()) {
            LOG.warn("transparency log {} ({}) is unavailable: {}", log.origin(), log.logId(), detail);
            auditor.system(UNAVAILABLE, log.logId(), detail, properties(log));
        }
    }

    /** @return false while the log is in an outage */
    boolean available(String logId) {
        State state = states.get(logId);
        return state == null || state.up();
    }

    /** @return the last failure, or empty */
    String lastError(String logId) {
        State state = states.get(logId);
        return state == null ? "" : state.lastError();
    }

    private static Map<String, Object> properties(LogDescriptor log) {
        return Map.of("logId", log.logId(), "origin", log.origin());
    }
}
