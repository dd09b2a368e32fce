package org.stellaops.attestor.store.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.stellaops.attestor.store.OneTimeKeyStore;

/**
 * The {@link OneTimeKeyStore} contract: the replay cache of DPoP proof ids. The store reads its own clock, so expiry
 * is tested with expiry times a day before or after now (never by waiting): a key that expired a day ago is expired
 * on any clock, one that expires in a day is live for the whole test. The racing tests run {@link
 * ConcurrentStoreContract#THREADS} threads; the two-worker tests run only where the fixture can open a second
 * store on the same data.
 */
public abstract class OneTimeKeyStoreContract extends StoreContract {

    /** The namespace the DPoP replay cache uses. */
    protected static final String DPOP = "dpop.jti";
    private static final Duration DAY = Duration.ofDays(1);

    /** @return an expiry a day from now: the key stays live for the whole test */
    protected static Instant live() {
        return Instant.now().plus(DAY);
    }

    /** @return an expiry a day ago: the key is expired as soon as it is claimed */
    protected static Instant expired() {
        return Instant.now().minus(DAY);
    }

    @Test
    void claimsAKeyNobodyClaimedBefore() {
        assertTrue(oneTimeKeys().claim(DPOP, "first", live()));
    }

    @Test
    void refusesEveryFurtherClaimOfAKeyThatHasNotExpired() {
        assertTrue(oneTimeKeys().claim(DPOP, "replayed", live()));
        assertFalse(oneTimeKeys().claim(DPOP, "replayed", live()));
        assertFalse(oneTimeKeys().claim(DPOP, "replayed", expired()), "the new expiry does not matter");
    }

    @Test
    void keepsTheSameKeyInAnotherNamespaceIndependent() {
        assertTrue(oneTimeKeys().claim(DPOP, "shared", live()));
        assertTrue(oneTimeKeys().claim("other.jti", "shared", live()));
        assertFalse(oneTimeKeys().claim(DPOP, "shared", live()));
        assertFalse(oneTimeKeys().claim("other.jti", "shared", live()));
    }

    @Test
    void treatsNamespaceAndKeyAsAPairRatherThanAsJoinedText() {
        assertTrue(oneTimeKeys().claim("ab", "c", live()));
        assertTrue(oneTimeKeys().claim("a", "bc", live()));
        assertTrue(oneTimeKeys().claim("a", "b:c", live()));
        assertTrue(oneTimeKeys().claim("a", "b\0c", live()));
    }

    @Test
    void letsAKeyWhoseExpiryHasPassedBeClaimedAgain() {
        assertTrue(oneTimeKeys().claim(DPOP, "old", expired()));
        assertTrue(oneTimeKeys().claim(DPOP, "old", live()));
        assertFalse(oneTimeKeys().claim(DPOP, "old", live()), "the second claim made the key live again");
    }

    @Test
    void acceptsTheLongestAllowedNamespaceAndKey() {
        String namespace = "a0._-".repeat(12) + "zzzz";
        String key = "K".repeat(512);
        assertEquals(64, namespace.length());
        assertTrue(oneTimeKeys().claim(namespace, key, live()));
        assertFalse(oneTimeKeys().claim(namespace, key, live()));
    }

