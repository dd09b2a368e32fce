package org.stellaops.attestor.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts refused console logins per client address in fixed one-minute windows: an address that was refused
 * {@code maxFailures} times in the current window is not even checked until the window ends. The console password
 * is long and random, so this is not what keeps it safe; it keeps a guessing client from costing a hash and an
 * audit event per request, and makes the guessing visible as one throttling event per window.
 */
final class LoginThrottle {

    /** The window failures are counted in. */
    static final Duration WINDOW = Duration.ofMinutes(1);
    /** Addresses tracked at most; past this, windows that ended are dropped, then arbitrary ones. */
    private static final int MAX_ADDRESSES = 10_000;

    /** One address's failures in the window that started at {@code start}. */
    private record Window(Instant start, int failures) {
    }

    private final Clock clock;
    private final int maxFailures;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /**
     * @param clock the time source
     * @param maxFailures refused logins allowed per address and minute; 0 turns the throttle off
     */
    LoginThrottle(Clock clock, int maxFailures) {
        this.clock = clock;
        this.maxFailures = maxFailures;
    }

    /** @return whether this address may try a login now */
    boolean allows(String address) {
        if (maxFailures <= 0) {
            return true;
        }
        Window window = windows.get(address);
        return window == null || ended(window, clock.instant()) || window.failures() < maxFailures;
    }

    /**
     * Counts a refused login.
     *
     * @return whether this failure used up the address's allowance (the moment to record one throttling event)
     */
    boolean failed(String address) {
        if (maxFailures <= 0) {
            return false;
        }
        Instant now = clock.instant();
        if (windows.size() >= MAX_ADDRESSES) {
            sweep(now);
        }
        Window next = windows.compute(address, (a, w) -> w == null || ended(w, now) ? new Window(now, 1)
                : new Window(w.start(), w.failures() + 1));
        return next.failures() == maxFailures;
    }

    /** @return seconds until the address's window ends (for {@code Retry-After}), at least 1 */
    long retryAfterSeconds(String address) {
        Window window = windows.get(address);
        if (window == null) {
            return 1;
        }
        long left = Duration.between(clock.instant(), window.start().plus(WINDOW)).toSeconds();
        return Math.max(1, left);
    }

    private static boolean ended(Window window, Instant now) {
        return !now.isBefore(window.start().plus(WINDOW));
    }

    private void sweep(Instant now) {
        windows.values().removeIf(w -> ended(w, now));
        Iterator<String> oldest = windows.keySet().iterator();
        while (windows.size() >= MAX_ADDRESSES && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }
}
