package org.stellaops.attestor.store.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stellaops.attestor.store.mongo.Records.TENANT;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.store.EntryQuery;
import org.stellaops.attestor.store.EntryRecord;

/**
 * Prints rough single-thread throughput against mongo-java-server (in-memory backend, over TCP). For orientation
 * only: it asserts nothing about time, and the test server says little about a real replica set.
 */
class ThroughputReportTest extends MongoTestBase {

    private static final int N = 1000;

    @Test
    void printsInsertAndLookupRates() {
        List<EntryRecord> records = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            records.add(Records.pending("t" + i, Records.T0.plusMillis(i)));
        }
        for (int i = 0; i < 200; i++) {
            store.byEnvelopeDigest(TENANT, Records.digest("warm" + i));
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < N; i++) {
            store.putIfAbsent(records.get(i), Records.event(i));
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < N; i++) {
            store.byEnvelopeDigest(TENANT, records.get(i).envelopeDigest()).orElseThrow();
        }
        long t2 = System.nanoTime();
        for (int i = 0; i < N; i++) {
            store.byUuid(TENANT, Records.uuid("t" + i, 1, "primary")).orElseThrow();
        }
        long t3 = System.nanoTime();
        int pages = 100;
        for (int i = 0; i < pages; i++) {
            store.search(new EntryQuery(TENANT, Records.subject("t" + (i * 7)), null, null, null, null, 20, null));
        }
        long t4 = System.nanoTime();
        MongoCollection<Document> plain = raw().getCollection("baseline");
        for (int i = 0; i < N; i++) {
            plain.insertOne(new Document("_id", "k" + i).append("v", i));
        }
        long t5 = System.nanoTime();
        for (int i = 0; i < N; i++) {
            plain.find(Filters.eq("_id", "k" + i)).first();
        }
        long t6 = System.nanoTime();
        assertEquals(N, store.eventCount());
        System.out.printf(Locale.ROOT, "store-mongo vs mongo-java-server (memory, TCP, 1 thread, %d records): "
                        + "putIfAbsent+audit %.0f/s, byEnvelopeDigest %.0f/s, byUuid %.0f/s, "
                        + "search by subject %.0f pages/s; baseline, plain driver on a tiny document: insertOne %.0f/s, "
                        + "find by _id %.0f/s%n",
                N, rate(N, t0, t1), rate(N, t1, t2), rate(N, t2, t3), rate(pages, t3, t4), rate(N, t4, t5),
                rate(N, t5, t6));
    }

    private static double rate(int n, long from, long to) {
        return n / ((to - from) / 1e9);
    }
}
