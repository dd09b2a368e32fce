package org.stellaops.attestor.store.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stellaops.attestor.store.tck.TckRecords.T0;
import static org.stellaops.attestor.store.tck.TckRecords.TENANT;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.stellaops.attestor.api.model.Digest;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.model.Subject;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.EntryStore;
import org.stellaops.attestor.store.Provenance;
import org.stellaops.attestor.store.SignatureCoverage;

/**
 * The {@link EntryStore} contract without leases and search (see {@link EntryLeaseContract} and
 * {@link EntrySearchContract}): dedupe by envelope digest, the uuid index, compare-and-set replacement, the outbox,
 * recent records and durability.
 */
public abstract class EntryStoreContract extends StoreContract {

    @Test
    void readsBackARecordEqualToTheOneStored() {
        EntryRecord record = TckRecords.record("round-trip").subjects("app", "lib").signers("a", "b", "c").logged();
        entries().putIfAbsent(record);
        assertEquals(record, entries().byEnvelopeDigest(TENANT, record.envelopeDigest()).orElseThrow());
    }

    @Test
    void reportsTheFirstInsertOfADigestAsCreated() {
        EntryRecord record = TckRecords.logged("first");
        EntryStore.Stored stored = entries().putIfAbsent(record);
        assertTrue(stored.created());
        assertEquals(record, stored.record());
        assertEquals(1, entries().count());
    }

    @Test
    void returnsTheExistingRecordWhenTheSameDigestIsStoredAgain() {
        EntryRecord first = TckRecords.record("dup").principal("alice").logged();
        EntryRecord second = TckRecords.record("dup").principal("bob").at(T0.plusSeconds(60)).pending();
        entries().putIfAbsent(first);
        EntryStore.Stored again = entries().putIfAbsent(second);
        assertFalse(again.created());
        assertEquals(first, again.record());
        assertEquals(first, entries().byEnvelopeDigest(TENANT, first.envelopeDigest()).orElseThrow());
        assertEquals(1, entries().count());
    }

    @Test
    void appendsTheCreationEventWhenTheRecordIsCreated() {
        EntryRecord record = TckRecords.logged("with-event");
        EntryStore.Stored stored = entries().putIfAbsent(record, TckRecords.event(7));
        assertTrue(stored.created());
        assertEquals(record, stored.record());
        assertEquals(List.of(TckRecords.event(7)), audit().recentEvents(10));
        assertEquals(record, entries().byEnvelopeDigest(TENANT, record.envelopeDigest()).orElseThrow());
    }

    @Test
    void writesNoCreationEventForADuplicate() {
        EntryRecord record = TckRecords.logged("dup-event");
        entries().putIfAbsent(record, TckRecords.event(1));
        EntryStore.Stored again = entries().putIfAbsent(TckRecords.record("dup-event").principal("bob").logged(),
                TckRecords.event(2));
        assertFalse(again.created());
        assertEquals(record, again.record());
        assertEquals(List.of(TckRecords.event(1)), audit().recentEvents(10));
        assertEquals(1, audit().eventCount());
    }

    @Test
    void writesNoCreationEventForARecordStoredEarlierWithoutOne() {
        EntryRecord record = TckRecords.logged("plain-first");
        entries().putIfAbsent(record);
        assertFalse(entries().putIfAbsent(record, TckRecords.event(3)).created());
        assertEquals(0, audit().eventCount());
    }

    @Test
    void storesEveryRecordOfABulkPutWithItsCreationEvent() {
        EntryRecord a = TckRecords.logged("bulk-a");
        EntryRecord b = TckRecords.pending("bulk-b", T0.plusSeconds(1));
        List<EntryStore.Stored> stored = entries().putAllIfAbsent(List.of(
                new EntryStore.Creation(a, TckRecords.event(1)), new EntryStore.Creation(b, TckRecords.event(2))));
        assertEquals(List.of(new EntryStore.Stored(a, true), new EntryStore.Stored(b, true)), stored);
        assertEquals(a, entries().byEnvelopeDigest(TENANT, a.envelopeDigest()).orElseThrow());
        assertEquals(b, entries().byUuid(TENANT, b.signatures().get(1).uuid()).orElseThrow());
        assertEquals(List.of(b), entries().pending(10));
        assertEquals(List.of(TckRecords.event(2), TckRecords.event(1)), audit().recentEvents(10));
    }

