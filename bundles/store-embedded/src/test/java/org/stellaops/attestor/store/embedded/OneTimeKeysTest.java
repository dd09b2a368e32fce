package org.stellaops.attestor.store.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.testing.MutableClock;

/** What the contract leaves to the store: expiry at millisecond grain, the bounded purge, the file layout. */
class OneTimeKeysTest {

    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");
    private static final String NS = "dpop.jti";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T);

    private EmbeddedStore open() {
        return new EmbeddedStore(dir.resolve("attestor.mv"), EmbeddedStore.DEFAULT_CACHE_MB, clock);
    }

    @Test
    void treatsAKeyAsExpiredFromItsExpiryOn() {
        try (EmbeddedStore store = open()) {
            assertTrue(store.claim(NS, "ends-now", T));
            assertTrue(store.claim(NS, "ends-now", T.plusSeconds(60)));
            assertTrue(store.claim(NS, "ends-in-a-millisecond", T.plusMillis(1)));
            assertFalse(store.claim(NS, "ends-in-a-millisecond", T.plusSeconds(60)));
        }
    }

    @Test
    void neverForgetsAKeyBeforeItsExpiryWithinAMillisecond() {
        try (EmbeddedStore store = open()) {
            assertTrue(store.claim(NS, "sub-millisecond", T.plusNanos(1)));
            assertFalse(store.claim(NS, "sub-millisecond", T.plusSeconds(60)));
            clock.advance(Duration.ofMillis(1));
            assertTrue(store.claim(NS, "sub-millisecond", T.plusSeconds(60)));
        }
    }

    @Test
    void removesExpiredKeysAFewPerClaimOldestFirst() {
        try (EmbeddedStore store = open()) {
            for (int i = 1; i <= 20; i++) {
                assertTrue(store.claim(NS, "k" + i, T.plusSeconds(i)));
            }
            assertEquals(20, store.oneTimeKeyCount());
            clock.advance(Duration.ofSeconds(10));
            store.claim(NS, "fresh-1", T.plusSeconds(3600));
            assertEquals(21 - OneTimeKeys.PURGE_PER_CLAIM, store.oneTimeKeyCount());
            store.claim(NS, "fresh-2", T.plusSeconds(3600));
            assertEquals(22 - 2 * OneTimeKeys.PURGE_PER_CLAIM, store.oneTimeKeyCount());
            store.claim(NS, "fresh-3", T.plusSeconds(3600));
            store.claim(NS, "fresh-4", T.plusSeconds(3600));
            assertEquals(10 + 4, store.oneTimeKeyCount(), "keys 11 to 20 and the fresh ones are left");
            assertFalse(store.claim(NS, "k11", T.plusSeconds(3600)), "a live key is never removed");
            assertTrue(store.claim(NS, "k10", T.plusSeconds(3600)));
        }
    }

    @Test
    void purgesTheOldExpiryOfAReclaimedKeyWithoutForgettingItsNewOne() {
        try (EmbeddedStore store = open()) {
            assertTrue(store.claim(NS, "reused", T.minusSeconds(1)));
            assertTrue(store.claim(NS, "reused", T.plusSeconds(10)));
            clock.advance(Duration.ofSeconds(5));
            store.claim(NS, "other", T.plusSeconds(3600));
            assertFalse(store.claim(NS, "reused", T.plusSeconds(3600)), "the new expiry still holds");
            clock.advance(Duration.ofSeconds(5));
            store.claim(NS, "another", T.plusSeconds(3600));
            assertEquals(2, store.oneTimeKeyCount(), "reused expired at T + 10 s and is gone");
        }
    }

    @Test
    void removesExpiredKeysLeftFromBeforeARestart() {
        try (EmbeddedStore store = open()) {
            for (int i = 0; i < 3; i++) {
                assertTrue(store.claim(NS, "before-" + i, T.plusSeconds(1)));
            }
        }
        clock.advance(Duration.ofSeconds(1));
        try (EmbeddedStore store = open()) {
            assertEquals(3, store.oneTimeKeyCount());
            assertTrue(store.claim(NS, "after", T.plusSeconds(3600)));
            assertEquals(1, store.oneTimeKeyCount());
        }
    }

    @Test
    void storesEachKeyUnderItsNamespaceAndItsExpiryInTheFile() {
        try (EmbeddedStore store = open()) {
            store.claim(NS, "layout", T.plusMillis(1500));
        }
        MVStore raw = new MVStore.Builder().fileName(dir.resolve("attestor.mv").toString()).readOnly().open();
        try {
            MVMap<String, Long> keys = raw.openMap(OneTimeKeys.KEYS);
            MVMap<String, String> byExpiry = raw.openMap(OneTimeKeys.BY_EXPIRY);
            long millis = T.toEpochMilli() + 1500;
            assertEquals(millis, keys.get(NS + "\0layout"));
            assertEquals(String.format("%016x", millis ^ Long.MIN_VALUE) + "\0" + NS + "\0layout",
                    byExpiry.firstKey());
            assertEquals(1, byExpiry.size());
        } finally {
            raw.close();
        }
    }

    @Test
    void claimsKeysInAFileWrittenBeforeOneTimeKeysExistedWithoutChangingItsLayoutVersion() {
        try (EmbeddedStore store = open()) {
            store.claim(NS, "any", T.plusSeconds(1));
        }
        MVStore raw = new MVStore.Builder().fileName(dir.resolve("attestor.mv").toString()).open();
        raw.removeMap(OneTimeKeys.KEYS);
        raw.removeMap(OneTimeKeys.BY_EXPIRY);
        raw.close();
        try (EmbeddedStore store = open()) {
            assertTrue(store.claim(NS, "any", T.plusSeconds(60)));
            assertFalse(store.claim(NS, "any", T.plusSeconds(60)));
        }
        raw = new MVStore.Builder().fileName(dir.resolve("attestor.mv").toString()).readOnly().open();
        try {
            MVMap<String, Long> meta = raw.openMap("meta");
            assertEquals(Migration.CURRENT_SCHEMA, meta.get(Migration.SCHEMA_VERSION));
        } finally {
            raw.close();
        }
    }
}
