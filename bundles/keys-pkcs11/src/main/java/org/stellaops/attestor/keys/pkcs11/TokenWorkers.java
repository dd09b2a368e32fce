package org.stellaops.attestor.keys.pkcs11;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.stellaops.attestor.api.keys.KeyDriverException;

/**
 * The bounded pool of threads that make every token call, so that a caller waits at most the timeout however the
 * token behaves. A PKCS#11 call blocked in native code cannot be interrupted: its worker stays stuck until the call
 * returns, and its caller gets {@code key.driver_timeout}. Once every worker is stuck, new calls fail at once
 * instead of queueing behind them; calls beyond the workers wait in a queue of {@value #QUEUE_PER_WORKER} places
 * per worker, and a full queue also fails at once.
 */
final class TokenWorkers implements AutoCloseable {

    static final int QUEUE_PER_WORKER = 16;

    private final ThreadPoolExecutor pool;
    private final int size;
    private final long timeoutNanos;
    private final String token;
    /** Start times (System.nanoTime) of the calls running now, one entry per busy worker. */
    private final Set<long[]> running = ConcurrentHashMap.newKeySet();

    /**
     * @param token the token, for thread names and messages
     * @param size the number of workers
     * @param timeout the longest wait of a caller, queueing included
     */
    TokenWorkers(String token, int size, Duration timeout) {
        this.size = size;
        this.token = token;
        this.timeoutNanos = timeout.toNanos();
        this.pool = new ThreadPoolExecutor(size, size, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(size * QUEUE_PER_WORKER), threads(), new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * Runs one token call on a worker and waits for it at most the timeout.
     *
     * @param what what the call does, for messages ("signing with key …")
     * @param call the call; a {@link KeyDriverException} it throws reaches the caller unchanged
     * @param <T> the result type
     * @return the call's result
     * @throws KeyDriverException {@code key.driver_timeout} when the call did not finish in time or every worker is
     *         stuck, {@code key.driver_failure} when it failed otherwise or the driver is closed
     */
    <T> T call(String what, Callable<T> call) {
        int stuck = stuckWorkers();
        if (stuck >= size) {
            throw new KeyDriverException(KeyDriverException.TIMEOUT, what + " refused at once: all " + size
                    + " workers of " + token + " are stuck in calls older than the timeout (the token does not "
                    + "answer)");
        }
        Future<T> future;
        try {
            future = pool.submit(() -> timed(call));
        } catch (RejectedExecutionException e) {
            if (pool.isShutdown()) {
                throw new KeyDriverException(KeyDriverException.DRIVER_FAILURE,
                        what + " refused: the pkcs11 driver for " + token + " is closed", e);
            }
            throw new KeyDriverException(KeyDriverException.TIMEOUT, what + " refused at once: " + token
                    + " is overloaded (" + pool.getQueue().size() + " calls already waiting for " + size
                    + " workers)", e);
        }
        return await(what, future);
    }

    private <T> T await(String what, Future<T> future) {
        try {
            return future.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // never interrupt: a worker in native code would not notice, one in Java code could be left half-way
            future.cancel(false);
            throw new KeyDriverException(KeyDriverException.TIMEOUT, what + " did not finish within "
                    + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms (" + token + " does not answer)", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof KeyDriverException known) {
                throw known;
            }
            throw Pkcs11Errors.failure(what, cause);
        } catch (InterruptedException e) {
            future.cancel(false);
            Thread.currentThread().interrupt();
            throw new KeyDriverException(KeyDriverException.DRIVER_FAILURE, what + " was interrupted", e);
        }
    }

    private <T> T timed(Callable<T> call) throws Exception {
        long[] started = {System.nanoTime()};
        running.add(started);
        try {
            return call.call();
        } finally {
            running.remove(started);
        }
    }

    /** @return the number of workers busy with a call that started longer than the timeout ago */
    int stuckWorkers() {
        long now = System.nanoTime();
        int stuck = 0;
        for (long[] started : running) {
            if (now - started[0] > timeoutNanos) {
                stuck++;
            }
        }
        return stuck;
    }

    /** @return the number of calls waiting for a worker */
    int queued() {
        return pool.getQueue().size();
    }

    /** Refuses new calls and lets idle workers end; stuck workers end when their native call returns. */
    @Override
    public void close() {
        pool.shutdownNow();
    }

    private ThreadFactory threads() {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, "attestor-pkcs11-" + n.incrementAndGet());
            // a worker stuck in a hung token must not keep the JVM alive
            t.setDaemon(true);
            return t;
        };
    }
}
