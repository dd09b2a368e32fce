package org.stellaops.attestor.store.embedded;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

import org.h2.mvstore.MVMap;
import org.stellaops.attestor.store.OneTimeKeyStore;

/**
 * The replay cache: {@code onetime.keys} maps {@code <namespace>\0<key>} to the key's expiry (epoch milliseconds,
 * rounded up so a key is never forgotten before its expiry), and {@code onetime.expiry} indexes the same keys as
 * {@code <expiry>\0<namespace>\0<key>}, oldest first, so expired keys are found without a scan.
 *
 * <p>A claim is one atomic MVMap operation ({@code putIfAbsent}, or {@code replace} of the expired value it read),
 * so of concurrent claims of a live key exactly one succeeds; it runs as a store mutation and waits for the group
 * commit, so it is durable when it returns. Every claim also removes up to {@value #PURGE_PER_CLAIM} expired keys,
 * oldest first: work per claim stays bounded, and since a claim adds at most one key, the backlog of expired keys
 * shrinks as long as keys are claimed.
 */
final class OneTimeKeys implements OneTimeKeyStore {

    /** The map of claimed keys. */
    static final String KEYS = "onetime.keys";
    /** The map of claimed keys by expiry. */
    static final String BY_EXPIRY = "onetime.expiry";
    /** The most expired keys one claim removes. */
    static final int PURGE_PER_CLAIM = 4;

    private static final char SEPARATOR = '\0';
    /** Width of the expiry part of a {@link #BY_EXPIRY} key. */
    private static final int TIME_WIDTH = 16;
    private static final String EMPTY = "";

    private final StoreFile file;
    private final Clock clock;
    private final MVMap<String, Long> keys;
    private final MVMap<String, String> byExpiry;

    OneTimeKeys(StoreFile file, Clock clock) {
        this.file = file;
        this.clock = clock;
        this.keys = file.map(KEYS);
        this.byExpiry = file.map(BY_EXPIRY);
    }

    @Override
    public boolean claim(String namespace, String key, Instant expiresAt) {
        String id = id(namespace, key);
        Objects.requireNonNull(expiresAt, "expiresAt");
        long until = OneTimeKeyStore.expiryMillis(expiresAt);
        long now = clock.millis();
        return file.write(() -> {
            boolean claimed = claimNow(id, until, now);
            purgeExpired(now);
            return claimed;
        });
    }

    private boolean claimNow(String id, long until, long now) {
        while (true) {
            Long previous = keys.putIfAbsent(id, until);
            if (previous == null) {
                byExpiry.put(expiryKey(until, id), EMPTY);
                return true;
            }
            if (previous > now) {
                return false;
            }
            if (keys.replace(id, previous, until)) {
                byExpiry.remove(expiryKey(previous, id));
                byExpiry.put(expiryKey(until, id), EMPTY);
                return true;
            }
            // another claim re-took the key or a purge removed it since it was read: decide again
        }
    }

    /**
     * Removes up to {@value #PURGE_PER_CLAIM} keys whose expiry is not after {@code now}. The key itself is removed
     * only if it still has the expiry the index named (a re-claim may have replaced it); the index entry goes
     * either way, since a re-claim indexes its own expiry.
     */
    private void purgeExpired(long now) {
        for (int i = 0; i < PURGE_PER_CLAIM; i++) {
            String oldest = byExpiry.firstKey();
            if (oldest == null || expiry(oldest) > now) {
                return;
            }
            keys.remove(oldest.substring(TIME_WIDTH + 1), expiry(oldest));
            byExpiry.remove(oldest);
        }
    }

    /** @return how many keys the file holds, expired ones not yet removed included */
    long size() {
        return file.guard(keys::sizeAsLong);
    }

    /**
     * @return the stored form of the pair
     * @throws IllegalArgumentException if the namespace is not 1 to 64 characters of {@code [a-z0-9._-]} or the key
     *                                  is missing, empty or longer than 512 characters
     */
    static String id(String namespace, String key) {
        OneTimeKeyStore.checkArguments(namespace, key);
        return namespace + SEPARATOR + key;
    }

    /** Sixteen hex digits of the expiry with the sign bit flipped, so text order is time order. */
    private static String expiryKey(long expiry, String id) {
        return String.format(Locale.ROOT, "%016x", expiry ^ Long.MIN_VALUE) + SEPARATOR + id;
    }

    private static long expiry(String expiryKey) {
        return Long.parseUnsignedLong(expiryKey.substring(0, TIME_WIDTH), 16) ^ Long.MIN_VALUE;
    }
}
