package org.stellaops.attestor.store;

import java.time.Instant;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Keys that may be used once, remembered until they expire: the replay cache of DPoP proof ids ({@code jti}) and
 * of any other single-use value. It lives in the store so that every worker sharing the store sees a key used on
 * any of them: a proof replayed to a second worker is caught there too.
 *
 * <p>A claim is durable when the method returns. Expired keys may be claimed again (their first use is too old to
 * matter to the caller, which refuses proofs older than their lifetime anyway); the store removes them lazily.
 */
@ConsumerType
public interface OneTimeKeyStore {

    /**
     * Claims a key, atomically: of any number of concurrent claims of one live key, on one worker or many, exactly
     * one returns {@code true}.
     *
     * @param namespace what the key belongs to (for example {@code dpop.jti}); at most 64 characters of
     *                  {@code [a-z0-9._-]}
     * @param key the key, at most 512 characters
     * @param expiresAt when the key may be forgotten
     * @return {@code true} if this call claimed the key, {@code false} if it was claimed before and has not expired
     * @throws IllegalArgumentException if namespace or key is malformed
     * @throws org.stellaops.attestor.cas.StorageException if the store cannot be reached or written
     */
    boolean claim(String namespace, String key, Instant expiresAt);

    /** The longest namespace. */
    int MAX_NAMESPACE = 64;
    /** The longest key. */
    int MAX_KEY = 512;

    /**
     * The argument rules every implementation applies before it touches storage.
     *
     * @param namespace 1 to {@link #MAX_NAMESPACE} characters of {@code [a-z0-9._-]}
     * @param key 1 to {@link #MAX_KEY} characters
     * @throws IllegalArgumentException if either is null or breaks its rule
     */
    static void checkArguments(String namespace, String key) {
        if (namespace == null || namespace.isEmpty() || namespace.length() > MAX_NAMESPACE
                || !namespace.chars().allMatch(OneTimeKeyStore::namespaceChar)) {
            throw new IllegalArgumentException("a one-time key namespace is 1 to " + MAX_NAMESPACE
                    + " characters of [a-z0-9._-]" + (namespace == null || namespace.length() > MAX_NAMESPACE
                    ? "" : ", not \"" + namespace.replace("\0", "\\0") + "\""));
        }
        if (key == null || key.isEmpty() || key.length() > MAX_KEY) {
            throw new IllegalArgumentException("a one-time key is 1 to " + MAX_KEY + " characters, not "
                    + (key == null ? "null" : key.length()));
        }
    }

    /**
     * An expiry as stores keep it: epoch milliseconds rounded <em>up</em>, so that a key is never forgotten before
     * its expiry, saturated at the ends of {@code long} (which mean "never" and "long ago" just as well).
     *
     * @param expiresAt the expiry, not null
     * @return the epoch milliseconds
     */
    static long expiryMillis(Instant expiresAt) {
        try {
            long floor = expiresAt.toEpochMilli();
            return expiresAt.getNano() % 1_000_000 == 0 ? floor : Math.addExact(floor, 1);
        } catch (ArithmeticException e) {
            return expiresAt.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static boolean namespaceChar(int c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-';
    }
}
