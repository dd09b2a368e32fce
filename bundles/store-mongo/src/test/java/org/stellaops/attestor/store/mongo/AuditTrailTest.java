package org.stellaops.attestor.store.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stellaops.attestor.store.mongo.Records.TENANT;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.model.Filters;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.store.AuditChain;
import org.stellaops.attestor.store.AuditPage;
import org.stellaops.attestor.store.AuditQuery;
import org.stellaops.attestor.store.ChainedAuditEvent;

class AuditTrailTest extends MongoTestBase {

    @Test
    void appendsLinkEachEventToTheOneBefore() {
        for (int i = 1; i <= 5; i++) {
            ChainedAuditEvent e = store.append(Records.event(i));
            assertEquals(i, e.seq());
        }
        assertChainIntact(5);
        assertEquals(5, store.eventCount());
        assertEquals(Optional.of(5L), store.head().map(ChainedAuditEvent::seq));
    }

    @Test
    void anAppendLinkedToAStaleHeadLosesAndTheRetryLinksToTheNewHead() {
        MongoStore other = worker();
        store.append(Records.event(1));
        ChainedAuditEvent staleHead = store.head().orElseThrow();
        other.append(Records.event(2));

        AuditTrail trail = new AuditTrail(raw().getCollection("audit"));
        assertEquals(Optional.empty(), trail.tryAppend(staleHead, Records.event(3), null),
                "sequence number 2 is taken");
        ChainedAuditEvent appended = store.append(Records.event(3));
        assertEquals(3, appended.seq());
        assertChainIntact(3);
    }

    @Test
    void twoWorkersAppendingInTurnKeepOneChain() {
        MongoStore other = worker();
        for (int i = 1; i <= 20; i++) {
            (i % 3 == 0 ? other : store).append(Records.event(i));
        }
        assertChainIntact(20);
        assertEquals(20, other.eventCount());
    }

    @Test
    void appendAllChainsEveryEventInListOrder() {
        store.append(Records.event(1));
        List<ChainedAuditEvent> stored = store.appendAll(List.of(Records.event(2), Records.event(3),
                Records.event(4)));
        assertEquals(List.of(2L, 3L, 4L), seqs(stored));
        assertEquals(stored, store.chain(2, 10));
        assertChainIntact(4);
        assertEquals(List.of(), store.appendAll(List.of()));
    }

    @Test
    void appendAllCutInByAnotherWorkerStoresTheRestAfterTheOtherWorkersEvent() {
        store.append(Records.event(1));
        AuditTrail trail = new AuditTrail(raw().getCollection("audit"));
        List<ChainedAuditEvent> linked = AuditTrail.linkAll(store.head().orElseThrow(),
                List.of(Records.event(2), Records.event(3), Records.event(4)));
        // another worker saw our event 2 and appended its own as event 3 before our batch's event 3 went in
        raw().getCollection("audit").insertOne(AuditDocuments.chained(
                AuditChain.link(linked.get(0), Records.event(99)), null));

        assertEquals(1, trail.insertOrdered(linked), "the batch stopped at the taken sequence number");
        List<ChainedAuditEvent> rest = store.appendAll(List.of(Records.event(3), Records.event(4)));
        assertEquals(List.of(4L, 5L), seqs(rest));
        assertChainIntact(5);
        assertEquals(List.of(Records.event(1), Records.event(2), Records.event(99), Records.event(3),
                Records.event(4)), store.chain(1, 10).stream().map(ChainedAuditEvent::event).toList());
    }

    @Test
    void theStoredChainReadsBackExactly() {
        List<ChainedAuditEvent> appended = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            appended.add(store.append(Records.event(i)));
        }
        assertEquals(appended, store.chain(1, 10));
        assertEquals(appended.subList(2, 4), store.chain(3, 10));
        assertEquals(appended.subList(0, 2), store.chain(1, 2));
    }

    @Test
    void alteringAStoredEventIsVisibleToChainVerification() {
        for (int i = 1; i <= 3; i++) {
            store.append(Records.event(i));
        }
        raw().getCollection("audit").updateOne(Filters.eq("_id", 2L),
                new org.bson.Document("$set", new org.bson.Document("detail", "nothing happened")));
        List<ChainedAuditEvent> chain = store.chain(1, 10);
        assertTrue(AuditChain.check(chain.get(0), chain.get(1)).isPresent(), "a store never repairs what it reads");
    }

    @Test
    void eventsFiltersByActorActionTargetOutcomeAndTimeNewestFirst() {
        for (int i = 1; i <= 10; i++) {
            store.append(Records.event(i, i % 2 == 0 ? "bob" : "alice", i % 3 == 0 ? "trust.key.add" : "entry.submit"));
        }
        AuditPage bob = store.events(new AuditQuery(TENANT, "bob", null, null, null, null, null, 100, 0));
        assertEquals(List.of(10L, 8L, 6L, 4L, 2L), seqs(bob.events()));
        AuditPage bobKeys = store.events(new AuditQuery(TENANT, "bob", "trust.key.add", null, "success", null, null,
                100, 0));
        assertEquals(List.of(6L), seqs(bobKeys.events()));
        AuditPage target = store.events(new AuditQuery(TENANT, null, null, Records.digest("e7"), null, null, null,
                100, 0));
        assertEquals(List.of(7L), seqs(target.events()));
        Instant since = Records.T0.plusSeconds(3);
        Instant until = Records.T0.plusSeconds(6);
        assertEquals(List.of(5L, 4L, 3L), seqs(store.events(new AuditQuery(TENANT, null, null, null, null, since, until,
                100, 0)).events()));
    }

    @Test
    void eventsPagesWithBeforeSeq() {
        for (int i = 1; i <= 7; i++) {
            store.append(Records.event(i));
        }
        AuditPage first = store.events(AuditQuery.newest(TENANT, 3));
        assertEquals(List.of(7L, 6L, 5L), seqs(first.events()));
        AuditPage second = store.events(new AuditQuery(TENANT, null, null, null, null, null, null, 3,
                first.nextBeforeSeq()));
        assertEquals(List.of(4L, 3L, 2L), seqs(second.events()));
        AuditPage last = store.events(new AuditQuery(TENANT, null, null, null, null, null, null, 3,
                second.nextBeforeSeq()));
        assertEquals(List.of(1L), seqs(last.events()));
        assertEquals(0, last.nextBeforeSeq());
    }

    @Test
    void recentEventsAreNewestFirst() {
        for (int i = 1; i <= 3; i++) {
            store.append(Records.event(i));
        }
        assertEquals(List.of(Records.event(3), Records.event(2)), store.recentEvents(2));
        assertEquals(List.of(), store.recentEvents(0));
    }

    @Test
    void anEmptyTrailHasNoHeadAndNoEvents() {
        assertEquals(Optional.empty(), store.head());
        assertEquals(0, store.eventCount());
        assertEquals(List.of(), store.chain(1, 10));
    }

    private void assertChainIntact(int length) {
        List<ChainedAuditEvent> chain = store.chain(1, 1000);
        assertEquals(length, chain.size());
        ChainedAuditEvent previous = null;
        for (ChainedAuditEvent e : chain) {
            assertEquals(Optional.empty(), AuditChain.check(previous, e));
            previous = e;
        }
    }

    private static List<Long> seqs(List<ChainedAuditEvent> events) {
        return events.stream().map(ChainedAuditEvent::seq).toList();
    }
}
