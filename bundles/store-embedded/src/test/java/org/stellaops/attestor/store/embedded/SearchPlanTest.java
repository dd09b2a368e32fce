package org.stellaops.attestor.store.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stellaops.attestor.store.tck.TckRecords.T0;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.store.EntryQuery;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.tck.SearchOracle;
import org.stellaops.attestor.store.tck.TckRecords;

/** How the embedded store runs a search: which index it walks and that it never walks more than that range. */
class SearchPlanTest {

    private static final int RECORDS = 300;

    @TempDir
    Path dir;

    private EmbeddedStore store;
    private final List<EntryRecord> stored = new ArrayList<>();

    /**
     * Every record has subject "common", signer "a" and the fact tags=[common]; one in 100 also has subject, signer
     * and tag "rare".
     */
    @BeforeEach
    void fill() throws Exception {
        store = new EmbeddedStore(dir.resolve("attestor.mv"));
        for (int i = 0; i < RECORDS; i++) {
            boolean rare = i % 100 == 7;
            TckRecords.RecordBuilder b = TckRecords.record("plan-" + i).at(T0.plusSeconds(i))
                    .predicate(i % 2 == 0 ? TckRecords.SLSA : TckRecords.SPDX);
            b = rare ? b.subjects("common", "rare").signers("a", "rare").facts(Map.of("tags", List.of("common", "rare")))
                    : b.subjects("common").signers("a").facts(Map.of("tags", List.of("common")));
            stored.add(b.logged());
        }
        // many writers share group commits, which keeps the setup fast
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> writes = new ArrayList<>();
            stored.forEach(r -> writes.add(pool.submit(() -> store.putIfAbsent(r))));
            for (Future<?> w : writes) {
                w.get(1, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static EntryQuery query(String subject, String predicate, String signer, Instant since, Instant until) {
        return new EntryQuery(TckRecords.TENANT, subject, predicate, signer, since, until, 10, null);
    }

    @Test
    void walksOnlyTheKeysOfTheSubjectItLooksFor() {
        EntryQuery q = query(TckRecords.subject("rare"), null, null, null, null);
        assertEquals(new SearchIndex.Plan("search.subject", 3), store.explain(q));
        assertEquals(SearchOracle.search(stored, q), store.search(q).records());
    }

    @Test
    void walksTheRarestFilterOfACombination() {
        EntryQuery q = query(TckRecords.subject("common"), TckRecords.SPDX, TckRecords.keyId("rare"), null, null);
        assertEquals(new SearchIndex.Plan("search.signer", 3), store.explain(q));
        assertEquals(SearchOracle.search(stored, q), store.search(q).records());
    }

    @Test
    void walksOnlyTheKeysOfTheFactTermItLooksFor() {
        EntryQuery q = EntryQuery.all(TckRecords.TENANT, 10).withFacts(Map.of("tags", "rare"));
        assertEquals(new SearchIndex.Plan("search.fact", 3), store.explain(q));
        assertEquals(SearchOracle.search(stored, q), store.search(q).records());
    }

    @Test
    void walksTheRarestFactOfSeveralAndChecksTheOthersByLookup() {
        EntryQuery q = new EntryQuery(TckRecords.TENANT, TckRecords.subject("common"), null, null, null, null,
                Map.of("tags", "common", "unknown", "x"), 10, null);
        assertEquals(new SearchIndex.Plan("search.fact", 0), store.explain(q));
        assertEquals(List.of(), store.search(q).records());
        EntryQuery common = query(TckRecords.subject("common"), null, null, null, null)
                .withFacts(Map.of("tags", "common"));
        assertEquals(new SearchIndex.Plan("search.subject", RECORDS), store.explain(common));
        assertEquals(SearchOracle.search(stored, common).subList(0, 10), store.search(common).records());
    }

    @Test
    void keepsAFactTermThatContainsTheSeparatorApartFromItsPrefix() {
        EntryRecord plain = TckRecords.record("plain-fact").facts(Map.of("name", "x")).logged();
        String tricky = "x" + IndexKeys.SEPARATOR + IndexKeys.time(T0) + IndexKeys.SEPARATOR;
        EntryRecord other = TckRecords.record("tricky-fact").facts(Map.of("name", tricky)).logged();
        store.putIfAbsent(plain);
        store.putIfAbsent(other);
        assertEquals(List.of(plain), store.search(EntryQuery.all(TckRecords.TENANT, 10)
                .withFacts(Map.of("name", "x"))).records());
        assertEquals(List.of(other), store.search(EntryQuery.all(TckRecords.TENANT, 10)
                .withFacts(Map.of("name", tricky))).records());
    }

    @Test
    void countsOnlyTheKeysInsideTheTimeWindow() {
        EntryQuery q = query(TckRecords.subject("common"), null, null, T0.plusSeconds(100), T0.plusSeconds(110));
        assertEquals(new SearchIndex.Plan("search.subject", 10), store.explain(q));
        assertEquals(SearchOracle.search(stored, q), store.search(q).records());
    }

    @Test
    void walksTheTimeIndexWithoutOtherFilters() {
        EntryQuery q = query(null, null, null, T0.plusSeconds(250), null);
        assertEquals(new SearchIndex.Plan("search.time", 50), store.explain(q));
        assertEquals(SearchOracle.search(stored, q).subList(0, 10), store.search(q).records());
    }

    @Test
    void startsTheWalkBelowTheCursor() {
        EntryQuery first = query(null, null, TckRecords.keyId("a"), null, null);
        String cursor = store.search(first).nextCursor();
        assertEquals(new SearchIndex.Plan("search.signer", RECORDS - 10), store.explain(first.after(cursor)));
    }

    @Test
    void walksOnlyTheKeysOfTheSearchingTenant() {
        for (int i = 0; i < 4; i++) {
            store.putIfAbsent(TckRecords.record("plan-" + i).tenant("tenant-b").at(T0.plusSeconds(i))
                    .subjects("common").signers("a").logged());
        }
        EntryQuery bySubject = new EntryQuery("tenant-b", TckRecords.subject("common"), null, null, null, null, 10,
                null);
        assertEquals(new SearchIndex.Plan("search.subject", 4), store.explain(bySubject));
        assertEquals(new SearchIndex.Plan("search.time", 4), store.explain(EntryQuery.all("tenant-b", 10)));
        assertEquals(new SearchIndex.Plan("search.time", RECORDS), store.explain(EntryQuery.all(TckRecords.TENANT,
                10)));
    }

    @Test
    void keepsAValueThatContainsTheSeparatorApartFromItsPrefix() {
        EntryRecord plain = TckRecords.record("plain").predicate("urn:x").logged();
        String tricky = "urn:x" + IndexKeys.SEPARATOR + IndexKeys.time(T0) + IndexKeys.SEPARATOR;
        EntryRecord other = TckRecords.record("tricky").predicate(tricky).logged();
        store.putIfAbsent(plain);
        store.putIfAbsent(other);
        assertEquals(List.of(plain), store.search(query(null, "urn:x", null, null, null)).records());
        assertEquals(List.of(other), store.search(query(null, tricky, null, null, null)).records());
    }

    @Test
    void ordersTimesBeforeTheEpochAndByNanosecond() {
        List<Instant> times = List.of(Instant.parse("1969-12-31T23:59:59.999999999Z"), Instant.EPOCH,
                Instant.EPOCH.plusNanos(1), Instant.parse("2026-01-01T00:00:00Z"), Instant.MIN, Instant.MAX);
        List<Instant> sorted = times.stream().sorted().toList();
        List<String> keys = sorted.stream().map(IndexKeys::time).toList();
        assertEquals(keys.stream().sorted().toList(), keys);
    }
}
