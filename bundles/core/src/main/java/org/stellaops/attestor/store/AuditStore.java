package org.stellaops.attestor.store;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The append-only, hash-chained audit trail (see {@link AuditChain}). Each appended event gets the next sequence
 * number and the hash of the event before it; on a database shared by several workers the store makes the append
 * conditional (a unique sequence number), so the chain never forks and never has gaps. (Method names differ from
 * {@link EntryStore}'s so that one store object can implement both contracts.)
 */
@ConsumerType
public interface AuditStore {

    /**
     * Appends an event durably at the head of the chain.
     *
     * @param event the event
     * @return the event as stored, with its sequence number and hashes
     */
    ChainedAuditEvent append(AuditEvent event);

    /**
     * Appends several events at the head of the chain, in list order, durably in as few commits as the store can
     * manage (one, for the stores of this project), so high-volume audit writing does not pay one commit per event.
     * The default appends one by one.
     *
     * @param events the events, in the order they are to be chained
     * @return the events as stored, in the same order
     */
    default List<ChainedAuditEvent> appendAll(List<AuditEvent> events) {
        List<ChainedAuditEvent> stored = new java.util.ArrayList<>(events.size());
        for (AuditEvent event : events) {
            stored.add(append(event));
        }
        return stored;
    }

    /** @return the last event of the chain, if any */
    Optional<ChainedAuditEvent> head();

    /**
     * Reads the chain in order, for verification and export.
     *
     * @param fromSeq the first sequence number wanted (1 for the start)
     * @param limit at most this many
     * @return events with {@code seq >= fromSeq}, ascending, as stored (a store never repairs what it reads)
     */
    List<ChainedAuditEvent> chain(long fromSeq, int limit);

    /**
     * @param query filters, page size and position
     * @return matching events, newest first
     */
    AuditPage events(AuditQuery query);

    /**
     * @param limit at most this many
     * @return the newest events of every tenant, newest first (operator views only)
     */
    List<AuditEvent> recentEvents(int limit);

    /** @return the number of events of every tenant */
    long eventCount();
}
