package org.stellaops.attestor.store;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The append-only audit trail. (Method names differ from {@link EntryStore}'s so that one store object can
 * implement both contracts.)
 */
@ConsumerType
public interface AuditStore {

    /**
     * Appends an event durably.
     *
     * @param event the event
     */
    void append(AuditEvent event);

    /**
     * @param limit at most this many
     * @return the newest events, newest first
     */
    List<AuditEvent> recentEvents(int limit);

    /** @return the number of events */
    long eventCount();
}
