package org.stellaops.attestor.store.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.stellaops.attestor.store.mongo.Records.TENANT;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.store.EntryCursor;
import org.stellaops.attestor.store.EntryPage;
import org.stellaops.attestor.store.EntryQuery;
import org.stellaops.attestor.store.EntryRecord;

class SearchTest extends MongoTestBase {

    private static final Comparator<EntryRecord> SEARCH_ORDER = Comparator.comparing(EntryRecord::createdAt)
            .thenComparing(EntryRecord::envelopeDigest).reversed();

    @Test
    void pagesThroughEveryRecordNewestFirstWithoutGapsOrRepeats() {
        List<EntryRecord> all = storeMany(23);
        List<EntryRecord> seen = readAll(EntryQuery.all(TENANT, 5));
        all.sort(SEARCH_ORDER);
        assertEquals(all, seen);
    }

    @Test
    void recordsCreatedInTheSameNanosecondAreOrderedByDigestDescending() {
        List<EntryRecord> same = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            same.add(store.putIfAbsent(Records.pending("tie" + i, Records.T0)).record());
        }
        same.sort(SEARCH_ORDER);
        assertEquals(same, readAll(EntryQuery.all(TENANT, 4)));
    }

    @Test
    void nanosecondsApartAreStillInOrder() {
        EntryRecord first = store.putIfAbsent(Records.pending("x", Records.T0)).record();
        EntryRecord second = store.putIfAbsent(Records.pending("y", Records.T0.plusNanos(1))).record();
        assertEquals(List.of(second, first), store.search(EntryQuery.all(TENANT, 10)).records());
    }

    @Test
    void filtersBySubjectDigestOfAnySubject() {
        List<EntryRecord> all = storeMany(6);
        assertEquals(List.of(all.get(2)), store.search(query(Records.subject("s2"), null, null)).records());
        assertEquals(6, store.search(query(Records.subject("shared"), null, null)).records().size());
        assertEquals(List.of(), store.search(query("sha256:" + Records.hex("nothing"), null, null)).records());
    }

    @Test
    void filtersByPredicateTypeSignerAndTimeTogether() {
        List<EntryRecord> all = storeMany(12);
        Instant since = all.get(2).createdAt();
        Instant until = all.get(10).createdAt();
        EntryQuery q = new EntryQuery(TENANT, null, "https://example.com/predicate/even", Records.signer("k1"), since,
                until, 100, null);
        List<EntryRecord> expected = all.stream()
                .filter(r -> r.predicateType().equals("https://example.com/predicate/even"))
                .filter(r -> r.signerKeyIds().contains(Records.signer("k1")))
                .filter(r -> !r.createdAt().isBefore(since) && r.createdAt().isBefore(until))
                .sorted(SEARCH_ORDER).toList();
        assertEquals(expected, store.search(q).records());
        assertEquals(List.of(4, 8), expected.stream().map(r -> all.indexOf(r)).sorted().toList());
    }

    @Test
    void theLastPageHasNoCursor() {
        storeMany(4);
        EntryPage first = store.search(EntryQuery.all(TENANT, 2));
        assertNotNull(first.nextCursor());
        EntryPage second = store.search(EntryQuery.all(TENANT, 2).after(first.nextCursor()));
        assertEquals(2, second.records().size());
        assertNull(second.nextCursor());
    }

    @Test
    void theCursorIsTheSharedEncodingOfTheLastRecord() {
        List<EntryRecord> all = storeMany(3);
        EntryPage first = store.search(EntryQuery.all(TENANT, 1));
        assertEquals(EntryCursor.after(all.get(2)).encode(), first.nextCursor());
    }

    @Test
    void aMalformedCursorIsRefused() {
        storeMany(1);
        assertThrows(IllegalArgumentException.class,
                () -> store.search(EntryQuery.all(TENANT, 2).after("not a cursor")));
    }

    @Test
    void queryBoundsBeyondTheStorableYearsStillWork() {
        List<EntryRecord> all = storeMany(2);
        EntryQuery q = new EntryQuery(TENANT, null, null, null, Instant.MIN, Instant.MAX, 10, null);
        assertEquals(List.of(all.get(1), all.get(0)), store.search(q).records());
    }

    private List<EntryRecord> readAll(EntryQuery first) {
        List<EntryRecord> seen = new ArrayList<>();
        EntryPage page = store.search(first);
        seen.addAll(page.records());
        while (page.nextCursor() != null) {
            page = store.search(first.after(page.nextCursor()));
            seen.addAll(page.records());
        }
        return seen;
    }

    private static EntryQuery query(String subject, String predicate, String signer) {
        return new EntryQuery(TENANT, subject, predicate, signer, null, null, 100, null);
    }

    /** Record i: seconds i after T0, predicate even/odd, signer k1 on every fourth record. */
    private List<EntryRecord> storeMany(int n) {
        List<EntryRecord> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String predicate = "https://example.com/predicate/" + (i % 2 == 0 ? "even" : "odd");
            List<String> signers = i % 4 == 0 ? List.of(Records.signer("k1"), Records.signer("k2"))
                    : List.of(Records.signer("k2"));
            all.add(store.putIfAbsent(Records.pending("s" + i, Records.T0.plusSeconds(i), predicate, signers))
                    .record());
        }
        return all;
    }
}