    @Test
    void acceptsKeysOfAnyCharacters() {
        String key = "jti \u00e9\u4e2d\ud83d\ude00/+=:\0\n";
        assertTrue(oneTimeKeys().claim(DPOP, key, live()));
        assertFalse(oneTimeKeys().claim(DPOP, key, live()));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"DPOP.jti", "dpop jti", "dpop:jti", "dpop/jti", "dpop\0jti", "d\u00e9pop",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void rejectsAMalformedNamespace(String namespace) {
        assertThrows(IllegalArgumentException.class, () -> oneTimeKeys().claim(namespace, "k", live()));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void rejectsAMissingOrEmptyKey(String key) {
        assertThrows(IllegalArgumentException.class, () -> oneTimeKeys().claim(DPOP, key, live()));
    }

    @Test
    void rejectsAKeyLongerThan512Characters() {
        String key = "k".repeat(513);
        assertThrows(IllegalArgumentException.class, () -> oneTimeKeys().claim(DPOP, key, live()));
        assertTrue(oneTimeKeys().claim(DPOP, key.substring(1), live()), "the rejected claim stored nothing");
    }

    @Test
    void rejectsAMissingExpiry() {
        assertThrows(NullPointerException.class, () -> oneTimeKeys().claim(DPOP, "k", null));
    }

    @Test
    void acceptsExpiriesAtTheEndsOfTime() {
        assertTrue(oneTimeKeys().claim(DPOP, "forever", Instant.MAX));
        assertFalse(oneTimeKeys().claim(DPOP, "forever", live()));
        assertTrue(oneTimeKeys().claim(DPOP, "never", Instant.MIN));
        assertTrue(oneTimeKeys().claim(DPOP, "never", live()));
    }

    @Test
    void keepsAClaimAcrossARestart() throws Exception {
        assertTrue(oneTimeKeys().claim(DPOP, "durable", live()));
        assertTrue(oneTimeKeys().claim(DPOP, "expired-before-restart", expired()));
        reopen();
        assertFalse(oneTimeKeys().claim(DPOP, "durable", live()));
        assertTrue(oneTimeKeys().claim(DPOP, "expired-before-restart", live()));
    }

    @Test
    void keepsClaimingWhileManyExpiredKeysAwaitRemoval() throws Exception {
        int perThread = 100;
        ConcurrentStoreContract.race(thread -> {
            for (int i = 0; i < perThread; i++) {
                assertTrue(oneTimeKeys().claim(DPOP, "stale-" + thread + "-" + i, expired()));
            }
            return null;
        });
        assertTrue(oneTimeKeys().claim(DPOP, "fresh", live()));
        assertFalse(oneTimeKeys().claim(DPOP, "fresh", live()));
        for (int thread = 0; thread < ConcurrentStoreContract.THREADS; thread++) {
            assertTrue(oneTimeKeys().claim(DPOP, "stale-" + thread + "-" + (perThread - 1), live()));
        }
    }

    @Test
    void givesEachLiveKeyToExactlyOneOfManyRacingClaims() throws Exception {
        assertOneWinnerPerKey(racingClaims("race", List.of(oneTimeKeys()), live()), 50);
    }

    @Test
    void givesEachExpiredKeyBackToExactlyOneOfManyRacingClaims() throws Exception {
        int keys = 50;
        for (int k = 0; k < keys; k++) {
            assertTrue(oneTimeKeys().claim(DPOP, "reclaim-" + k, expired()));
        }
        assertOneWinnerPerKey(racingClaims("reclaim", List.of(oneTimeKeys()), live()), keys);
    }

    @Test
    void refusesOnOneWorkerAKeyClaimedOnAnother() throws Exception {
        try (StoreFixture other = otherWorker()) {
            assertTrue(oneTimeKeys().claim(DPOP, "seen-everywhere", live()));
            assertFalse(other.oneTimeKeys().claim(DPOP, "seen-everywhere", live()));
            assertTrue(other.oneTimeKeys().claim(DPOP, "claimed-there", live()));
            assertFalse(oneTimeKeys().claim(DPOP, "claimed-there", live()));
        }
    }

    @Test
    void givesEachLiveKeyToExactlyOneClaimAcrossTwoWorkers() throws Exception {
        try (StoreFixture other = otherWorker()) {
            assertOneWinnerPerKey(racingClaims("workers", List.of(oneTimeKeys(), other.oneTimeKeys()), live()), 50);
        }
    }

    /**
     * Every thread claims keys {@code <prefix>-0} to {@code <prefix>-49} in order, on the worker
     * {@code thread % workers.size()}.
     *
     * @return per key, how many claims returned true
     */
    private static int[] racingClaims(String prefix, List<OneTimeKeyStore> workers, Instant expiresAt)
            throws Exception {
        int keys = 50;
        List<boolean[]> won = ConcurrentStoreContract.race(thread -> {
            OneTimeKeyStore store = workers.get(thread % workers.size());
            boolean[] mine = new boolean[keys];
            for (int k = 0; k < keys; k++) {
                mine[k] = store.claim(DPOP, prefix + "-" + k, expiresAt);
            }
            return mine;
        });
        int[] winners = new int[keys];
        for (boolean[] mine : won) {
            for (int k = 0; k < keys; k++) {
                winners[k] += mine[k] ? 1 : 0;
            }
        }
        return winners;
    }

    private static void assertOneWinnerPerKey(int[] winners, int keys) {
        assertEquals(keys, winners.length);
        for (int k = 0; k < keys; k++) {
            assertEquals(1, winners[k], "claims of key " + k + " that returned true");
        }
    }
}