    @Test
    void answersABulkPutOfAStoredDigestWithTheStoredRecordAndNoEvent() {
        EntryRecord first = TckRecords.record("bulk-dup").principal("alice").logged();
        entries().putIfAbsent(first, TckRecords.event(1));
        EntryRecord fresh = TckRecords.logged("bulk-fresh");
        List<EntryStore.Stored> stored = entries().putAllIfAbsent(List.of(
                new EntryStore.Creation(TckRecords.record("bulk-dup").principal("bob").logged(), TckRecords.event(2)),
                new EntryStore.Creation(fresh, TckRecords.event(3))));
        assertEquals(List.of(new EntryStore.Stored(first, false), new EntryStore.Stored(fresh, true)), stored);
        assertEquals(List.of(TckRecords.event(3), TckRecords.event(1)), audit().recentEvents(10));
        assertEquals(2, entries().count());
    }

    @Test
    void treatsTheSecondCreationOfADigestInOneBulkPutAsADuplicateOfTheFirst() {
        EntryRecord first = TckRecords.record("bulk-twice").principal("alice").logged();
        EntryRecord second = TckRecords.record("bulk-twice").principal("bob").logged();
        List<EntryStore.Stored> stored = entries().putAllIfAbsent(List.of(
                new EntryStore.Creation(first, TckRecords.event(1)), new EntryStore.Creation(second,
                        TckRecords.event(2))));
        assertEquals(List.of(new EntryStore.Stored(first, true), new EntryStore.Stored(first, false)), stored);
        assertEquals(List.of(TckRecords.event(1)), audit().recentEvents(10));
        assertEquals(1, entries().count());
    }

    @Test
    void answersAnEmptyBulkPutWithNoOutcomes() {
        assertEquals(List.of(), entries().putAllIfAbsent(List.of()));
        assertEquals(0, entries().count());
    }

    @Test
    void keepsABulkPutAcrossARestart() throws Exception {
        EntryRecord a = TckRecords.logged("bulk-durable-a", T0);
        EntryRecord b = TckRecords.logged("bulk-durable-b", T0.plusSeconds(1));
        entries().putAllIfAbsent(List.of(new EntryStore.Creation(a, TckRecords.event(1)),
                new EntryStore.Creation(b, TckRecords.event(2))));
        reopen();
        assertEquals(List.of(b, a), entries().recent(TENANT, 10));
        assertEquals(2, audit().eventCount());
    }

    @Test
    void findsARecordByItsUuid() {
        EntryRecord record = TckRecords.logged("by-uuid");
        entries().putIfAbsent(record);
        assertEquals(record, entries().byUuid(TENANT, record.uuid()).orElseThrow());
    }

    @Test
    void findsARecordByEveryOneOfItsLogEntryUuids() {
        EntryRecord record = TckRecords.record("uuids").signers("a", "b", "c").logged();
        entries().putIfAbsent(record);
        assertEquals(6, record.logEntries().size());
        for (LogEntry e : record.logEntries()) {
            assertEquals(record, entries().byUuid(TENANT, e.uuid()).orElseThrow(), e.uuid());
        }
    }

    @Test
    void findsAPendingRecordByTheUuidsItsSignaturesWillHave() {
        EntryRecord pending = TckRecords.record("coverage").signers("a", "b", "c").pending();
        entries().putIfAbsent(pending);
        for (SignatureCoverage s : pending.signatures()) {
            assertEquals(pending, entries().byUuid(TENANT, s.uuid()).orElseThrow(), "signature " + s.signatureIndex());
        }
    }

