package org.stellaops.attestor.store.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stellaops.attestor.store.tck.TckRecords.SLSA;
import static org.stellaops.attestor.store.tck.TckRecords.SPDX;
import static org.stellaops.attestor.store.tck.TckRecords.T0;
import static org.stellaops.attestor.store.tck.TckRecords.TENANT;
import static org.stellaops.attestor.store.tck.TckRecords.VEX;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.store.EntryPage;
import org.stellaops.attestor.store.EntryQuery;
import org.stellaops.attestor.store.EntryRecord;

/**
 * {@link EntryQuery#facts()} (store contract 5.1): a fact matches when it is a scalar whose string form equals the
 * value or a list holding such an element; several facts must all match; exact and case-sensitive; a dotted name is
 * one key, never a path; combined with every other filter and with cursor paging; within the tenant only.
 * Expectations come from {@link SearchOracle}, which spells the rule out independently of the stores' shared helper.
 */
public abstract class EntryFactSearchContract extends StoreContract {

    private static final int CORPUS = 24;
    private static final String FORMAT = "sbom.format";
    private static final String COMPONENTS = "sbom.components";
    private static final String CVES = "vex.cves";
    private static final String CLEAN = "scan.clean";
    private static final String SCORE = "policy.score";

    /**
     * The facts of corpus record {@code n}: a string, an integer, a list, a boolean and a decimal that vary with
     * {@code n}, a name that extends another one, and a nested map (which no search matches).
     *
     * @param n the record's number
     * @return its facts
     */
    protected static Map<String, Object> facts(int n) {
        Map<String, Object> facts = new HashMap<>();
        facts.put(FORMAT, n % 2 == 0 ? "CycloneDX" : "SPDX");
        facts.put("sbom.formatVersion", n % 2 == 0 ? "1.5" : "2.3");
        // an Integer: stores read small whole numbers back as Integer, and a record must equal itself after that
        facts.put(COMPONENTS, n % 5);
        facts.put(CVES, List.of("CVE-2026-" + (1000 + n % 4), "CVE-2026-" + (1000 + (n + 1) % 4)));
        facts.put(CLEAN, n % 3 == 0);
        facts.put(SCORE, new BigDecimal(n % 2 == 0 ? "0.250" : "0.750"));
        facts.put("slsa", Map.of("builder", "runner-" + n % 2));
        return facts;
    }

    /**
     * {@value #CORPUS} records of one tenant: three per creation instant, three predicate types, subjects
     * {@code app-0} to {@code app-2}, signers a/b, inserted out of creation order, with the {@link #facts(int)} of
     * their number.
     *
     * @param tenant the tenant of every record
     * @return the records in insertion order
     */
    protected static List<EntryRecord> corpus(String tenant) {
        List<EntryRecord> records = new ArrayList<>();
        String[] predicates = {SLSA, SPDX, VEX};
        for (int i = 0; i < CORPUS; i++) {
            int n = (i * 5) % CORPUS;
            TckRecords.RecordBuilder b = TckRecords.record("fact-" + n).tenant(tenant)
                    .at(T0.plusSeconds(n / 3)).predicate(predicates[n % 3]).subjects("app-" + n % 3)
                    .signers(n % 2 == 0 ? new String[] {"a"} : new String[] {"b"}).facts(facts(n));
            records.add(n % 4 == 0 ? b.pending() : b.logged());
        }
        return records;
    }

    private List<EntryRecord> storeCorpus() {
        List<EntryRecord> records = corpus(TENANT);
        records.forEach(entries()::putIfAbsent);
        return records;
    }

    private static EntryQuery byFacts(Map<String, String> facts) {
        return EntryQuery.all(TENANT, 100).withFacts(facts);
    }

    private void assertSearch(List<EntryRecord> stored, EntryQuery q) {
        List<EntryRecord> expected = SearchOracle.search(stored, q);
        assertFalse(expected.isEmpty(), "the corpus must make this query non-trivial");
        assertEquals(expected, entries().search(q).records());
    }

