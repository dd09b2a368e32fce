package org.stellaops.attestor.store.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stellaops.attestor.store.tck.TckRecords.T0;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.store.AuditChain;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.AuditPage;
import org.stellaops.attestor.store.AuditQuery;
import org.stellaops.attestor.store.AuditStore;
import org.stellaops.attestor.store.ChainedAuditEvent;

/**
 * The {@link AuditStore} contract: the hash chain ({@link AuditChain}), gapless sequence numbers from 1, the head,
 * reading the chain in order, filtered searches newest first with paging, and durability.
 */
public abstract class AuditStoreContract extends StoreContract {

    /**
     * Checks every link of the whole chain.
     *
     * @param store the audit store
     * @return the chain, oldest first
     */
    protected static List<ChainedAuditEvent> verifiedChain(AuditStore store) {
        List<ChainedAuditEvent> chain = store.chain(1, Integer.MAX_VALUE);
        ChainedAuditEvent previous = null;
        for (ChainedAuditEvent e : chain) {
            Optional<String> broken = AuditChain.check(previous, e);
            assertEquals(Optional.empty(), broken);
            previous = e;
        }
        assertEquals(store.eventCount(), chain.size(), "the chain holds every event");
        return chain;
    }

    private List<ChainedAuditEvent> appendAll(List<AuditEvent> events) {
        List<ChainedAuditEvent> stored = new ArrayList<>();
        events.forEach(e -> stored.add(audit().append(e)));
        return stored;
    }

    @Test
    void numbersEventsFromOneWithoutGaps() {
        for (int i = 0; i < 5; i++) {
            assertEquals(i + 1, audit().append(TckRecords.event(i)).seq());
        }
    }

    @Test
    void linksEveryEventToTheOneBefore() {
        for (int i = 0; i < 10; i++) {
            audit().append(TckRecords.event(i));
        }
        List<ChainedAuditEvent> chain = verifiedChain(audit());
        assertEquals(10, chain.size());
        assertEquals(AuditChain.GENESIS, chain.get(0).previousHash());
    }

    @Test
    void chainsABatchOfEventsInListOrderAfterTheHead() {
        audit().append(TckRecords.event(0));
        List<AuditEvent> batch = List.of(TckRecords.event(1), TckRecords.event(2), TckRecords.event(3));
        List<ChainedAuditEvent> stored = audit().appendAll(batch);
        assertEquals(List.of(2L, 3L, 4L), stored.stream().map(ChainedAuditEvent::seq).toList());
        assertEquals(batch, stored.stream().map(ChainedAuditEvent::event).toList());
        assertEquals(4, verifiedChain(audit()).size());
    }

    @Test
    void returnsTheEventAsItWasChained() {
        ChainedAuditEvent first = audit().append(TckRecords.event(1));
        ChainedAuditEvent second = audit().append(TckRecords.event(2));
        assertEquals(AuditChain.link(null, TckRecords.event(1)), first);
        assertEquals(AuditChain.link(first, TckRecords.event(2)), second);
        assertEquals(List.of(first, second), audit().chain(1, 10));
    }

    @Test
    void hasNoHeadWhileTheTrailIsEmpty() {
        assertEquals(Optional.empty(), audit().head());
        assertEquals(List.of(), audit().chain(1, 10));
        assertEquals(0, audit().eventCount());
    }

    @Test
    void reportsTheLastAppendedEventAsTheHead() {
        audit().append(TckRecords.event(1));
        ChainedAuditEvent last = audit().append(TckRecords.event(2));
        assertEquals(Optional.of(last), audit().head());
    }

    @Test
    void readsTheChainFromAGivenSequenceNumberUpToTheLimit() {
        List<ChainedAuditEvent> stored = appendAll(List.of(TckRecords.event(1), TckRecords.event(2),
                TckRecords.event(3), TckRecords.event(4), TckRecords.event(5)));
        assertEquals(stored.subList(1, 3), audit().chain(2, 2));
        assertEquals(stored.subList(3, 5), audit().chain(4, 10));
        assertEquals(List.of(), audit().chain(6, 10));
    }

    @Test
    void chainsTheCreationEventOfARecordLikeAnyOther() {
        audit().append(TckRecords.event(1));
        entries().putIfAbsent(TckRecords.logged("created"), TckRecords.event(2));
        audit().append(TckRecords.event(3));
        List<ChainedAuditEvent> chain = verifiedChain(audit());
        assertEquals(List.of(TckRecords.event(1), TckRecords.event(2), TckRecords.event(3)),
                chain.stream().map(ChainedAuditEvent::event).toList());
    }

    @Test
    void listsRecentEventsNewestFirstUpToTheLimit() {
        for (int i = 0; i < 5; i++) {
            audit().append(TckRecords.event(i));
        }
        assertEquals(List.of(TckRecords.event(4), TckRecords.event(3)), audit().recentEvents(2));
        assertEquals(5, audit().recentEvents(100).size());
    }

    @Test
    void countsEvents() {
        for (int i = 0; i < 3; i++) {
            audit().append(TckRecords.event(i));
        }
        assertEquals(3, audit().eventCount());
    }