    @Test
    void reportsUnknownDigestsAndUuidsAsAbsent() {
        entries().putIfAbsent(TckRecords.logged("known"));
        assertTrue(entries().byEnvelopeDigest(TENANT, TckRecords.digest("unknown")).isEmpty());
        assertTrue(entries().byUuid(TENANT, TckRecords.uuid("unknown", 0)).isEmpty());
        assertTrue(entries().byUuid(TENANT, "").isEmpty());
    }

    @Test
    void replacesARecordWhenTheStoredVersionIsTheExpectedOne() {
        EntryRecord pending = TckRecords.pending("cas", T0);
        entries().putIfAbsent(pending);
        EntryRecord logged = TckRecords.settled(pending);
        assertTrue(entries().replaceIf(pending, logged));
        assertEquals(logged, entries().byEnvelopeDigest(TENANT, pending.envelopeDigest()).orElseThrow());
        assertEquals(logged, entries().byUuid(TENANT, pending.uuid()).orElseThrow());
        assertEquals(1, entries().count());
    }

    @Test
    void refusesAReplacementBasedOnAStaleVersion() {
        EntryRecord pending = TckRecords.pending("stale", T0);
        entries().putIfAbsent(pending);
        EntryRecord partly = TckRecords.primaryLogged(pending);
        assertTrue(entries().replaceIf(pending, partly));
        assertFalse(entries().replaceIf(pending, TckRecords.settled(pending)));
        assertEquals(partly, entries().byEnvelopeDigest(TENANT, pending.envelopeDigest()).orElseThrow());
        assertEquals(List.of(partly), entries().pending(10));
    }

    @Test
    void refusesToReplaceARecordThatIsNotStored() {
        EntryRecord pending = TckRecords.pending("ghost", T0);
        assertFalse(entries().replaceIf(pending, TckRecords.settled(pending)));
        assertEquals(0, entries().count());
        assertTrue(entries().byEnvelopeDigest(TENANT, pending.envelopeDigest()).isEmpty());
        assertTrue(entries().byUuid(TENANT, pending.uuid()).isEmpty());
    }

    @Test
    void acceptsAReplacementThatChangesNothing() {
        EntryRecord record = TckRecords.logged("same");
        entries().putIfAbsent(record);
        assertTrue(entries().replaceIf(record, record));
        assertEquals(record, entries().byEnvelopeDigest(TENANT, record.envelopeDigest()).orElseThrow());
    }

    @Test
    void letsAReplacementChangeStatusSignaturesLogsAndReceipts() {
        EntryRecord pending = TckRecords.pending("publication", T0);
        entries().putIfAbsent(pending);
        EntryRecord settled = TckRecords.settled(pending);
        EntryRecord next = new EntryRecord(settled.envelopeDigest(), settled.uuid(), EntryRecord.LOGGED_PARTIAL,
                settled.casDigest(), settled.payloadType(), settled.statementType(), settled.predicateType(),
                settled.subjects(), settled.signerKeyIds(), settled.signatures().subList(0, 1), settled.logs(),
                List.of(), settled.facts(), settled.derivedBy(), settled.createdAt(), settled.provenance());
        assertTrue(entries().replaceIf(pending, next));
        assertEquals(next, entries().byEnvelopeDigest(TENANT, pending.envelopeDigest()).orElseThrow());
    }