    private void assertNothing(EntryQuery q) {
        EntryPage page = entries().search(q);
        assertEquals(List.of(), page.records(), q.facts().toString());
        assertNull(page.nextCursor());
    }

    private List<EntryRecord> searchAll(EntryQuery first) {
        List<EntryRecord> all = new ArrayList<>();
        EntryQuery q = first;
        for (int pages = 0; pages <= CORPUS + 2; pages++) {
            EntryPage page = entries().search(q);
            assertTrue(page.records().size() <= q.limit(), "page larger than its limit");
            all.addAll(page.records());
            if (page.nextCursor() == null) {
                return all;
            }
            q = q.after(page.nextCursor());
        }
        throw new AssertionError("paging did not end");
    }

    @Test
    void declaresThatItSearchesFacts() {
        assertTrue(entries().searchesFacts());
    }

    @Test
    void findsRecordsByAStringFact() {
        List<EntryRecord> stored = storeCorpus();
        assertSearch(stored, byFacts(Map.of(FORMAT, "CycloneDX")));
        assertEquals(CORPUS / 2, entries().search(byFacts(Map.of(FORMAT, "SPDX"))).records().size());
    }

    @Test
    void matchesExactlyAndCaseSensitively() {
        storeCorpus();
        assertNothing(byFacts(Map.of(FORMAT, "cyclonedx")));
        assertNothing(byFacts(Map.of(FORMAT, "CycloneD")));
        assertNothing(byFacts(Map.of(FORMAT, "CycloneDX ")));
        assertNothing(byFacts(Map.of("SBOM.FORMAT", "CycloneDX")));
    }

    @Test
    void findsRecordsByAnIntegerFactInPlainDecimal() {
        List<EntryRecord> stored = storeCorpus();
        assertSearch(stored, byFacts(Map.of(COMPONENTS, "3")));
        assertNothing(byFacts(Map.of(COMPONENTS, "3.0")));
        assertNothing(byFacts(Map.of(COMPONENTS, "03")));
    }

    @Test
    void findsRecordsByABooleanFact() {
        List<EntryRecord> stored = storeCorpus();
        assertSearch(stored, byFacts(Map.of(CLEAN, "true")));
        assertSearch(stored, byFacts(Map.of(CLEAN, "false")));
        assertNothing(byFacts(Map.of(CLEAN, "TRUE")));
    }

    @Test
    void findsRecordsByADecimalFactAsItWasWritten() {
        List<EntryRecord> stored = storeCorpus();
        assertSearch(stored, byFacts(Map.of(SCORE, "0.250")));
        assertNothing(byFacts(Map.of(SCORE, "0.25")));
    }

    @Test
    void findsRecordsWhoseListFactContainsTheValue() {
        List<EntryRecord> stored = storeCorpus();
        assertSearch(stored, byFacts(Map.of(CVES, "CVE-2026-1002")));
        // every record lists two of the four ids: the one of its number and the next
        assertEquals(CORPUS / 2, entries().search(byFacts(Map.of(CVES, "CVE-2026-1002"))).records().size());
        assertNothing(byFacts(Map.of(CVES, "CVE-2026-10")));
    }

    @Test
    void requiresEveryFactToMatch() {
        List<EntryRecord> stored = storeCorpus();
        assertSearch(stored, byFacts(Map.of(FORMAT, "CycloneDX", CVES, "CVE-2026-1001")));
        assertSearch(stored, byFacts(Map.of(CVES, "CVE-2026-1001", CLEAN, "true", COMPONENTS, "4")));
        // both list elements of one record: ids n % 4 and n % 4 + 1
        assertSearch(stored, byFacts(Map.of(CVES, "CVE-2026-1001", "sbom.formatVersion", "2.3")));
    }

    @Test
    void findsNothingWhenTheFactsMatchOnlySeparately() {
        storeCorpus();
        // even numbers are CycloneDX with score 0.250; odd ones SPDX with 0.750
        assertFalse(entries().search(byFacts(Map.of(FORMAT, "CycloneDX"))).records().isEmpty());
        assertFalse(entries().search(byFacts(Map.of(SCORE, "0.750"))).records().isEmpty());
        assertNothing(byFacts(Map.of(FORMAT, "CycloneDX", SCORE, "0.750")));
    }

