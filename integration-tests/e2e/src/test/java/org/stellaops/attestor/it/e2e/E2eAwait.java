package org.stellaops.attestor.it.e2e;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls a probe until a condition holds or a bound passes; the failure shows the last value seen. */
final class E2eAwait {

    private static final long POLL_NANOS = Duration.ofMillis(100).toNanos();

    private E2eAwait() {
    }

    static <T> T until(String what, Duration bound, Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + bound.toNanos();
        Object last = null;
        while (true) {
            try {
                T value = probe.get();
                if (done.test(value)) {
                    return value;
                }
                last = value;
            } catch (RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + bound + ": " + what + "; last seen: "
                        + (last instanceof ApiResponse r ? r.describe() : last));
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }
}