    /**
     * Thirty events: actors alice/bob/carol, actions submit/revoke, targets t0 to t4, every fifth one a failure,
     * one second apart.
     */
    private List<ChainedAuditEvent> appendCorpus() {
        String[] actors = {"alice", "bob", "carol"};
        String[] actions = {"entry.submit", "trust.key.revoke"};
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            events.add(TckRecords.event(T0.plusSeconds(i), actors[i % 3], actions[i % 2], "t" + (i % 5),
                    i % 5 == 4 ? "auth.denied" : "success"));
        }
        return appendAll(events);
    }

    private static List<ChainedAuditEvent> newestFirst(List<ChainedAuditEvent> stored,
                                                       java.util.function.Predicate<AuditEvent> filter) {
        List<ChainedAuditEvent> result = new ArrayList<>(stored.stream().filter(e -> filter.test(e.event())).toList());
        java.util.Collections.reverse(result);
        assertTrue(!result.isEmpty(), "the corpus must make this query non-trivial");
        return result;
    }

    private static AuditQuery query(String actor, String action, String target, String outcome, Instant since,
                                    Instant until) {
        return new AuditQuery(null, actor, action, target, outcome, since, until, 100, 0);
    }

    @Test
    void listsEveryEventNewestFirstWithoutFilters() {
        List<ChainedAuditEvent> stored = appendCorpus();
        assertEquals(new AuditPage(newestFirst(stored, e -> true), 0), audit().events(AuditQuery.newest(null, 100)));
    }

    @Test
    void findsEventsByActor() {
        List<ChainedAuditEvent> stored = appendCorpus();
        assertEquals(newestFirst(stored, e -> e.actor().equals("bob")),
                audit().events(query("bob", null, null, null, null, null)).events());
    }

    @Test
    void findsEventsByAction() {
        List<ChainedAuditEvent> stored = appendCorpus();
        assertEquals(newestFirst(stored, e -> e.action().equals("trust.key.revoke")),
                audit().events(query(null, "trust.key.revoke", null, null, null, null)).events());
    }

    @Test
    void findsEventsByTarget() {
        List<ChainedAuditEvent> stored = appendCorpus();
        assertEquals(newestFirst(stored, e -> e.target().equals("t3")),
                audit().events(query(null, null, "t3", null, null, null)).events());
    }

    @Test
    void findsEventsByOutcome() {
        List<ChainedAuditEvent> stored = appendCorpus();
        assertEquals(newestFirst(stored, e -> e.outcome().equals("auth.denied")),
                audit().events(query(null, null, null, "auth.denied", null, null)).events());
    }

    @Test
    void findsEventsAtOrAfterSinceAndBeforeUntil() {
        List<ChainedAuditEvent> stored = appendCorpus();
        Instant since = T0.plusSeconds(10);
        Instant until = T0.plusSeconds(20);
        List<ChainedAuditEvent> found = audit().events(query(null, null, null, null, since, until)).events();
        assertEquals(newestFirst(stored, e -> !e.time().isBefore(since) && e.time().isBefore(until)), found);
        assertEquals(since, found.get(found.size() - 1).event().time(), "since is inclusive");
        assertEquals(until.minusSeconds(1), found.get(0).event().time(), "until is exclusive");
    }

    @Test
    void combinesAuditFilters() {
        List<ChainedAuditEvent> stored = appendCorpus();
        assertEquals(newestFirst(stored, e -> e.actor().equals("alice") && e.action().equals("entry.submit")
                        && e.outcome().equals("success") && !e.time().isBefore(T0.plusSeconds(3))),
                audit().events(query("alice", "entry.submit", null, "success", T0.plusSeconds(3), null)).events());
    }

    @Test
    void pagesThroughMatchingEventsByBeforeSeq() {
        List<ChainedAuditEvent> stored = appendCorpus();
        List<ChainedAuditEvent> expected = newestFirst(stored, e -> e.actor().equals("carol"));
        List<ChainedAuditEvent> paged = new ArrayList<>();
        long before = 0;
        for (int pages = 0; pages < 30; pages++) {
            AuditPage page = audit().events(new AuditQuery(null, "carol", null, null, null, null, null, 3, before));
            assertTrue(page.events().size() <= 3);
            paged.addAll(page.events());
            before = page.nextBeforeSeq();
            if (before == 0) {
                break;
            }
            assertTrue(before <= page.events().get(page.events().size() - 1).seq(),
                    "the next page starts below the last event of this one");
        }
        assertEquals(0, before, "paging ended");
        assertEquals(expected, paged);
    }

    @Test
    void endsTheLastPageWithoutANextPosition() {
        appendCorpus();
        assertEquals(0, audit().events(query(null, null, "t1", null, null, null)).nextBeforeSeq());
    }

    @Test
    void startsBelowTheGivenSequenceNumber() {
        List<ChainedAuditEvent> stored = appendCorpus();
        AuditPage page = audit().events(new AuditQuery(null, null, null, null, null, null, null, 2, 11));
        assertEquals(List.of(stored.get(9), stored.get(8)), page.events());
    }

    @Test
    void findsNoEventsForAnUnknownActor() {
        appendCorpus();
        AuditPage page = audit().events(query("mallory", null, null, null, null, null));
        assertEquals(List.of(), page.events());
        assertEquals(0, page.nextBeforeSeq());
    }

    @Test
    void keepsTheChainAcrossARestartAndContinuesIt() throws Exception {
        audit().append(TckRecords.event(1));
        ChainedAuditEvent second = audit().append(TckRecords.event(2));
        reopen();
        assertEquals(Optional.of(second), audit().head());
        ChainedAuditEvent third = audit().append(TckRecords.event(3));
        assertEquals(3, third.seq());
        assertEquals(second.hash(), third.previousHash());
        assertEquals(3, verifiedChain(audit()).size());
    }
}
