package org.stellaops.attestor.core.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stellaops.attestor.cas.StorageException;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.AuditStore;

/**
 * Writes audit events of high-volume, read-only actions (verifications) behind the caller's back, so that a
 * verification served from the cache does not wait for a commit of its own. The queue is bounded: when the writers
 * fall behind, {@link #submit} blocks (backpressure) and after {@code offerTimeout} fails the action with
 * {@code storage.failure} rather than answering unaudited. A failed append is retried, never dropped. Each writer
 * takes whatever has queued up (up to {@value #BATCH} events) and appends it with one
 * {@link AuditStore#appendAll} call; with several writers, events may be appended in a slightly different order
 * than they happened (each carries its own time).
 */
final class AuditWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditWriter.class);
    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final Duration DRAIN_BOUND = Duration.ofSeconds(30);
    /** Events appended in one store call: one commit for a burst of verifications. */
    private static final int BATCH = 1024;

    private final AuditStore store;
    private final BlockingQueue<AuditEvent> queue;
    private final Duration offerTimeout;
    private final Consumer<AuditEvent> written;
    private final List<Thread> writers = new ArrayList<>();
    private final AtomicLong appended = new AtomicLong();
    private volatile boolean closing;

    /**
     * @param written called after each durable append (posts the EventAdmin notification)
     */
    AuditWriter(AuditStore store, int capacity, int threads, Duration offerTimeout, Consumer<AuditEvent> written) {
        this.store = store;
        this.queue = new ArrayBlockingQueue<>(Math.max(1, capacity));
        this.offerTimeout = offerTimeout;
        this.written = written;
        for (int i = 1; i <= Math.max(1, threads); i++) {
            Thread thread = new Thread(this::run, "attestor-audit-" + i);
            thread.setDaemon(true);
            writers.add(thread);
            thread.start();
        }
    }

    /**
     * Queues an event; it is durable shortly afterwards.
     *
     * @throws StorageException {@code storage.failure} if the queue stayed full for {@code offerTimeout} or the
     *                          writer is closed
     */
    void submit(AuditEvent event) {
        if (closing) {
            throw new StorageException(StorageException.FAILURE, "the audit writer is closed", null);
        }
        try {
            if (queue.offer(event, offerTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(StorageException.FAILURE, "interrupted while waiting to audit " + event.action(),
                    e);
        }
        throw new StorageException(StorageException.FAILURE, "the audit trail is not keeping up: " + queue.size()
                + " events wait to be written", null);
    }

    /** @return events queued but not yet written */
    int backlog() {
        return queue.size();
    }

    /** @return events written since start */
    long appended() {
        return appended.get();
    }

    private void run() {
        List<AuditEvent> batch = new ArrayList<>(BATCH);
        while (true) {
            AuditEvent first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                first = null;
            }
            if (first == null) {
                if (closing) {
                    return;
                }
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, BATCH - 1);
            write(batch);
            batch.clear();
        }
    }

    /** Appends in one store call, retrying until it works; only a store broken past the close bound loses events. */
    private void write(List<AuditEvent> events) {
        long giveUpAt = Long.MAX_VALUE;
        while (true) {
            try {
                store.appendAll(List.copyOf(events));
                appended.addAndGet(events.size());
                events.forEach(written);
                return;
            } catch (RuntimeException e) {
                if (closing && giveUpAt == Long.MAX_VALUE) {
                    giveUpAt = System.nanoTime() + DRAIN_BOUND.toNanos();
                }
                if (System.nanoTime() > giveUpAt) {
                    LOG.error("{} AUDIT EVENTS NOT WRITTEN (the audit store failed until shutdown): {}", events.size(),
                            events, e);
                    return;
                }
                LOG.error("cannot write {} audit events, first {} {} (retrying): {}", events.size(),
                        events.get(0).action(), events.get(0).target(), e.toString());
                LockSupport.parkNanos(RETRY_NANOS);
            }
        }
    }

    /** Refuses new events and waits (bounded) until the queued ones are written. */
    @Override
    public void close() {
        closing = true;
        long deadline = System.nanoTime() + DRAIN_BOUND.toNanos() * 2;
        for (Thread writer : writers) {
            try {
                writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!queue.isEmpty()) {
            LOG.error("{} audit events could not be written before shutdown: {}", queue.size(), List.copyOf(queue));
        }
    }
}
