package org.stellaops.attestor.store.mongo;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded waits on conditions (no fixed sleeps). */
final class Waits {

    private Waits() {
    }

    static void until(BooleanSupplier condition, Duration bound, String what) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + bound + " waiting for " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
