package org.stellaops.attestor.store;

import java.util.Objects;

/**
 * An audit event as stored: its place in the hash chain of the audit trail.
 *
 * @param seq the event's position, 1 for the first event, without gaps
 * @param previousHash the {@link #hash()} of event {@code seq - 1}, or {@link AuditChain#GENESIS} for the first
 * @param hash {@link AuditChain#hash(long, String, AuditEvent)} of this event
 * @param event the event
 */
public record ChainedAuditEvent(long seq, String previousHash, String hash, AuditEvent event) {
    /**
     * @param seq at least 1
     * @param previousHash not null
     * @param hash not null
     * @param event not null
     */
    public ChainedAuditEvent {
        if (seq < 1) {
            throw new IllegalArgumentException("seq starts at 1");
        }
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(event, "event");
    }
}
