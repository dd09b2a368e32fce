package org.stellaops.attestor.store.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stellaops.attestor.store.tck.TckRecords.SLSA;
import static org.stellaops.attestor.store.tck.TckRecords.SPDX;
import static org.stellaops.attestor.store.tck.TckRecords.T0;
import static org.stellaops.attestor.store.tck.TckRecords.VEX;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.stellaops.attestor.store.AuditChain;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.AuditPage;
import org.stellaops.attestor.store.AuditQuery;
import org.stellaops.attestor.store.ChainedAuditEvent;
import org.stellaops.attestor.store.EntryPage;
import org.stellaops.attestor.store.EntryQuery;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.EntryStore;
import org.stellaops.attestor.store.Tenants;
import org.stellaops.attestor.store.TrustedKey;

/**
 * Tenant isolation (store contract 4.0.0, docs/dev/tenancy.md): the same envelope stored by two tenants is two
 * independent records; no read with one tenant returns, lists, counts or leases another tenant's record, key or
 * event; the outbox and the operator reads ({@code null} tenant) span every tenant; operator audit events hash as
 * every event did before tenants existed.
 */
public abstract class TenantIsolationContract extends StoreContract {

    /** The first tenant ({@link TckRecords#TENANT}). */
    protected static final String A = TckRecords.TENANT;
    /** The second tenant. */
    protected static final String B = "tenant-b";
    /** A tenant whose name starts with {@link #A}'s, to catch key prefixes without a separator. */
    protected static final String A_EXTENDED = A + ":eu";
    private static final Duration TTL = Duration.ofSeconds(30);

    private static EntryRecord pendingOf(String tenant, String seed, int second) {
        return TckRecords.record(seed).tenant(tenant).principal("user-of-" + tenant).at(T0.plusSeconds(second))
                .pending();
    }

    private EntryRecord store(EntryRecord record) {
        assertTrue(entries().putIfAbsent(record).created(), "stored " + record.tenant() + " " + record.envelopeDigest());
        return record;
    }

    @Test
    void createsASecondRecordWhenAnotherTenantStoresTheSameEnvelope() {
        EntryRecord a = store(TckRecords.record("same").tenant(A).principal("alice").logged());
        EntryRecord b = TckRecords.record("same").tenant(B).principal("bob").pending();
        EntryStore.Stored stored = entries().putIfAbsent(b);
        assertTrue(stored.created());
        assertEquals(b, stored.record());
        assertEquals(a, entries().byEnvelopeDigest(A, a.envelopeDigest()).orElseThrow());
        assertEquals(b, entries().byEnvelopeDigest(B, a.envelopeDigest()).orElseThrow());
    }

    @Test
    void writesTheCreationEventOfEachTenantsRecordOfTheSameEnvelope() {
        AuditEvent eventA = TckRecords.event(T0, "alice", "entry.submit", TckRecords.digest("same"), "success", A);
        AuditEvent eventB = TckRecords.event(T0, "bob", "entry.submit", TckRecords.digest("same"), "success", B);
        assertTrue(entries().putIfAbsent(pendingOf(A, "same", 0), eventA).created());
        assertTrue(entries().putIfAbsent(pendingOf(B, "same", 0), eventB).created());
        assertEquals(List.of(eventB, eventA), audit().recentEvents(10));
    }

    @Test
    void stillDeduplicatesWithinATenantWhenAnotherTenantHoldsTheEnvelope() {
        EntryRecord a = store(pendingOf(A, "dedupe", 0));
        store(pendingOf(B, "dedupe", 1));
        EntryStore.Stored again = entries().putIfAbsent(TckRecords.record("dedupe").tenant(A).principal("mallory")
                .logged());
        assertFalse(again.created());
        assertEquals(a, again.record());
        assertEquals(2, entries().count());
    }

    @Test
    void leavesTheOtherTenantsRecordUnchangedWhenOneIsReplaced() {
        EntryRecord a = store(pendingOf(A, "replaced", 0));
        EntryRecord b = store(pendingOf(B, "replaced", 0));
        assertTrue(entries().replaceIf(a, TckRecords.settled(a)));
        assertEquals(b, entries().byEnvelopeDigest(B, b.envelopeDigest()).orElseThrow());
        assertEquals(List.of(b), entries().pending(10));
        assertTrue(entries().replaceIf(b, TckRecords.primaryLogged(b)), "b's stored version is still b");
    }

