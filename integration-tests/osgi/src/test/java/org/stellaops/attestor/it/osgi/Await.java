package org.stellaops.attestor.it.osgi;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Bounded waits for a condition that becomes true by itself (no sleeping in test code). */
final class Await {

    private static final long POLL_MILLIS = 50;

    private Await() {
    }

    /**
     * Evaluates {@code probe} periodically until {@code done} accepts its value.
     *
     * @param what describes the condition, for the failure message
     * @param timeout the bound
     * @param probe produces the current value; an exception counts as "not yet" and is reported on timeout
     * @param done the condition
     * @param <T> the value type
     * @return the value that satisfied the condition
     * @throws AssertionError with the last value (or exception) seen if the bound passes first
     */
    static <T> T until(String what, Duration timeout, Supplier<T> probe, Predicate<T> done) {
        Outcome<T> outcome = poll(what, timeout, probe, done);
        if (!outcome.satisfied()) {
            // no cause attached: Pax Exam reports the root cause of a probe failure, which would hide this message
            throw new AssertionError("not within " + timeout + ": " + what + "; last seen: " + outcome.lastSeen());
        }
        return outcome.value();
    }

    /**
     * Like {@link #until}, but on timeout returns the last value instead of failing, so that the caller can
     * assert on it with its own message.
     *
     * @param what describes the condition
     * @param timeout the bound
     * @param probe produces the current value
     * @param done the condition
     * @param <T> the value type
     * @return the value that satisfied the condition, or the last one seen
     * @throws AssertionError if the probe never produced a value
     */
    static <T> T settle(String what, Duration timeout, Supplier<T> probe, Predicate<T> done) {
        Outcome<T> outcome = poll(what, timeout, probe, done);
        if (outcome.value() == null) {
            throw new AssertionError("no value within " + timeout + ": " + what + "; last seen: " + outcome.lastSeen());
        }
        return outcome.value();
    }

    private static <T> Outcome<T> poll(String what, Duration timeout, Supplier<T> probe, Predicate<T> done) {
        CompletableFuture<T> satisfied = new CompletableFuture<>();
        Latest<T> latest = new Latest<>();
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "await: " + what);
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(() -> {
            try {
                T value = probe.get();
                latest.value(value);
                if (done.test(value)) {
                    satisfied.complete(value);
                }
            } catch (RuntimeException e) {
                latest.failure(e);
            }
        }, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
        try {
            return new Outcome<>(true, satisfied.get(timeout.toMillis(), TimeUnit.MILLISECONDS), null);
        } catch (TimeoutException e) {
            return new Outcome<>(false, latest.value(), latest.describe());
        } catch (ExecutionException e) {
            throw new IllegalStateException("never completed exceptionally", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting: " + what);
        } finally {
            poller.shutdownNow();
        }
    }

    private record Outcome<T>(boolean satisfied, T value, String lastSeen) {
    }

    /** What the probe last produced, shared between the polling thread and the waiting one. */
    private static final class Latest<T> {
        private T value;
        private RuntimeException failure;

        synchronized void value(T v) {
            value = v;
            failure = null;
        }

        synchronized void failure(RuntimeException e) {
            failure = e;
        }

        synchronized T value() {
            return value;
        }

        synchronized String describe() {
            return failure != null ? failure.toString() : String.valueOf(value);
        }
    }
}
