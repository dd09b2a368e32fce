package org.stellaops.attestor.store.mongo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes creations a crash interrupted. {@code putIfAbsent(record, event)} is three single-document writes:
 * insert the record carrying its event ({@code pendingAudit}), append the event (tagged with the record's
 * {@code _id}, unique), remove {@code pendingAudit}. A crash after the first or second leaves the marker; this pass
 * appends the event of every marked record (a no-op if it is already in the trail, thanks to the unique tag) and
 * removes the marker. So a record without its audit event exists only until the next pass, and no event is ever
 * written twice.
 */
final class AuditRepair {

    private static final Logger LOG = LoggerFactory.getLogger(AuditRepair.class);
    private static final int BATCH = 500;

    private final Entries entries;
    private final AuditTrail audit;
    private final Clock clock;

    AuditRepair(Entries entries, AuditTrail audit, Clock clock) {
        this.entries = entries;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Repairs records marked more than {@code grace} ago (younger markers most likely belong to a creation still
     * in progress on some worker; repairing them too would be harmless, only wasted work).
     *
     * @param grace how old a marker must be
     * @return how many records were repaired
     */
    int run(Duration grace) {
        Instant before = clock.instant().minus(grace);
        int repaired = 0;
        List<Document> batch;
        do {
            batch = entries.withPendingAudit(before, BATCH);
            for (Document doc : batch) {
                String id = String.valueOf(doc.get(Fields.ID));
                audit.appendForEntry(id, EntryDocuments.pendingEvent(doc));
                entries.clearPendingAudit(id);
                repaired++;
            }
        } while (batch.size() == BATCH);
        if (repaired > 0) {
            LOG.warn("appended the creation audit events of {} records whose writer stopped before it did", repaired);
        }
        return repaired;
    }
}
