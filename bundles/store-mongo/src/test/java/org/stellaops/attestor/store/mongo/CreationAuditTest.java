package org.stellaops.attestor.store.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.store.AuditChain;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.ChainedAuditEvent;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.EntryStore.Stored;

/**
 * {@code putIfAbsent(record, event)} without a transaction: the record carries its event until the event is in the
 * trail; a crash in between is completed by the repair, exactly once (docs/storage.md, "Record and audit event").
 */
class CreationAuditTest extends MongoTestBase {

    @Test
    void aCreatedRecordHasItsEventInTheTrailAndNoMarkerLeft() {
        EntryRecord record = Records.pending("a");
        Stored stored = store.putIfAbsent(record, created(record));
        assertTrue(stored.created());
        assertEquals(List.of(created(record)), store.recentEvents(10));
        assertNull(document(record).get("pendingAudit"));
    }

    @Test
    void anExistingRecordGetsNoSecondEvent() {
        EntryRecord record = Records.pending("a");
        store.putIfAbsent(record, created(record));
        Stored again = worker().putIfAbsent(record, created(record));
        assertFalse(again.created());
        assertEquals(1, store.eventCount());
    }

    @Test
    void aCrashBetweenRecordAndEventIsRepairedAtTheNextStart() {
        EntryRecord record = Records.pending("a");
        crashAfterRecord(record);
        assertEquals(0, store.eventCount(), "the crash left the record without its event");

        MongoStore restarted = worker();
        assertEquals(List.of(created(record)), restarted.recentEvents(10));
        assertNull(document(record).get("pendingAudit"));
    }

    @Test
    void aCrashBetweenEventAndMarkerRemovalDoesNotWriteTheEventTwice() {
        EntryRecord record = Records.pending("a");
        crashAfterRecord(record);
        new AuditTrail(raw().getCollection("audit")).appendForEntry(EntryDocuments.id(record), created(record));

        MongoStore restarted = worker();
        assertEquals(1, restarted.eventCount());
        assertNull(document(record).get("pendingAudit"));
    }

    @Test
    void theRepairedEventIsChainedAfterEventsWrittenMeanwhile() {
        EntryRecord record = Records.pending("a");
        crashAfterRecord(record);
        store.append(Records.event(1));
        assertEquals(1, store.repairAuditTrail(Duration.ZERO));
        List<ChainedAuditEvent> chain = store.chain(1, 10);
        assertEquals(List.of(Records.event(1), created(record)), chain.stream().map(ChainedAuditEvent::event).toList());
        assertEquals(Optional.empty(), AuditChain.check(chain.get(0), chain.get(1)));
    }

    @Test
    void aPeriodicPassLeavesYoungMarkersToTheirWriter() {
        EntryRecord record = Records.pending("a");
        crashAfterRecord(record);
        assertEquals(0, store.repairAuditTrail(Duration.ofHours(1)));
        assertEquals(1, store.repairAuditTrail(Duration.ZERO));
        assertEquals(0, store.repairAuditTrail(Duration.ZERO), "a second pass has nothing to do");
        assertEquals(1, store.eventCount());
    }

    @Test
    void aCreationRacingTheRepairStillWritesOneEvent() {
        EntryRecord record = Records.pending("a");
        crashAfterRecord(record);
        store.repairAuditTrail(Duration.ZERO);
        // the slow writer resumes after the repair did its work
        new AuditTrail(raw().getCollection("audit")).appendForEntry(EntryDocuments.id(record), created(record));
        assertEquals(1, store.eventCount());
    }

    /** The first of the three writes, as a worker killed right after it leaves the database. */
    private void crashAfterRecord(EntryRecord record) {
        Entries entries = new Entries(raw().getCollection("entries"), new EntryDocuments());
        assertTrue(entries.insert(record, created(record), Instant.now()).created());
    }

    private Document document(EntryRecord record) {
        return raw().getCollection("entries").find(Filters.eq("_id", EntryDocuments.id(record))).first();
    }

    private static AuditEvent created(EntryRecord record) {
        return new AuditEvent(record.createdAt(), "alice", "entry.submit", record.envelopeDigest(), "success",
                "192.0.2.10", "created", record.tenant());
    }
}
