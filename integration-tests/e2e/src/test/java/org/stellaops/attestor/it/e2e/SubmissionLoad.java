package org.stellaops.attestor.it.e2e;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop clients that submit distinct attestations to whichever server is current, remembering every
 * envelope the server acknowledged (200, 201 or 202). While there is no current server (it was killed and is
 * restarting) the clients wait; a request that fails in flight is simply not acknowledged.
 */
final class SubmissionLoad implements AutoCloseable {

    private final SigningKey key;
    private final Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    private final AtomicLong transportFailures = new AtomicLong();
    private final List<Thread> clients = new ArrayList<>();
    private final Object lock = new Object();
    private ApiClient current;
    private boolean stopped;

    SubmissionLoad(SigningKey key, ApiClient first, int clientCount) {
        this.key = key;
        this.current = first;
        for (int i = 0; i < clientCount; i++) {
            int id = i;
            Thread t = new Thread(() -> run(id), "load-client-" + i);
            t.setDaemon(true);
            clients.add(t);
        }
        clients.forEach(Thread::start);
    }

    /** Takes the server away (before it is killed); clients wait for the next one. */
    void detach() {
        synchronized (lock) {
            current = null;
        }
    }

    /** Points the clients at a (re)started server. */
    void attach(ApiClient client) {
        synchronized (lock) {
            current = client;
            lock.notifyAll();
        }
    }

    /**
     * Waits until at least {@code count} more envelopes have been acknowledged.
     *
     * @param count how many more
     * @param bound how long at most
     */
    void awaitMoreAcks(int count, Duration bound) {
        long target;
        long deadline = System.nanoTime() + bound.toNanos();
        synchronized (lock) {
            target = acknowledged.size() + count;
            while (acknowledged.size() < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("only " + acknowledged.size() + " of " + target + " acknowledged within "
                            + bound + "; statuses " + statuses + ", transport failures " + transportFailures);
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** @return envelope digest → the status it was first acknowledged with */
    Map<String, Integer> acknowledged() {
        return Map.copyOf(acknowledged);
    }

    /** @return how many responses of each status were seen */
    Map<Integer, Long> statuses() {
        Map<Integer, Long> copy = new java.util.TreeMap<>();
        statuses.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    @Override
    public void close() {
        synchronized (lock) {
            stopped = true;
            lock.notifyAll();
        }
        for (Thread t : clients) {
            try {
                t.join(TestSettings.HTTP_TIMEOUT.toMillis() * 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void run(int id) {
        for (long n = 0; ; n++) {
            ApiClient client = awaitClient();
            if (client == null) {
                return;
            }
            byte[] envelope = Attestations.json(key.sign(Attestations.bytes(
                    Attestations.slsaStatement("load-" + id + "-" + n + "-" + System.nanoTime() + ".jar"))));
            try {
                ApiResponse response = client.submit(envelope);
                statuses.computeIfAbsent(response.status(), s -> new AtomicLong()).incrementAndGet();
                if (response.status() == 200 || response.status() == 201 || response.status() == 202) {
                    acknowledge(response.json().path("envelopeDigest").asText(), response.status());
                }
            } catch (UncheckedIOException | IllegalStateException e) {
                transportFailures.incrementAndGet();
            }
        }
    }

    private void acknowledge(String digest, int status) {
        synchronized (lock) {
            acknowledged.putIfAbsent(digest, status);
            lock.notifyAll();
        }
    }

    private ApiClient awaitClient() {
        synchronized (lock) {
            while (current == null && !stopped) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            return stopped ? null : current;
        }
    }
}
