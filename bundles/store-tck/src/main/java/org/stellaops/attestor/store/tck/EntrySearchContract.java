package org.stellaops.attestor.store.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stellaops.attestor.store.tck.TckRecords.SLSA;
import static org.stellaops.attestor.store.tck.TckRecords.SPDX;
import static org.stellaops.attestor.store.tck.TckRecords.T0;
import static org.stellaops.attestor.store.tck.TckRecords.TENANT;
import static org.stellaops.attestor.store.tck.TckRecords.VEX;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.store.EntryCursor;
import org.stellaops.attestor.store.EntryPage;
import org.stellaops.attestor.store.EntryQuery;
import org.stellaops.attestor.store.EntryRecord;

/**
 * {@link org.stellaops.attestor.store.EntryStore#search(EntryQuery)}: every filter alone and combined, the total
 * order (createdAt descending, then envelope digest descending) and cursor paging. Expectations come from
 * {@link SearchOracle}, which filters and sorts the records in memory.
 */
public abstract class EntrySearchContract extends StoreContract {

    /** Records per creation instant in {@link #corpus()}: equal createdAt values are the hard case of the order. */
    private static final int SAME_INSTANT = 4;
    private static final int CORPUS = 40;

    /**
     * A corpus of {@value #CORPUS} records: four per creation second, three predicate types, subjects {@code app-0}
     * to {@code app-4} (and {@code shared} on every other record), signers a to d alone or in pairs, half pending.
     *
     * @return the records, in insertion order (not the search order)
     */
    protected static List<EntryRecord> corpus() {
        return corpus(TENANT);
    }

    /**
     * The corpus of {@link #corpus()} stored by another tenant: the same envelopes, so the same filters match.
     *
     * @param tenant the tenant of every record
     * @return the records, in insertion order (not the search order)
     */
    protected static List<EntryRecord> corpus(String tenant) {
        List<EntryRecord> records = new ArrayList<>();
        String[] predicates = {SLSA, SPDX, VEX};
        String[][] signers = {{"a"}, {"a", "b"}, {"c"}, {"b", "d"}};
        for (int i = 0; i < CORPUS; i++) {
            // insertion order deliberately differs from creation order
            int n = (i * 7) % CORPUS;
            TckRecords.RecordBuilder b = TckRecords.record("s" + n).at(T0.plusSeconds(n / SAME_INSTANT))
                    .predicate(predicates[n % 3]).signers(signers[n % 4]).tenant(tenant);
            b = n % 2 == 0 ? b.subjects("app-" + (n % 5), "shared") : b.subjects("app-" + (n % 5));
            records.add(n % 3 == 0 ? b.pending() : b.logged());
        }
        return records;
    }

    private List<EntryRecord> storeCorpus() {
        List<EntryRecord> records = corpus();
        records.forEach(entries()::putIfAbsent);
        return records;
    }

    private static EntryQuery query(String subject, String predicate, String signer, Instant since, Instant until,
                                    int limit) {
        return new EntryQuery(TENANT, subject, predicate, signer, since, until, limit, null);
    }

    /** Pages through a search to its end, checking page sizes and that the paging terminates. */
    protected List<EntryRecord> searchAll(EntryQuery first) {
        List<EntryRecord> all = new ArrayList<>();
        EntryQuery q = first;
        for (int pages = 0; pages <= CORPUS * 2 + 2; pages++) {
            EntryPage page = entries().search(q);
            assertTrue(page.records().size() <= q.limit(), "page larger than its limit");
            all.addAll(page.records());
            if (page.nextCursor() == null) {
                return all;
            }
            assertEquals(q.limit(), page.records().size(), "a short page must be the last one");
            q = q.after(page.nextCursor());
        }
        throw new AssertionError("paging did not end");
    }

    private void assertSearch(List<EntryRecord> stored, EntryQuery q) {
        List<EntryRecord> expected = SearchOracle.search(stored, q);
        assertFalse(expected.isEmpty(), "the corpus must make this query non-trivial");
        assertEquals(expected, entries().search(q.after(null)).records());
    }

    @Test
    void findsRecordsBySubjectDigest() {
        List<EntryRecord> stored = storeCorpus();
        assertSearch(stored, query(TckRecords.subject("app-1"), null, null, null, null, 100));
    }

    @Test
    void findsARecordByAnyOfItsSubjects() {
        List<EntryRecord> stored = storeCorpus();
        assertSearch(stored, query(TckRecords.subject("shared"), null, null, null, null, 100));
        assertEquals(CORPUS / 2, entries().search(query(TckRecords.subject("shared"), null, null, null, null, 100))
                .records().size());
    }

    @Test
    void findsARecordByAnyDigestOfASubject() {
        List<EntryRecord> stored = storeCorpus();
        EntryRecord r = stored.get(0);
        String sha512 = r.subjects().get(0).digests().get(1).toString();
        assertTrue(sha512.startsWith("sha512:"));
        EntryQuery q = query(sha512, null, null, null, null, 100);
        assertTrue(SearchOracle.search(stored, q).contains(r));
        assertSearch(stored, q);
    }