    @Test
    void refusesToReplaceARecordInATenantThatDoesNotHoldIt() {
        EntryRecord a = store(pendingOf(A, "only-a", 0));
        EntryRecord b = pendingOf(B, "only-a", 0);
        assertFalse(entries().replaceIf(b, TckRecords.settled(b)));
        assertTrue(entries().byEnvelopeDigest(B, b.envelopeDigest()).isEmpty());
        assertEquals(a, entries().byEnvelopeDigest(A, a.envelopeDigest()).orElseThrow());
    }

    @Test
    void findsNoRecordByEnvelopeDigestForAnotherTenant() {
        EntryRecord a = store(TckRecords.logged("a-digest"));
        assertTrue(entries().byEnvelopeDigest(B, a.envelopeDigest()).isEmpty());
        assertTrue(entries().byEnvelopeDigest(A_EXTENDED, a.envelopeDigest()).isEmpty());
    }

    @Test
    void findsNoRecordByUuidForAnotherTenant() {
        EntryRecord a = store(TckRecords.record("a-uuids").signers("a", "b", "c").logged());
        for (String uuid : a.lookupUuids()) {
            assertTrue(entries().byUuid(B, uuid).isEmpty(), uuid);
            assertTrue(entries().byUuid(A_EXTENDED, uuid).isEmpty(), uuid);
        }
    }

    @Test
    void findsEachTenantsOwnRecordByTheUuidsTheyShare() {
        EntryRecord a = store(TckRecords.record("shared-uuids").tenant(A).principal("alice").logged());
        EntryRecord b = store(TckRecords.record("shared-uuids").tenant(B).principal("bob").logged());
        assertEquals(a.lookupUuids(), b.lookupUuids());
        for (String uuid : a.lookupUuids()) {
            assertEquals(a, entries().byUuid(A, uuid).orElseThrow(), uuid);
            assertEquals(b, entries().byUuid(B, uuid).orElseThrow(), uuid);
        }
    }

    @Test
    void keepsAnotherTenantsUuidWhenAReplacementDropsIt() {
        EntryRecord a = store(pendingOf(A, "shrinking", 0));
        EntryRecord b = store(pendingOf(B, "shrinking", 0));
        String dropped = a.signatures().get(1).uuid();
        EntryRecord smaller = new EntryRecord(a.envelopeDigest(), a.uuid(), a.status(), a.casDigest(),
                a.payloadType(), a.statementType(), a.predicateType(), a.subjects(), a.signerKeyIds(),
                a.signatures().subList(0, 1), a.logs(), List.of(), a.facts(), a.derivedBy(), a.createdAt(),
                a.provenance());
        assertTrue(entries().replaceIf(a, smaller));
        assertTrue(entries().byUuid(A, dropped).isEmpty());
        assertEquals(b, entries().byUuid(B, dropped).orElseThrow());
    }

    /**
     * Tenant A stores the search corpus, tenant B the same envelopes but a third of them plus six of its own, and
     * {@link #A_EXTENDED} eight of them.
     */
    private List<EntryRecord> storeTenants() {
        List<EntryRecord> all = new ArrayList<>(EntrySearchContract.corpus(A));
        List<EntryRecord> ofB = EntrySearchContract.corpus(B);
        for (int i = 0; i < ofB.size(); i++) {
            if (i % 3 != 1) {
                all.add(ofB.get(i));
            }
        }
        for (int i = 0; i < 6; i++) {
            all.add(TckRecords.record("b-only-" + i).tenant(B).at(T0.plusSeconds(i)).subjects("shared", "app-1")
                    .predicate(i % 2 == 0 ? SPDX : VEX).signers("b").logged());
        }
        all.addAll(EntrySearchContract.corpus(A_EXTENDED).subList(0, 8));
        all.forEach(this::store);
        return all;
    }

