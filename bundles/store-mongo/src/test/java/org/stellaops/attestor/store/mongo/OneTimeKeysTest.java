package org.stellaops.attestor.store.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.testing.MutableClock;

/**
 * What the contract leaves to the MongoDB store: the document layout, the TTL index, expiry by the worker's clock at
 * millisecond grain, and the conditional re-claim, with two workers interleaved step by step.
 */
class OneTimeKeysTest extends MongoTestBase {

    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");
    private static final String NS = "dpop.jti";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T);

    private MongoStore workerAt(MutableClock workerClock) {
        MongoStore s = server.store(database, Map.of(), workerClock);
        // closed with the others after the test
        return track(s);
    }

    private MongoCollection<Document> keys() {
        return raw().getCollection("one_time_keys");
    }

    @Test
    void storesEachKeyUnderItsNamespaceWithItsExpiryAsADate() {
        assertTrue(store.claim(NS, "layout", T.plusMillis(1500)));
        Document doc = keys().find(Filters.eq("_id", NS + ":layout")).first();
        assertEquals(new Document("_id", NS + ":layout").append("expiresAt", new Date(T.toEpochMilli() + 1500)),
                doc);
    }

    @Test
    void createsTheTtlIndexOnExpiresAtOnceHoweverManyWorkersStart() {
        worker();
        worker();
        List<Document> indexes = keys().listIndexes().into(new ArrayList<>());
        List<Document> ttl = indexes.stream().filter(d -> "expires_ttl".equals(d.getString("name"))).toList();
        assertEquals(1, ttl.size(), indexes.toString());
        assertEquals(new Document("expiresAt", 1), ttl.get(0).get("key", Document.class));
        assertEquals(0L, ((Number) ttl.get(0).get("expireAfterSeconds")).longValue());
    }

    @Test
    void treatsAKeyAsExpiredFromItsExpiryOnByTheWorkersClock() {
        MongoStore worker = workerAt(clock);
        assertTrue(worker.claim(NS, "ends-now", T));
        assertTrue(worker.claim(NS, "ends-now", T.plusSeconds(60)));
        assertTrue(worker.claim(NS, "ends-in-a-millisecond", T.plusMillis(1)));
        assertFalse(worker.claim(NS, "ends-in-a-millisecond", T.plusSeconds(60)));
    }

    @Test
    void neverForgetsAKeyBeforeItsExpiryWithinAMillisecond() {
        MongoStore worker = workerAt(clock);
        assertTrue(worker.claim(NS, "sub-millisecond", T.plusNanos(1)));
        assertFalse(worker.claim(NS, "sub-millisecond", T.plusSeconds(60)));
        clock.advance(Duration.ofMillis(1));
        assertTrue(worker.claim(NS, "sub-millisecond", T.plusSeconds(60)));
    }

    @Test
    void reclaimsAnExpiredKeyWithTheExpiryItAlreadyHad() {
        MongoStore worker = workerAt(clock);
        assertTrue(worker.claim(NS, "same-expiry", T));
        assertTrue(worker.claim(NS, "same-expiry", T), "matched without modifying still claims");
    }

    @Test
    void letsOnlyTheFirstOfTwoWorkersReclaimAnExpiredKey() {
        MongoStore first = workerAt(clock);
        MongoStore second = workerAt(clock);
        assertTrue(first.claim(NS, "contested", T.plusSeconds(5)));
        clock.advance(Duration.ofSeconds(10));
        assertTrue(first.claim(NS, "contested", T.plusSeconds(60)));
        assertFalse(second.claim(NS, "contested", T.plusSeconds(60)), "its update's filter no longer matches");
        assertEquals(new Date(T.plusSeconds(60).toEpochMilli()),
                keys().find(Filters.eq("_id", NS + ":contested")).first().get("expiresAt"));
    }

    @Test
    void claimsAgainAKeyMongoDbHasAlreadyDeleted() {
        MongoStore worker = workerAt(clock);
        assertTrue(worker.claim(NS, "deleted-by-ttl", T.plusSeconds(1)));
        keys().deleteOne(Filters.eq("_id", NS + ":deleted-by-ttl"));
        assertTrue(worker.claim(NS, "deleted-by-ttl", T.plusSeconds(60)));
        assertFalse(worker.claim(NS, "deleted-by-ttl", T.plusSeconds(60)));
    }

    @Test
    void keepsAClaimAcrossADatabaseServerRestart() {
        Path file = dir.resolve("mongo.mv");
        try (TestServer h2 = TestServer.h2(file); MongoStore s = h2.store("attestor")) {
            assertTrue(s.claim(NS, "durable", Instant.now().plus(Duration.ofDays(1))));
        }
        try (TestServer h2 = TestServer.h2(file); MongoStore s = h2.store("attestor")) {
            assertFalse(s.claim(NS, "durable", Instant.now().plus(Duration.ofDays(1))));
        }
    }
}
