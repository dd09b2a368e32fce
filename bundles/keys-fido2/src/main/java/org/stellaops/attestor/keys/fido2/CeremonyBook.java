package org.stellaops.attestor.keys.fido2;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.stellaops.attestor.api.keys.Ceremony;
import org.stellaops.attestor.api.keys.KeyDriverException;

/**
 * The open ceremonies of one kind, in memory: each has an unguessable id, belongs to the principal who started it,
 * expires, and can be finished once. A restart forgets them (the browser then starts again).
 *
 * @param <S> what the ceremony needs to be finished
 */
final class CeremonyBook<S> {

    /** The most ceremonies open at once; beyond that, starting one fails rather than filling the memory. */
    static final int MAX_OPEN = 10_000;

    private static final int ID_LENGTH = 32;

    private record Pending<S>(String principal, Instant expiresAt, S state) {
    }

    private final String kind;
    private final Clock clock;
    private final Duration timeout;
    private final SecureRandom random;
    private final Map<String, Pending<S>> open = new ConcurrentHashMap<>();

    /**
     * @param kind what the ceremonies are, for messages ("registration", "signature")
     * @param clock the time source of expiry
     * @param timeout how long a ceremony stays open
     * @param random the source of ids
     */
    CeremonyBook(String kind, Clock clock, Duration timeout, SecureRandom random) {
        this.kind = kind;
        this.clock = clock;
        this.timeout = timeout;
        this.random = random;
    }

    /** @return how long a ceremony stays open */
    Duration timeout() {
        return timeout;
    }

    /**
     * Opens a ceremony.
     *
     * @param principal the principal starting it
     * @param state what finishing needs
     * @param optionsJson the options for the browser
     * @return the ceremony
     * @throws KeyDriverException {@code key.driver_failure} if too many ceremonies are open
     */
    Ceremony open(String principal, S state, String optionsJson) {
        Instant now = clock.instant();
        open.values().removeIf(p -> !now.isBefore(p.expiresAt()));
        if (open.size() >= MAX_OPEN) {
            throw new KeyDriverException(KeyDriverException.DRIVER_FAILURE,
                    "too many open " + kind + " ceremonies; try again later");
        }
        byte[] bytes = new byte[ID_LENGTH];
        random.nextBytes(bytes);
        String id = Base64Url.encode(bytes);
        Instant expiresAt = now.plus(timeout);
        open.put(id, new Pending<>(principal, expiresAt, state));
        return new Ceremony(id, principal, optionsJson, expiresAt);
    }

    /**
     * Takes a ceremony out to finish it: after this call it can never be finished again, whatever the outcome. A
     * principal other than the owner does not consume it.
     *
     * @param principal the principal finishing it
     * @param id the ceremony id
     * @return what finishing needs
     * @throws KeyDriverException {@code key.invalid_input} for an unknown, foreign, finished or expired ceremony
     */
    S take(String principal, String id) {
        Pending<S> pending = id == null ? null : open.get(id);
        if (pending == null) {
            throw invalid("unknown or already finished " + kind + " ceremony");
        }
        if (!pending.principal().equals(principal)) {
            throw invalid("the " + kind + " ceremony was started by another principal");
        }
        if (!open.remove(id, pending)) {
            throw invalid("the " + kind + " ceremony was already finished");
        }
        if (!clock.instant().isBefore(pending.expiresAt())) {
            throw invalid("the " + kind + " ceremony expired at " + pending.expiresAt());
        }
        return pending.state();
    }

    /** Forgets every open ceremony. */
    void clear() {
        open.clear();
    }

    private static KeyDriverException invalid(String message) {
        return new KeyDriverException(KeyDriverException.INVALID_INPUT, message);
    }
}