    /** @return a query for every filter of {@link EntryQuery}, alone and combined, as a function of the tenant */
    static Stream<Arguments> searchFilters() {
        return Stream.of(
                Arguments.of("no filter", (Function<String, EntryQuery>) t -> EntryQuery.all(t, 100)),
                Arguments.of("subject", (Function<String, EntryQuery>) t -> new EntryQuery(t,
                        TckRecords.subject("shared"), null, null, null, null, 100, null)),
                Arguments.of("predicate type", (Function<String, EntryQuery>) t -> new EntryQuery(t, null, SPDX, null,
                        null, null, 100, null)),
                Arguments.of("signer", (Function<String, EntryQuery>) t -> new EntryQuery(t, null, null,
                        TckRecords.keyId("b"), null, null, 100, null)),
                Arguments.of("since", (Function<String, EntryQuery>) t -> new EntryQuery(t, null, null, null,
                        T0.plusSeconds(3), null, 100, null)),
                Arguments.of("until", (Function<String, EntryQuery>) t -> new EntryQuery(t, null, null, null, null,
                        T0.plusSeconds(4), 100, null)),
                Arguments.of("fact", (Function<String, EntryQuery>) t -> EntryQuery.all(t, 100)
                        .withFacts(Map.of("buildTypes", "b"))),
                Arguments.of("every filter", (Function<String, EntryQuery>) t -> new EntryQuery(t,
                        TckRecords.subject("shared"), SLSA, TckRecords.keyId("c"), T0.plusSeconds(1),
                        T0.plusSeconds(9), Map.of("materials", "3"), 100, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("searchFilters")
    void neverListsAnotherTenantsRecordsInASearch(String filter, Function<String, EntryQuery> query) {
        List<EntryRecord> stored = storeTenants();
        for (String tenant : List.of(A, B, A_EXTENDED)) {
            EntryQuery q = query.apply(tenant);
            List<EntryRecord> found = entries().search(q).records();
            assertEquals(SearchOracle.search(stored, q), found, tenant);
            assertTrue(found.stream().allMatch(r -> r.tenant().equals(tenant)), tenant);
        }
        assertFalse(SearchOracle.search(stored, query.apply(A)).isEmpty(), "A's records match the filter");
        assertFalse(SearchOracle.search(stored, query.apply(B)).isEmpty(), "B's records match the filter");
    }

    private List<EntryRecord> searchAll(EntryQuery first) {
        List<EntryRecord> all = new ArrayList<>();
        EntryQuery q = first;
        for (int pages = 0; pages < 200; pages++) {
            EntryPage page = entries().search(q);
            all.addAll(page.records());
            if (page.nextCursor() == null) {
                return all;
            }
            q = q.after(page.nextCursor());
        }
        throw new AssertionError("paging did not end");
    }

    @Test
    void neverListsAnotherTenantsRecordsAcrossPages() {
        List<EntryRecord> stored = storeTenants();
        EntryQuery everything = EntryQuery.all(B, 3);
        assertEquals(SearchOracle.search(stored, everything), searchAll(everything));
        EntryQuery bySubject = new EntryQuery(B, TckRecords.subject("shared"), null, null, null, null, 2, null);
        assertEquals(SearchOracle.search(stored, bySubject), searchAll(bySubject));
        EntryQuery ofA = EntryQuery.all(A, 7);
        assertEquals(SearchOracle.search(stored, ofA), searchAll(ofA));
    }

    @Test
    void findsNoRecordsInTheSearchOfATenantThatStoredNone() {
        EntrySearchContract.corpus(A).forEach(this::store);
        EntryPage page = entries().search(EntryQuery.all(B, 10));
        assertEquals(List.of(), page.records());
        assertNull(page.nextCursor());
    }

    @Test
    void refusesACursorOfAnotherTenantsSearch() {
        EntrySearchContract.corpus(A).forEach(this::store);
        String cursor = entries().search(EntryQuery.all(A, 5)).nextCursor();
        assertNotNull(cursor);
        assertThrows(IllegalArgumentException.class, () -> EntryQuery.all(B, 5).after(cursor));
    }

    private List<EntryRecord> storeRecentOfTenants() {
        List<EntryRecord> stored = new ArrayList<>();
        String[] tenants = {A, B, A, A_EXTENDED, B, A};
        String[] seeds = {"r0", "r0", "r1", "r0", "r1", "r2"};
        for (int i = 0; i < tenants.length; i++) {
            stored.add(store(TckRecords.record(seeds[i]).tenant(tenants[i]).at(T0.plusSeconds(i)).logged()));
        }
        Collections.reverse(stored);
        return stored;
    }

    @Test
    void listsOnlyTheTenantsOwnRecordsAsRecent() {
        List<EntryRecord> newestFirst = storeRecentOfTenants();
        assertEquals(newestFirst.stream().filter(r -> r.tenant().equals(A)).toList(), entries().recent(A, 10));
        assertEquals(newestFirst.stream().filter(r -> r.tenant().equals(B)).toList(), entries().recent(B, 10));
        assertEquals(newestFirst.stream().filter(r -> r.tenant().equals(A)).limit(2).toList(),
                entries().recent(A, 2));
        assertEquals(List.of(), entries().recent("tenant-c", 10));
    }

    @Test
    void listsEveryTenantsRecordsAsRecentWithoutATenant() {
        List<EntryRecord> newestFirst = storeRecentOfTenants();
        assertEquals(newestFirst, entries().recent(null, 10));
        assertEquals(newestFirst.subList(0, 4), entries().recent(null, 4));
    }

    @Test
    void countsOnlyTheTenantsOwnRecords() {
        storeRecentOfTenants();
        assertEquals(3, entries().count(A));
        assertEquals(2, entries().count(B));
        assertEquals(1, entries().count(A_EXTENDED));
        assertEquals(0, entries().count("tenant-c"));
    }

    @Test
    void countsEveryTenantsRecordsWithoutATenant() {
        storeRecentOfTenants();
        assertEquals(6, entries().count());
    }

    @Test
    void keepsTheRecordsOfEveryTenantApartAcrossARestart() throws Exception {
        List<EntryRecord> stored = storeTenants();
        reopen();
        assertEquals(stored.stream().filter(r -> r.tenant().equals(B)).count(), entries().count(B));
        assertEquals(SearchOracle.search(stored, EntryQuery.all(B, 100)), searchAll(EntryQuery.all(B, 9)));
        EntryRecord a = stored.get(0);
        assertEquals(a, entries().byEnvelopeDigest(A, a.envelopeDigest()).orElseThrow());
        assertEquals(a, entries().byUuid(A, a.uuid()).orElseThrow());
        assertNotEquals(a, entries().byUuid(B, a.uuid()).orElseThrow());
    }

    @Test
    void leasesOneTenantsRecordWithoutLeasingAnotherTenantsRecordOfTheSameEnvelope() {
        EntryRecord a = store(pendingOf(A, "lease", 0));
        store(pendingOf(B, "lease", 0));
        assertTrue(entries().tryLease(A, a.envelopeDigest(), "worker-1", T0, TTL));
        assertTrue(entries().tryLease(B, a.envelopeDigest(), "worker-2", T0, TTL));
        assertFalse(entries().tryLease(A, a.envelopeDigest(), "worker-2", T0, TTL));
    }

    @Test
    void refusesToLeaseAnEnvelopeInATenantThatHasNoRecordOfIt() {
        EntryRecord a = store(pendingOf(A, "lease-only-a", 0));
        assertFalse(entries().tryLease(B, a.envelopeDigest(), "worker-1", T0, TTL));
    }

    @Test
    void releasesOnlyTheLeaseOfTheGivenTenant() {
        EntryRecord a = store(pendingOf(A, "release", 0));
        store(pendingOf(B, "release", 0));
        assertTrue(entries().tryLease(A, a.envelopeDigest(), "worker-1", T0, TTL));
        assertTrue(entries().tryLease(B, a.envelopeDigest(), "worker-1", T0, TTL));
        entries().releaseLease(B, a.envelopeDigest(), "worker-1");
        assertFalse(entries().tryLease(A, a.envelopeDigest(), "worker-2", T0.plusSeconds(1), TTL));
        assertTrue(entries().tryLease(B, a.envelopeDigest(), "worker-2", T0.plusSeconds(1), TTL));
    }

    @Test
    void keepsAnotherTenantsLeaseWhenOneTenantsRecordIsSettled() {
        EntryRecord a = store(pendingOf(A, "settle", 0));
        store(pendingOf(B, "settle", 0));
        assertTrue(entries().tryLease(A, a.envelopeDigest(), "worker-1", T0, TTL));
        assertTrue(entries().tryLease(B, a.envelopeDigest(), "worker-1", T0, TTL));
        assertTrue(entries().replaceIf(a, TckRecords.settled(a)));
        assertFalse(entries().tryLease(B, a.envelopeDigest(), "worker-2", T0.plusSeconds(1), TTL));
    }

    @Test
    void listsThePendingRecordsOfEveryTenant() {
        EntryRecord a = store(pendingOf(A, "outbox", 0));
        EntryRecord b = store(pendingOf(B, "outbox", 1));
        EntryRecord other = store(pendingOf(A_EXTENDED, "outbox-other", 2));
        store(TckRecords.record("outbox-logged").tenant(B).logged());
        assertEquals(List.of(a, b, other), entries().pending(10));
    }

    @Test
    void hidesOnlyTheLeasedTenantsRecordFromClaimable() {
        EntryRecord a = store(pendingOf(A, "claim", 0));
        EntryRecord b = store(pendingOf(B, "claim", 1));
        assertTrue(entries().tryLease(A, a.envelopeDigest(), "worker-1", T0, TTL));
        assertEquals(List.of(b), entries().claimable("worker-2", T0.plusSeconds(1), 10));
        assertEquals(List.of(a, b), entries().claimable("worker-1", T0.plusSeconds(1), 10));
    }

    /** Thirty-two events, one second apart, of tenants A, B, the operator and {@link #A_EXTENDED} in turn. */
    private List<ChainedAuditEvent> appendEventsOfTenants() {
        String[] tenants = {A, B, Tenants.OPERATOR, A_EXTENDED};
        String[] actors = {"alice", "bob", "carol"};
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            events.add(TckRecords.event(T0.plusSeconds(i), actors[i % 3], i % 2 == 0 ? "entry.submit"
                    : "trust.key.revoke", "t" + (i % 5), i % 5 == 4 ? "auth.denied" : "success", tenants[i % 4]));
        }
        return audit().appendAll(events);
    }

    /** What an audit query must find: the tenant and every given filter, newest first. */
    private static List<ChainedAuditEvent> expected(List<ChainedAuditEvent> stored, AuditQuery q) {
        List<ChainedAuditEvent> result = new ArrayList<>();
        for (ChainedAuditEvent c : stored) {
            AuditEvent e = c.event();
            if ((q.tenant() == null || q.tenant().equals(e.tenant()))
                    && (q.actor() == null || q.actor().equals(e.actor()))
                    && (q.action() == null || q.action().equals(e.action()))
                    && (q.target() == null || q.target().equals(e.target()))
                    && (q.outcome() == null || q.outcome().equals(e.outcome()))
                    && (q.since() == null || !e.time().isBefore(q.since()))
                    && (q.until() == null || e.time().isBefore(q.until()))) {
                result.add(0, c);
            }
        }
        return result;
    }

    @Test
    void storesEveryEventWithItsTenant() {
        List<ChainedAuditEvent> stored = appendEventsOfTenants();
        assertEquals(stored, audit().chain(1, 100));
        assertEquals(List.of(A, B, Tenants.OPERATOR, A_EXTENDED),
                audit().chain(1, 4).stream().map(c -> c.event().tenant()).toList());
    }

    @Test
    void findsOnlyTheTenantsOwnEventsInAnAuditQuery() {
        List<ChainedAuditEvent> stored = appendEventsOfTenants();
        for (String tenant : List.of(A, B, A_EXTENDED)) {
            List<ChainedAuditEvent> found = audit().events(AuditQuery.newest(tenant, 100)).events();
            assertEquals(8, found.size(), tenant);
            assertEquals(expected(stored, AuditQuery.newest(tenant, 100)), found, tenant);
        }
    }

    /** @return an audit query of tenant B for every filter of {@link AuditQuery} */
    static Stream<Arguments> auditFilters() {
        return Stream.of(
                Arguments.of("actor", new AuditQuery(B, "bob", null, null, null, null, null, 100, 0)),
                Arguments.of("action", new AuditQuery(B, null, "trust.key.revoke", null, null, null, null, 100, 0)),
                Arguments.of("target", new AuditQuery(B, null, null, "t3", null, null, null, 100, 0)),
                Arguments.of("outcome", new AuditQuery(B, null, null, null, "auth.denied", null, null, 100, 0)),
                Arguments.of("time window", new AuditQuery(B, null, null, null, null, T0.plusSeconds(10),
                        T0.plusSeconds(20), 100, 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("auditFilters")
    void neverFindsAnotherTenantsEventsUnderAnAuditFilter(String filter, AuditQuery query) {
        List<ChainedAuditEvent> stored = appendEventsOfTenants();
        List<ChainedAuditEvent> found = audit().events(query).events();
        assertFalse(found.isEmpty(), "the events make this query non-trivial");
        assertEquals(expected(stored, query), found);
        AuditQuery everyTenant = new AuditQuery(null, query.actor(), query.action(), query.target(), query.outcome(),
                query.since(), query.until(), 100, 0);
        assertTrue(audit().events(everyTenant).events().size() > found.size(), "other tenants' events match too");
    }

    @Test
    void pagesThroughOnlyTheTenantsOwnEvents() {
        List<ChainedAuditEvent> stored = appendEventsOfTenants();
        List<ChainedAuditEvent> paged = new ArrayList<>();
        long before = 0;
        for (int pages = 0; pages < 32; pages++) {
            AuditPage page = audit().events(new AuditQuery(B, null, null, null, null, null, null, 3, before));
            paged.addAll(page.events());
            before = page.nextBeforeSeq();
            if (before == 0) {
                break;
            }
        }
        assertEquals(0, before, "paging ended");
        assertEquals(expected(stored, AuditQuery.newest(B, 100)), paged);
    }

    @Test
    void findsEveryTenantsEventsInAnAuditQueryWithoutATenant() {
        List<ChainedAuditEvent> stored = appendEventsOfTenants();
        List<ChainedAuditEvent> newestFirst = new ArrayList<>(stored);
        Collections.reverse(newestFirst);
        assertEquals(newestFirst, audit().events(AuditQuery.newest(null, 100)).events());
    }

    @Test
    void findsOnlyOperatorEventsInAnAuditQueryForTheOperator() {
        List<ChainedAuditEvent> stored = appendEventsOfTenants();
        List<ChainedAuditEvent> found = audit().events(AuditQuery.newest(Tenants.OPERATOR, 100)).events();
        assertEquals(8, found.size());
        assertEquals(expected(stored, AuditQuery.newest(Tenants.OPERATOR, 100)), found);
    }

    /** The hash an event had before tenants existed: JCS of the event without a tenant member, written out. */
    private static String hashWithoutTenant(long seq, String previousHash, AuditEvent e) {
        String canonical = "{\"action\":\"" + e.action() + "\",\"actor\":\"" + e.actor() + "\",\"detail\":\""
                + e.detail() + "\",\"outcome\":\"" + e.outcome() + "\",\"previousHash\":\"" + previousHash
                + "\",\"remoteAddress\":\"" + e.remoteAddress() + "\",\"seq\":" + seq + ",\"target\":\""
                + e.target() + "\",\"time\":\"" + e.time() + "\"}";
        return TckRecords.hex(canonical);
    }

    @Test
    void hashesAnOperatorEventAsEveryEventWasHashedBeforeTenantsExisted() {
        AuditEvent first = TckRecords.event(T0, "system", "log.outage", "primary", "success", Tenants.OPERATOR);
        AuditEvent third = TckRecords.event(T0.plusSeconds(2), "anonymous", "entry.submit", "-", "auth.denied",
                Tenants.OPERATOR);
        ChainedAuditEvent one = audit().append(first);
        ChainedAuditEvent two = audit().append(TckRecords.event(1));
        ChainedAuditEvent three = audit().append(third);
        assertEquals(hashWithoutTenant(1, AuditChain.GENESIS, first), one.hash());
        assertEquals(hashWithoutTenant(3, two.hash(), third), three.hash());
        assertEquals(List.of(one, two, three), audit().chain(1, 10));
    }

    @Test
    void coversTheTenantOfATenantsEventWithItsHash() {
        ChainedAuditEvent stored = audit().append(TckRecords.event(1));
        ChainedAuditEvent read = audit().chain(1, 1).get(0);
        assertEquals(Optional.empty(), AuditChain.check(null, read));
        assertNotEquals(hashWithoutTenant(1, AuditChain.GENESIS, stored.event()), read.hash());
        for (String other : List.of(B, Tenants.OPERATOR)) {
            AuditEvent e = read.event();
            AuditEvent moved = new AuditEvent(e.time(), e.actor(), e.action(), e.target(), e.outcome(),
                    e.remoteAddress(), e.detail(), other);
            ChainedAuditEvent altered = new ChainedAuditEvent(read.seq(), read.previousHash(), read.hash(), moved);
            assertTrue(AuditChain.check(null, altered).isPresent(), "moved to tenant '" + other + "'");
        }
    }

    @Test
    void keepsTheTenantOfEveryEventAcrossARestart() throws Exception {
        List<ChainedAuditEvent> stored = appendEventsOfTenants();
        reopen();
        assertEquals(stored, AuditStoreContract.verifiedChain(audit()));
        assertEquals(expected(stored, AuditQuery.newest(B, 100)), audit().events(AuditQuery.newest(B, 100)).events());
    }

    @Test
    void findsAKeyOnlyInTheTenantThatOwnsIt() {
        TrustedKey key = TckRecords.key("own", T0, A, false);
        trustRoots().put(key);
        assertEquals(key, trustRoots().get(A, key.keyId()).orElseThrow());
        assertTrue(trustRoots().get(B, key.keyId()).isEmpty());
        assertTrue(trustRoots().get(A_EXTENDED, key.keyId()).isEmpty());
    }

    @Test
    void keepsTheSameKeyIdOfTwoTenantsAsTwoKeys() {
        TrustedKey ofA = TckRecords.key("both", T0, A, false);
        TrustedKey ofB = TckRecords.key("both", T0.plusSeconds(5), B, false);
        trustRoots().put(ofA);
        trustRoots().put(ofB);
        assertEquals(ofA, trustRoots().get(A, ofA.keyId()).orElseThrow());
        assertEquals(ofB, trustRoots().get(B, ofA.keyId()).orElseThrow());
        assertEquals(List.of(ofA, ofB), trustRoots().all(null));
    }

    @Test
    void revokesOneTenantsKeyWithoutRevokingAnotherTenantsKeyOfTheSameId() {
        TrustedKey ofA = TckRecords.key("revoked-in-a", T0, A, false);
        TrustedKey ofB = TckRecords.key("revoked-in-a", T0, B, false);
        trustRoots().put(ofA);
        trustRoots().put(ofB);
        trustRoots().put(TckRecords.revoked(ofA, T0.plusSeconds(10)));
        assertTrue(trustRoots().get(A, ofA.keyId()).orElseThrow().revoked());
        assertEquals(ofB, trustRoots().get(B, ofB.keyId()).orElseThrow());
    }

    @Test
    void listsOnlyTheTenantsOwnKeysAndNotTheSharedKeysOfOthers() {
        TrustedKey sharedOfA = TckRecords.key("release", T0, A, true);
        TrustedKey ofB = TckRecords.key("ci-b", T0.plusSeconds(1), B, false);
        TrustedKey ofExtended = TckRecords.key("ci-eu", T0.plusSeconds(2), A_EXTENDED, false);
        trustRoots().put(sharedOfA);
        trustRoots().put(ofB);
        trustRoots().put(ofExtended);
        assertEquals(List.of(ofB), trustRoots().all(B));
        assertEquals(List.of(sharedOfA), trustRoots().all(A));
        assertEquals(List.of(), trustRoots().all("tenant-c"));
    }

    @Test
    void listsEveryTenantsKeysWithoutATenantByCreationTimeThenIdThenTenant() {
        TrustedKey late = TckRecords.key("late", T0.plusSeconds(100), A, false);
        TrustedKey sameOfB = TckRecords.key("same", T0, B, true);
        TrustedKey sameOfA = TckRecords.key("same", T0, A, false);
        trustRoots().put(late);
        trustRoots().put(sameOfB);
        trustRoots().put(sameOfA);
        assertEquals(List.of(sameOfA, sameOfB, late), trustRoots().all(null));
    }

    @Test
    void changesTheVersionWhenAKeyOfAnyTenantIsPut() {
        trustRoots().put(TckRecords.key("first", T0, A, false));
        long before = trustRoots().version();
        trustRoots().put(TckRecords.key("second", T0, B, false));
        long afterB = trustRoots().version();
        trustRoots().put(TckRecords.key("third", T0, A_EXTENDED, true));
        assertNotEquals(before, afterB);
        assertNotEquals(afterB, trustRoots().version());
        assertNotEquals(before, trustRoots().version());
    }

    @Test
    void keepsEveryTenantsKeysAcrossARestart() throws Exception {
        TrustedKey ofA = TckRecords.key("durable", T0, A, true);
        TrustedKey ofB = TckRecords.revoked(TckRecords.key("durable", T0, B, false), T0.plusSeconds(1));
        trustRoots().put(ofA);
        trustRoots().put(ofB);
        reopen();
        assertEquals(ofA, trustRoots().get(A, ofA.keyId()).orElseThrow());
        assertEquals(List.of(ofB), trustRoots().all(B));
    }
}
