package org.stellaops.attestor.auth.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.jose.Jwk;
import org.stellaops.attestor.sdk.jose.JwkSet;

/**
 * An issuer's JWK set, fetched on demand and cached. The cache is refreshed after {@code cacheFor}; a token with an
 * unknown kid triggers a refetch (key rotation), and any refetch happens at most once per {@link #MIN_REFETCH}.
 * When fetching fails the cached keys keep being served until they are {@link #MAX_STALENESS} old, then every
 * token of the issuer is refused ({@code auth.issuer_unavailable}) until a fetch succeeds. Only one fetch runs at a
 * time; callers that hold usable keys never wait for it.
 */
final class CachedJwks implements KeySource {

    /** The shortest interval between two fetch attempts. */
    static final Duration MIN_REFETCH = Duration.ofSeconds(30);
    /** How long cached keys are served while fetching fails. */
    static final Duration MAX_STALENESS = Duration.ofHours(24);
    private static final System.Logger LOG = System.getLogger(CachedJwks.class.getName());

    /** Where a JWK set document comes from. */
    @FunctionalInterface
    interface Fetcher {
        /** @return the document bytes */
        byte[] fetch() throws IOException;
    }

    private record Snapshot(JwkSet keys, Instant fetchedAt) {
    }

    private final String issuer;
    private final Fetcher fetcher;
    private final Duration cacheFor;
    private final ReentrantLock fetchLock = new ReentrantLock();
    private volatile Snapshot snapshot;
    private volatile Instant lastAttempt;

    /**
     * @param issuer the issuer name, for log messages
     * @param fetcher the document source
     * @param cacheFor how long fetched keys are used without refetching
     */
    CachedJwks(String issuer, Fetcher fetcher, Duration cacheFor) {
        this.issuer = issuer;
        this.fetcher = fetcher;
        this.cacheFor = cacheFor;
    }

    /**
     * Fetches the keys now, failing when that is not possible (used to validate a configuration).
     *
     * @param now the current time
     * @throws IOException when the document cannot be read
     * @throws AttestorException {@code jose.malformed_key} when it is not a valid JWK set
     */
    void load(Instant now) throws IOException {
        fetchLock.lock();
        try {
            lastAttempt = now;
            snapshot = new Snapshot(JwkSet.parse(fetcher.fetch()), now);
        } finally {
            fetchLock.unlock();
        }
    }

    @Override
    public List<Jwk> candidates(String kid, Instant now) {
        Snapshot s = snapshot;
        if (s == null || !now.isBefore(s.fetchedAt().plus(cacheFor))) {
            s = refresh(now, s == null);
        }
        usable(s, now);
        List<Jwk> found = select(s.keys(), kid);
        if (found.isEmpty() && mayAttempt(now)) {
            s = refresh(now, false);
            usable(s, now);
            found = select(s.keys(), kid);
        }
        if (found.isEmpty()) {
            throw AuthFailure.token(AuthCodes.UNKNOWN_KEY, "the token's signing key is not among the issuer's keys");
        }
        return found;
    }

    /** Picks keys by kid; a token without a kid is accepted only from an issuer with a single key. */
    static List<Jwk> select(JwkSet keys, String kid) {
        if (kid != null) {
            return keys.allByKid(kid);
        }
        return keys.keys().size() == 1 ? keys.keys() : List.of();
    }

    private void usable(Snapshot s, Instant now) {
        if (s == null) {
            throw AuthFailure.token(AuthCodes.ISSUER_UNAVAILABLE, "the issuer's keys cannot be fetched");
        }
        if (now.isAfter(s.fetchedAt().plus(MAX_STALENESS))) {
            throw AuthFailure.token(AuthCodes.ISSUER_UNAVAILABLE,
                    "the issuer's keys could not be refreshed for too long");
        }
    }

    private boolean mayAttempt(Instant now) {
        Instant last = lastAttempt;
        return last == null || !now.isBefore(last.plus(MIN_REFETCH));
    }

    /**
     * @param now the current time
     * @param wait whether to wait for a fetch another thread is running (only when there are no keys at all)
     * @return the newest snapshot, possibly still the old one
     */
    private Snapshot refresh(Instant now, boolean wait) {
        if (wait) {
            fetchLock.lock();
        } else if (!fetchLock.tryLock()) {
            return snapshot;
        }
        try {
            Snapshot current = snapshot;
            // Also true when another thread fetched while this one waited for the lock.
            if (!mayAttempt(now)) {
                return current;
            }
            lastAttempt = now;
            try {
                Snapshot next = new Snapshot(JwkSet.parse(fetcher.fetch()), now);
                snapshot = next;
                return next;
            } catch (IOException | AttestorException e) {
                LOG.log(Level.WARNING, "fetching the JWK set of issuer " + issuer + " failed; "
                        + (current == null ? "its tokens are refused" : "serving the keys fetched at "
                        + current.fetchedAt()) + ": " + e);
                return current;
            }
        } finally {
            fetchLock.unlock();
        }
    }
}
