package org.stellaops.attestor.store;

import java.util.List;

/**
 * One page of an audit search.
 *
 * @param events newest first
 * @param nextBeforeSeq the {@link AuditQuery#beforeSeq()} of the next page, or 0 when this is the last page
 */
public record AuditPage(List<ChainedAuditEvent> events, long nextBeforeSeq) {
    /**
     * @param events copied
     * @param nextBeforeSeq 0 for none
     */
    public AuditPage {
        events = List.copyOf(events);
    }
}