    /**
     * @return every field a replacement must not change, and how to change it
     */
    static Stream<Arguments> immutableFields() {
        return Stream.of(
                Arguments.of("uuid", (UnaryOperator<EntryRecord>) r -> copy(r, r.envelopeDigest(),
                        TckRecords.uuid("other", 0), r.casDigest(), r.predicateType(), r.subjects(), r.signerKeyIds(),
                        r.provenance(), r)),
                Arguments.of("envelopeDigest", (UnaryOperator<EntryRecord>) r -> copy(r, TckRecords.digest("other"),
                        r.uuid(), r.casDigest(), r.predicateType(), r.subjects(), r.signerKeyIds(), r.provenance(), r)),
                Arguments.of("casDigest", (UnaryOperator<EntryRecord>) r -> copy(r, r.envelopeDigest(), r.uuid(),
                        TckRecords.hex("other"), r.predicateType(), r.subjects(), r.signerKeyIds(), r.provenance(), r)),
                Arguments.of("predicateType", (UnaryOperator<EntryRecord>) r -> copy(r, r.envelopeDigest(),
                        r.uuid(), r.casDigest(), TckRecords.VEX, r.subjects(), r.signerKeyIds(), r.provenance(), r)),
                Arguments.of("subjects", (UnaryOperator<EntryRecord>) r -> copy(r, r.envelopeDigest(), r.uuid(),
                        r.casDigest(), r.predicateType(),
                        List.of(new Subject("pkg:oci/other", List.of(new Digest("sha256", TckRecords.hex("x"))))),
                        r.signerKeyIds(), r.provenance(), r)),
                Arguments.of("signerKeyIds", (UnaryOperator<EntryRecord>) r -> copy(r, r.envelopeDigest(), r.uuid(),
                        r.casDigest(), r.predicateType(), r.subjects(), List.of(TckRecords.keyId("mallory")),
                        r.provenance(), r)),
                Arguments.of("provenance", (UnaryOperator<EntryRecord>) r -> copy(r, r.envelopeDigest(), r.uuid(),
                        r.casDigest(), r.predicateType(), r.subjects(), r.signerKeyIds(),
                        new Provenance("POST /other", "mallory", "198.51.100.1", TENANT), r)),
                Arguments.of("tenant", (UnaryOperator<EntryRecord>) r -> copy(r, r.envelopeDigest(), r.uuid(),
                        r.casDigest(), r.predicateType(), r.subjects(), r.signerKeyIds(),
                        new Provenance(r.provenance().api(), r.provenance().principal(),
                                r.provenance().remoteAddress(), "tenant-b"), r)),
                Arguments.of("createdAt", (UnaryOperator<EntryRecord>) r -> new EntryRecord(r.envelopeDigest(),
                        r.uuid(), r.status(), r.casDigest(), r.payloadType(), r.statementType(), r.predicateType(),
                        r.subjects(), r.signerKeyIds(), r.signatures(), r.logs(), r.receipts(), r.facts(),
                        r.derivedBy(), r.createdAt().plusNanos(1), r.provenance())),
                Arguments.of("facts", (UnaryOperator<EntryRecord>) r -> new EntryRecord(r.envelopeDigest(),
                        r.uuid(), r.status(), r.casDigest(), r.payloadType(), r.statementType(), r.predicateType(),
                        r.subjects(), r.signerKeyIds(), r.signatures(), r.logs(), r.receipts(),
                        java.util.Map.of("builderId", "forged"), r.derivedBy(), r.createdAt(), r.provenance())));
    }

