package org.stellaops.attestor.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One load phase: N client threads send the workload's requests back to back until the duration or the request cap
 * is reached, each request with its own timeout. The run itself is bounded too: it stops waiting for clients one
 * request timeout (plus a grace period) after the duration, and reports the clients that never came back.
 *
 * <p>Each client thread sends through a {@link Transport} of its own (with {@link LoadClient#BLOCKING}, its own
 * keep-alive connection), closed when the thread's loop ends.
 */
final class LoadRun {

    private static final int MAX_SAMPLES = 5;
    /** How long past the duration plus one request timeout the run still waits for its clients. */
    static final Duration GRACE = Duration.ofSeconds(10);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final ServerAccess server;
    private final LoadClient client;
    private final Duration requestTimeout;
    private final PrintStream progress;

    private final AtomicLong issued = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong lastFinish = new AtomicLong();
    private final AtomicBoolean exhausted = new AtomicBoolean();
    private final List<String> samples = new ArrayList<>();
    private volatile long start;
    private volatile double nanosPerRequest;

    /**
     * @param server the loopback server, its client and the token every request carries
     * @param client how the client threads send their requests
     * @param requestTimeout timeout of each request
     * @param progress where a progress line goes every few seconds
     */
    LoadRun(ServerAccess server, LoadClient client, Duration requestTimeout, PrintStream progress) {
        this.server = server;
        this.client = client;
        this.requestTimeout = requestTimeout;
        this.progress = progress;
    }

    /**
     * Runs the phase. A run object is used once.
     *
     * @param workload the requests
     * @param clients concurrent clients
     * @param duration how long requests are issued
     * @param maxRequests the most requests issued
     * @return the figures
     * @throws InterruptedException if the driver is interrupted while waiting for its clients
     */
    RunResult run(Workload workload, int clients, Duration duration, long maxRequests) throws InterruptedException {
        return run(workload, clients, duration, maxRequests, 0);
    }

    /**
     * Runs the phase at a fixed arrival rate: request n is due at start + n/rate; a client takes the next due
     * request, waits for its due time, and its latency counts from the due time (no coordinated omission).
     *
     * @param workload the requests
     * @param clients concurrent clients (the most requests in flight)
     * @param duration how long requests are issued
     * @param maxRequests the most requests issued
     * @param rate requests per second; 0 = closed loop
     * @return the figures
     * @throws InterruptedException if the driver is interrupted while waiting for its clients
     */
    RunResult run(Workload workload, int clients, Duration duration, long maxRequests, double rate)
            throws InterruptedException {
        long start = System.nanoTime();
        this.start = start;
        this.nanosPerRequest = rate > 0 ? 1e9 / rate : 0;
        long deadline = start + duration.toNanos();
        CountDownLatch finished = new CountDownLatch(clients);
        List<ClientStats> stats = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            ClientStats s = new ClientStats();
            stats.add(s);
            Thread t = new Thread(() -> {
                try {
                    clientLoop(workload, s, deadline, maxRequests);
                } finally {
                    lastFinish.accumulateAndGet(System.nanoTime(), Math::max);
                    finished.countDown();
                }
            }, "load-client-" + i);
            t.setDaemon(true);
            t.start();
        }
        long giveUp = deadline + requestTimeout.toNanos() + GRACE.toNanos();
        awaitClients(finished, start, giveUp);
        int stillRunning = (int) finished.getCount();
        long end = stillRunning == 0 ? lastFinish.get() : System.nanoTime();
        List<String> sampleCopy;
        synchronized (samples) {
            sampleCopy = List.copyOf(samples);
        }
        return RunResult.merge(stats, end - start, sampleCopy, stillRunning, exhausted.get());
    }

    private void awaitClients(CountDownLatch finished, long start, long giveUp) throws InterruptedException {
        while (true) {
            long left = giveUp - System.nanoTime();
            if (left <= 0) {
                return;
            }
            if (finished.await(Math.min(left, PROGRESS_EVERY.toNanos()), TimeUnit.NANOSECONDS)) {
                return;
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            progress.printf("  [%3d s] %d done, %d unexpected, %d clients busy%n", seconds, done.get(), failed.get(),
                    finished.getCount());
        }
    }

    /** One client thread: its own transport for all its requests, closed at the end. */
    private void clientLoop(Workload workload, ClientStats stats, long deadline, long maxRequests) {
        try (Transport transport = Transport.open(client, server, requestTimeout)) {
            sendLoop(transport, workload, stats, deadline, maxRequests);
        } catch (IOException e) {
            // Every request was judged already, so no figure changes; but a connection that would not close is
            // worth a line.
            progress.printf("  %s: closing its connection failed: %s%n", Thread.currentThread().getName(), e);
        }
    }

    private void sendLoop(Transport transport, Workload workload, ClientStats stats, long deadline,
            long maxRequests) {
        while (System.nanoTime() < deadline) {
            long sequence = issued.getAndIncrement();
            if (sequence >= maxRequests) {
                return;
            }
            Call call = workload.next(sequence);
            if (call == null) {
                exhausted.set(true);
                return;
            }
            long t0 = dueTime(sequence);
            try {
                Transport.Answer answer = transport.post(call.path(), call.body());
                judge(call, answer.status(), answer.body(), System.nanoTime() - t0, stats);
            } catch (IOException e) {
                String label = "error " + e.getClass().getSimpleName();
                record(stats, System.nanoTime() - t0, label, false, call.path() + " -> " + label + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Waits until the request is due (open loop) and returns the time its latency counts from. */
    private long dueTime(long sequence) {
        if (nanosPerRequest == 0) {
            return System.nanoTime();
        }
        long due = start + (long) (sequence * nanosPerRequest);
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
        return due;
    }

    private void judge(Call call, int status, byte[] body, long latency, ClientStats stats) {
        String label = Integer.toString(status);
        boolean ok = status == call.expectedStatus();
        if (ok) {
            try {
                ok = call.bodyCheck().test(body);
                if (ok) {
                    call.onExpected().accept(body);
                } else {
                    label = status + " (unexpected body)";
                }
            } catch (RuntimeException e) {
                ok = false;
                label = status + " (unreadable body)";
            }
        }
        record(stats, latency, label, ok, ok ? null : call.path() + " -> " + label + ": " + describe(call, body));
    }

    private static String describe(Call call, byte[] body) {
        try {
            return call.describe().apply(body);
        } catch (RuntimeException e) {
            // The sample is only there to explain a failure: an answer the describer cannot read is shown raw.
            return Call.excerpt(body);
        }
    }

    private void record(ClientStats stats, long latency, String label, boolean ok, String sample) {
        stats.record(latency, label, ok);
        done.incrementAndGet();
        if (!ok) {
            failed.incrementAndGet();
            synchronized (samples) {
                if (samples.size() < MAX_SAMPLES) {
                    samples.add(sample);
                }
            }
        }
    }
}