    @Test
    void matchesTheDigestAlgorithmAsWellAsTheValue() {
        storeCorpus();
        String otherAlgorithm = "sha384:" + TckRecords.subjectDigest("app-1").hex();
        assertEquals(List.of(), entries().search(query(otherAlgorithm, null, null, null, null, 10)).records());
    }

    @Test
    void findsRecordsByPredicateType() {
        List<EntryRecord> stored = storeCorpus();
        assertSearch(stored, query(null, SPDX, null, null, null, 100));
    }

    @Test
    void findsRecordsBySignerKeyId() {
        List<EntryRecord> stored = storeCorpus();
        assertSearch(stored, query(null, null, TckRecords.keyId("b"), null, null, 100));
    }

    @Test
    void findsRecordsCreatedAtOrAfterSince() {
        List<EntryRecord> stored = storeCorpus();
        EntryQuery q = query(null, null, null, T0.plusSeconds(7), null, 100);
        assertSearch(stored, q);
        List<EntryRecord> found = entries().search(q).records();
        assertEquals(T0.plusSeconds(7), found.get(found.size() - 1).createdAt(), "since is inclusive");
    }

    @Test
    void findsRecordsCreatedBeforeUntil() {
        List<EntryRecord> stored = storeCorpus();
        EntryQuery q = query(null, null, null, null, T0.plusSeconds(3), 100);
        assertSearch(stored, q);
        assertEquals(T0.plusSeconds(2), entries().search(q).records().get(0).createdAt(), "until is exclusive");
    }

    @Test
    void findsRecordsInATimeWindowWithNanosecondBounds() {
        List<EntryRecord> stored = storeCorpus();
        assertSearch(stored, query(null, null, null, T0.plusSeconds(2).minusNanos(1), T0.plusSeconds(4).plusNanos(1),
                100));
    }

    @Test
    void combinesSubjectAndSigner() {
        List<EntryRecord> stored = storeCorpus();
        assertSearch(stored, query(TckRecords.subject("shared"), null, TckRecords.keyId("a"), null, null, 100));
    }

    @Test
    void combinesPredicateTypeAndTimeWindow() {
        List<EntryRecord> stored = storeCorpus();
        assertSearch(stored, query(null, VEX, null, T0.plusSeconds(2), T0.plusSeconds(8), 100));
    }

    @Test
    void combinesEveryFilter() {
        List<EntryRecord> stored = storeCorpus();
        assertSearch(stored, query(TckRecords.subject("shared"), SLSA, TckRecords.keyId("c"), T0.plusSeconds(1),
                T0.plusSeconds(9), 100));
    }

    @Test
    void findsNothingForAnUnknownSubject() {
        storeCorpus();
        EntryPage page = entries().search(query(TckRecords.subject("unknown"), null, null, null, null, 10));
        assertEquals(List.of(), page.records());
        assertNull(page.nextCursor());
    }

    @Test
    void findsNothingWhenFiltersMatchOnlySeparately() {
        storeCorpus();
        // "shared" is on even seeds only, signer d on odd seeds only
        EntryQuery shared = query(TckRecords.subject("shared"), null, null, null, null, 10);
        EntryQuery signerD = query(null, null, TckRecords.keyId("d"), null, null, 10);
        assertFalse(entries().search(shared).records().isEmpty());
        assertFalse(entries().search(signerD).records().isEmpty());
        EntryPage both = entries().search(query(TckRecords.subject("shared"), null, TckRecords.keyId("d"), null,
                null, 10));
        assertEquals(List.of(), both.records());
        assertNull(both.nextCursor());
    }

    @Test
    void ordersByCreationTimeThenDigestBothDescending() {
        List<EntryRecord> stored = storeCorpus();
        List<EntryRecord> all = entries().search(EntryQuery.all(TENANT, 100)).records();
        assertEquals(SearchOracle.search(stored, EntryQuery.all(TENANT, 100)), all);
        for (int i = 1; i < all.size(); i++) {
            EntryRecord before = all.get(i - 1);
            EntryRecord after = all.get(i);
            assertTrue(before.createdAt().isAfter(after.createdAt())
                    || before.createdAt().equals(after.createdAt())
                    && before.envelopeDigest().compareTo(after.envelopeDigest()) > 0, "order at " + i);
        }
    }

    @Test
    void pagesThroughEveryRecordExactlyOnceInOrder() {
        List<EntryRecord> stored = storeCorpus();
        // 3 does not divide the 4 records of a creation instant, so pages end inside groups of equal createdAt
        List<EntryRecord> paged = searchAll(EntryQuery.all(TENANT, 3));
        assertEquals(SearchOracle.search(stored, EntryQuery.all(TENANT, 100)), paged);
        assertEquals(CORPUS, new HashSet<>(paged).size());
    }