    private static EntryRecord copy(EntryRecord r, String digest, String uuid, String cas, String predicateType,
                                    List<Subject> subjects, List<String> signers, Provenance provenance,
                                    EntryRecord rest) {
        return new EntryRecord(digest, uuid, rest.status(), cas, rest.payloadType(), rest.statementType(),
                predicateType, subjects, signers, rest.signatures(), rest.logs(), rest.receipts(), rest.facts(),
                rest.derivedBy(), rest.createdAt(), provenance);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("immutableFields")
    void rejectsAReplacementThatChangesAnImmutableField(String field, UnaryOperator<EntryRecord> change) {
        EntryRecord pending = TckRecords.pending("immutable", T0);
        entries().putIfAbsent(pending);
        EntryRecord forged = change.apply(TckRecords.settled(pending));
        assertThrows(IllegalArgumentException.class, () -> entries().replaceIf(pending, forged), field);
        assertEquals(pending, entries().byEnvelopeDigest(TENANT, pending.envelopeDigest()).orElseThrow());
        assertEquals(List.of(pending), entries().pending(10));
    }

    @Test
    void listsOnlyPendingRecordsOldestFirst() {
        EntryRecord newer = TckRecords.pending("newer", T0.plusSeconds(60));
        EntryRecord older = TckRecords.pending("older", T0);
        EntryRecord partly = TckRecords.primaryLogged(TckRecords.pending("partly", T0.plusSeconds(30)));
        entries().putIfAbsent(newer);
        entries().putIfAbsent(TckRecords.logged("logged", T0.minusSeconds(60)));
        entries().putIfAbsent(older);
        entries().putIfAbsent(partly);
        assertEquals(List.of(older, partly, newer), entries().pending(10));
    }

    @Test
    void limitsThePendingList() {
        for (int i = 0; i < 5; i++) {
            entries().putIfAbsent(TckRecords.pending("p" + i, T0.plusSeconds(i)));
        }
        assertEquals(List.of(TckRecords.pending("p0", T0.plusSeconds(0)), TckRecords.pending("p1", T0.plusSeconds(1))),
                entries().pending(2));
    }

    @Test
    void dropsARecordFromThePendingListOnceItIsSettled() {
        EntryRecord pending = TckRecords.pending("settles", T0);
        entries().putIfAbsent(pending);
        EntryRecord partly = TckRecords.primaryLogged(pending);
        assertTrue(entries().replaceIf(pending, partly));
        assertEquals(List.of(partly), entries().pending(10));
        assertTrue(entries().replaceIf(partly, TckRecords.settled(pending)));
        assertTrue(entries().pending(10).isEmpty());
    }

    @Test
    void listsRecentRecordsNewestFirstUpToTheLimit() {
        for (int i = 0; i < 5; i++) {
            entries().putIfAbsent(TckRecords.logged("r" + i, T0.plusSeconds(i)));
        }
        assertEquals(List.of(TckRecords.logged("r4", T0.plusSeconds(4)), TckRecords.logged("r3", T0.plusSeconds(3))),
                entries().recent(TENANT, 2));
        assertEquals(5, entries().recent(TENANT, 100).size());
    }

    @Test
    void countsRecordsButNotAuditEvents() {
        entries().putIfAbsent(TckRecords.logged("a"), TckRecords.event(1));
        entries().putIfAbsent(TckRecords.logged("b"));
        audit().append(TckRecords.event(2));
        assertEquals(2, entries().count());
    }

    @Test
    void keepsRecordsAndTheirIndexesAcrossARestart() throws Exception {
        EntryRecord logged = TckRecords.logged("durable-logged", T0);
        EntryRecord pending = TckRecords.pending("durable-pending", T0.plusSeconds(1));
        entries().putIfAbsent(logged);
        entries().putIfAbsent(pending, TckRecords.event(1));
        reopen();
        assertEquals(logged, entries().byEnvelopeDigest(TENANT, logged.envelopeDigest()).orElseThrow());
        for (LogEntry e : logged.logEntries()) {
            assertEquals(logged, entries().byUuid(TENANT, e.uuid()).orElseThrow());
        }
        assertEquals(pending, entries().byUuid(TENANT, pending.signatures().get(1).uuid()).orElseThrow());
        assertEquals(List.of(pending), entries().pending(10));
        assertEquals(List.of(pending, logged), entries().recent(TENANT, 10));
        assertEquals(2, entries().count());
    }

    @Test
    void keepsAReplacementAcrossARestart() throws Exception {
        EntryRecord pending = TckRecords.pending("durable-cas", T0);
        entries().putIfAbsent(pending);
        EntryRecord settled = TckRecords.settled(pending);
        assertTrue(entries().replaceIf(pending, settled));
        reopen();
        assertEquals(settled, entries().byEnvelopeDigest(TENANT, pending.envelopeDigest()).orElseThrow());
        assertTrue(entries().pending(10).isEmpty());
    }
}