    @Test
    void findsNothingForAnUnknownFactOrValue() {
        storeCorpus();
        assertNothing(byFacts(Map.of("sbom.unknown", "CycloneDX")));
        assertNothing(byFacts(Map.of(FORMAT, "CSAF")));
    }

    @Test
    void treatsADottedNameAsOneKeyNeverAsAPath() {
        EntryRecord flat = TckRecords.record("flat").facts(Map.of("scan.severity", "high")).logged();
        EntryRecord nested = TckRecords.record("nested").facts(Map.of("scan", Map.of("severity", "high"))).logged();
        EntryRecord longer = TckRecords.record("longer").facts(Map.of("scan.severityMax", "high")).logged();
        List.of(flat, nested, longer).forEach(entries()::putIfAbsent);
        assertEquals(List.of(flat), entries().search(byFacts(Map.of("scan.severity", "high"))).records());
        assertNothing(byFacts(Map.of("slsa.builder", "runner-0")));
        assertNothing(byFacts(Map.of("scan", "high")));
    }

    @Test
    void matchesNamesAndValuesWithCharactersThatAStoreMightTreatSpecially() {
        Map<String, Object> facts = Map.of(
                "$where", "1 == 1",
                "purl", List.of("pkg:npm/%40scope/name@1.0.0?arch=x86#sub/path", "a|b", "a\\b", "\"quoted\""),
                "naïve.ünïcode", "日本語 ✓",
                "dots.and.$dollars.", ".leading.dot");
        EntryRecord special = TckRecords.record("special").facts(facts).logged();
        entries().putIfAbsent(special);
        for (Map<String, String> q : List.of(Map.of("$where", "1 == 1"),
                Map.of("purl", "pkg:npm/%40scope/name@1.0.0?arch=x86#sub/path"), Map.of("purl", "a|b"),
                Map.of("purl", "a\\b"), Map.of("purl", "\"quoted\""), Map.of("naïve.ünïcode", "日本語 ✓"),
                Map.of("dots.and.$dollars.", ".leading.dot"))) {
            assertEquals(List.of(special), entries().search(byFacts(q)).records(), q.toString());
        }
        assertNothing(byFacts(Map.of("purl", "a")));
        assertNothing(byFacts(Map.of("$where", "1 == 2")));
    }

    @Test
    void findsARecordByAnyElementOfALongList() {
        List<String> ids = IntStream.range(0, 2000).mapToObj(i -> "pkg:maven/org.example/lib-" + i + "@1.0").toList();
        EntryRecord big = TckRecords.record("big").facts(Map.of("sbom.purls", ids, FORMAT, "CycloneDX")).logged();
        EntryRecord other = TckRecords.record("other").facts(Map.of("sbom.purls", List.of(ids.get(7)))).logged();
        entries().putIfAbsent(big);
        entries().putIfAbsent(other);
        assertEquals(List.of(big), entries().search(byFacts(Map.of("sbom.purls", ids.get(1999)))).records());
        assertEquals(List.of(big), entries().search(byFacts(Map.of("sbom.purls", ids.get(0)))).records());
        assertEquals(SearchOracle.search(List.of(big, other), byFacts(Map.of("sbom.purls", ids.get(7)))),
                entries().search(byFacts(Map.of("sbom.purls", ids.get(7)))).records());
    }

    @Test
    void findsAValueOfTheLongestSearchableLength() {
        String longest = "v".repeat(1023) + "!";
        EntryRecord record = TckRecords.record("longest").facts(Map.of("n".repeat(128), longest)).logged();
        entries().putIfAbsent(record);
        assertEquals(List.of(record), entries().search(byFacts(Map.of("n".repeat(128), longest))).records());
    }

