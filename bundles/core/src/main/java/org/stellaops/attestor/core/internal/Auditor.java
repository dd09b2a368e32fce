package org.stellaops.attestor.core.internal;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.AuditStore;
import org.stellaops.attestor.store.ChainedAuditEvent;
import org.stellaops.attestor.store.Provenance;
import org.stellaops.attestor.store.Tenants;

/**
 * Writes the audit trail and posts the matching EventAdmin notification. An audit write failure is not
 * swallowed: the caller's operation fails with it, because an unaudited security action is not acceptable.
 * Events of read-only, high-volume actions (verifications) go through the bounded {@link AuditWriter} instead
 * ({@link #recordLater}), which applies backpressure rather than dropping anything.
 */
final class Auditor {

    static final String SUCCESS = "success";
    /** The actor of actions the service takes on its own (publishing, outage detection). */
    static final String SYSTEM = "system";
    static final String TOPIC_PREFIX = "org/stellaops/attestor/";
    private static final Logger LOG = LoggerFactory.getLogger(Auditor.class);

    private final AuditStore store;
    private final Clock clock;
    private volatile EventAdmin events;
    private volatile AuditWriter writer;

    Auditor(AuditStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    void setEventAdmin(EventAdmin eventAdmin) {
        this.events = eventAdmin;
    }

    /** Routes {@link #recordLater} through {@code auditWriter}; without one it writes synchronously. */
    void setWriter(AuditWriter auditWriter) {
        this.writer = auditWriter;
    }

    /** {@code entry.submit} + success → {@code org/stellaops/attestor/entry/SUBMIT}; a failure adds {@code _FAILED}. */
    static String topic(String action, String outcome) {
        int dot = action.lastIndexOf('.');
        String area = action.substring(0, Math.max(dot, 0)).replace('.', '/');
        String verb = action.substring(dot + 1).toUpperCase(java.util.Locale.ROOT);
        return TOPIC_PREFIX + (area.isEmpty() ? "" : area + "/") + verb + (SUCCESS.equals(outcome) ? "" : "_FAILED");
    }

    AuditEvent event(Provenance who, String action, String target, String outcome, String detail) {
        return new AuditEvent(clock.instant(), who.principal(), action, target, outcome, who.remoteAddress(), detail,
                who.tenant());
    }

    ChainedAuditEvent record(Provenance who, String action, String target, String outcome, String detail) {
        AuditEvent event = event(who, action, target, outcome, detail);
        ChainedAuditEvent stored = store.append(event);
        announce(event);
        return stored;
    }

    /**
     * Audits a read-only action without waiting for the store's commit: the event is queued and written shortly
     * after (see {@link AuditWriter}); a full queue blocks the caller.
     */
    void recordLater(Provenance who, String action, String target, String outcome, String detail) {
        AuditEvent event = event(who, action, target, outcome, detail);
        AuditWriter current = writer;
        if (current == null) {
            store.append(event);
            announce(event);
        } else {
            current.submit(event);
        }
    }

    /** Records an action the service took on its own, with its outcome; posts it as {@link #announce} does. */
    ChainedAuditEvent systemEvent(String action, String target, String outcome, String detail) {
        AuditEvent event = new AuditEvent(clock.instant(), SYSTEM, action, target, outcome, "", detail, Tenants.OPERATOR);
        ChainedAuditEvent stored = store.append(event);
        announce(event);
        return stored;
    }

    /**
     * Records an action the service took on its own and posts it with extra event properties (for example
     * {@code logId}, {@code origin}); {@code detail} is also an event property.
     */
    void system(String action, String target, String detail, Map<String, Object> properties) {
        AuditEvent event = new AuditEvent(clock.instant(), SYSTEM, action, target, SUCCESS, "", detail, Tenants.OPERATOR);
        store.append(event);
        notifySystem(action, target, detail, properties);
    }

    /** Posts a notification of a service action without writing it to the audit trail. */
    void notifySystem(String action, String target, String detail, Map<String, Object> properties) {
        EventAdmin admin = events;
        if (admin != null) {
            Map<String, Object> props = new HashMap<>(properties);
            props.put("target", target);
            props.put("outcome", SUCCESS);
            props.put("actor", SYSTEM);
            props.put("detail", detail);
            admin.postEvent(new Event(topic(action, SUCCESS), props));
        }
    }

    /** Posts the notification of an event that was already stored (for example together with its record). */
    void announce(AuditEvent event) {
        String action = event.action();
        String target = event.target();
        String outcome = event.outcome();
        EventAdmin admin = events;
        if (admin != null) {
            admin.postEvent(new Event(topic(action, outcome),
                    Map.of("target", target, "outcome", outcome, "actor", event.actor())));
        }
        if (!SUCCESS.equals(outcome)) {
            LOG.info("{} {} by {} from {} failed: {}", action, target, event.actor(), event.remoteAddress(), outcome);
        }
    }
}