    @Test
    void pagesThroughAFilteredSearchExactlyOnceInOrder() {
        List<EntryRecord> stored = storeCorpus();
        EntryQuery q = query(TckRecords.subject("shared"), null, null, null, null, 3);
        assertEquals(SearchOracle.search(stored, q), searchAll(q));
        EntryQuery bySigner = query(null, null, TckRecords.keyId("b"), T0.plusSeconds(1), null, 2);
        assertEquals(SearchOracle.search(stored, bySigner), searchAll(bySigner));
    }

    @Test
    void keepsLaterPagesRightWhenRecordsAreInsertedAfterTheFirstPage() {
        List<EntryRecord> stored = new ArrayList<>(storeCorpus());
        EntryPage first = entries().search(EntryQuery.all(TENANT, 6));
        assertNotNull(first.nextCursor());
        EntryRecord last = first.records().get(first.records().size() - 1);
        List<EntryRecord> added = List.of(
                TckRecords.logged("late-newest", T0.plusSeconds(100)),
                TckRecords.logged("late-same-instant-a", last.createdAt()),
                TckRecords.logged("late-same-instant-b", last.createdAt()),
                TckRecords.logged("late-oldest", T0.minusSeconds(100)));
        added.forEach(entries()::putIfAbsent);
        stored.addAll(added);
        EntryCursor cursor = EntryCursor.after(last);
        List<EntryRecord> expectedRest = SearchOracle.search(stored, EntryQuery.all(TENANT, 100)).stream()
                .filter(cursor::precedes).toList();
        assertEquals(expectedRest, searchAll(EntryQuery.all(TENANT, 6).after(first.nextCursor())));
    }

    @Test
    void acceptsTheSharedCursorEncoding() {
        List<EntryRecord> stored = storeCorpus();
        List<EntryRecord> all = SearchOracle.search(stored, EntryQuery.all(TENANT, 100));
        String cursor = EntryCursor.after(all.get(9)).encode();
        assertEquals(all.subList(10, 15), entries().search(EntryQuery.all(TENANT, 5).after(cursor)).records());
    }

    @Test
    void rejectsAMalformedCursor() {
        storeCorpus();
        String notBase64 = "%%% not a cursor";
        String wrongContent = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("hello|world".getBytes(StandardCharsets.UTF_8));
        assertThrows(IllegalArgumentException.class, () -> entries().search(EntryQuery.all(TENANT, 5).after(notBase64)));
        assertThrows(IllegalArgumentException.class, () -> entries().search(EntryQuery.all(TENANT, 5).after(wrongContent)));
    }

    @Test
    void endsWithoutACursorWhenNoMoreRecordsFollow() {
        storeCorpus();
        EntryPage page = entries().search(query(null, SPDX, null, null, null, 100));
        assertNull(page.nextCursor());
        assertTrue(page.records().size() < 100);
    }

    @Test
    void givesACursorWhenMoreRecordsFollow() {
        storeCorpus();
        EntryPage page = entries().search(EntryQuery.all(TENANT, 1));
        assertEquals(1, page.records().size());
        assertNotNull(page.nextCursor());
    }

    @Test
    void returnsAtMostTheLimit() {
        storeCorpus();
        assertEquals(7, entries().search(EntryQuery.all(TENANT, 7)).records().size());
        assertEquals(CORPUS, entries().search(EntryQuery.all(TENANT, EntryQuery.MAX_LIMIT)).records().size());
    }

    @Test
    void refusesLimitsOutsideOneToTheMaximum() {
        assertThrows(IllegalArgumentException.class, () -> EntryQuery.all(TENANT, 0));
        assertThrows(IllegalArgumentException.class, () -> EntryQuery.all(TENANT, EntryQuery.MAX_LIMIT + 1));
    }

    @Test
    void findsNothingInAnEmptyStore() {
        EntryPage page = entries().search(EntryQuery.all(TENANT, 10));
        assertEquals(List.of(), page.records());
        assertNull(page.nextCursor());
    }

    @Test
    void returnsTheCurrentVersionOfAReplacedRecord() {
        EntryRecord pending = TckRecords.record("replaced").subjects("replaced-app").pending();
        entries().putIfAbsent(pending);
        EntryRecord settled = TckRecords.settled(pending);
        assertTrue(entries().replaceIf(pending, settled));
        assertEquals(List.of(settled),
                entries().search(query(TckRecords.subject("replaced-app"), null, null, null, null, 10)).records());
    }

    @Test
    void keepsTheSearchIndexesAcrossARestart() throws Exception {
        List<EntryRecord> stored = storeCorpus();
        reopen();
        EntryQuery q = query(TckRecords.subject("shared"), null, TckRecords.keyId("b"), null, null, 2);
        assertEquals(SearchOracle.search(stored, q), searchAll(q));
        assertEquals(SearchOracle.search(stored, EntryQuery.all(TENANT, 100)), searchAll(EntryQuery.all(TENANT, 7)));
    }
}