    @Test
    void combinesFactsWithPredicateTypeSubjectSignerAndTimeWindow() {
        List<EntryRecord> stored = storeCorpus();
        assertSearch(stored, new EntryQuery(TENANT, null, SPDX, null, null, null, Map.of(FORMAT, "CycloneDX"), 100,
                null));
        assertSearch(stored, new EntryQuery(TENANT, TckRecords.subject("app-1"), null, TckRecords.keyId("b"), null,
                null, Map.of(CVES, "CVE-2026-1000"), 100, null));
        assertSearch(stored, new EntryQuery(TENANT, null, null, null, T0.plusSeconds(2), T0.plusSeconds(6),
                Map.of(CLEAN, "false"), 100, null));
        assertSearch(stored, new EntryQuery(TENANT, TckRecords.subject("app-0"), SLSA, TckRecords.keyId("b"),
                T0.plusSeconds(1), T0.plusSeconds(8), Map.of(FORMAT, "SPDX", COMPONENTS, "0"), 100, null));
    }

    @Test
    void pagesThroughAFactSearchExactlyOnceInOrder() {
        List<EntryRecord> stored = storeCorpus();
        // pages of 2 end inside the groups of three records created at the same instant
        EntryQuery byFormat = EntryQuery.all(TENANT, 2).withFacts(Map.of(FORMAT, "CycloneDX"));
        assertEquals(SearchOracle.search(stored, byFormat), searchAll(byFormat));
        EntryQuery withType = new EntryQuery(TENANT, null, SLSA, null, null, null, Map.of(CVES, "CVE-2026-1001"),
                1, null);
        List<EntryRecord> expected = SearchOracle.search(stored, withType);
        assertTrue(expected.size() > 2, "several pages");
        List<EntryRecord> paged = searchAll(withType);
        assertEquals(expected, paged);
        assertEquals(paged.size(), new HashSet<>(paged).size());
    }

    @Test
    void neverFindsAnotherTenantsRecordsByFact() {
        List<EntryRecord> stored = new ArrayList<>(storeCorpus());
        List<EntryRecord> ofB = corpus("tenant-b");
        ofB.forEach(entries()::putIfAbsent);
        stored.addAll(ofB);
        EntryRecord onlyB = TckRecords.record("only-b").tenant("tenant-b").facts(Map.of(FORMAT, "CSAF")).logged();
        entries().putIfAbsent(onlyB);
        stored.add(onlyB);
        for (String tenant : List.of(TENANT, "tenant-b")) {
            EntryQuery q = EntryQuery.all(tenant, 3).withFacts(Map.of(FORMAT, "CycloneDX"));
            List<EntryRecord> found = searchAll(q);
            assertEquals(SearchOracle.search(stored, q), found, tenant);
            assertTrue(found.stream().allMatch(r -> r.tenant().equals(tenant)), tenant);
        }
        assertNothing(byFacts(Map.of(FORMAT, "CSAF")));
        assertEquals(List.of(onlyB),
                entries().search(EntryQuery.all("tenant-b", 10).withFacts(Map.of(FORMAT, "CSAF"))).records());
    }

    @Test
    void keepsFindingARecordByItsFactsAfterItIsReplaced() {
        EntryRecord pending = TckRecords.record("replaced").facts(Map.of(FORMAT, "CycloneDX")).pending();
        entries().putIfAbsent(pending);
        EntryRecord settled = TckRecords.settled(pending);
        assertTrue(entries().replaceIf(pending, settled));
        assertEquals(List.of(settled), entries().search(byFacts(Map.of(FORMAT, "CycloneDX"))).records());
    }

    @Test
    void keepsTheFactIndexAcrossARestart() throws Exception {
        List<EntryRecord> stored = storeCorpus();
        reopen();
        EntryQuery q = EntryQuery.all(TENANT, 2).withFacts(Map.of(CVES, "CVE-2026-1003", FORMAT, "SPDX"));
        assertEquals(SearchOracle.search(stored, q), searchAll(q));
        assertFalse(SearchOracle.search(stored, q).isEmpty());
    }
}
