package org.stellaops.attestor.tlog.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The single writer: one thread drains the submission queue in batches of up to {@code batchSize} and hands each
 * batch to the integrator. With {@code batchMaxAgeMillis = 0} it takes whatever is queued the moment it is free
 * (adaptive group commit: batches grow with load, an idle log answers at once), except that after a batch of more
 * than one submission (concurrent load) it waits up to {@code loadAgeMillis} after the oldest for a fuller batch:
 * each batch costs a checkpoint signature and its verification, a rewrite of the partial tiles and bundle and a
 * round of fsyncs, and under load 4 ms more per batch cut the sequencer's disk writes per submission by a third
 * (docs/benchmarks.md, session 16). With a positive {@code batchMaxAgeMillis} it always waits up to that long.
 * Callers never wait on a lock: they only enqueue.
 */
final class Sequencer {

    private static final Pending STOP = new Pending(new byte[0], new byte[0], null, 0);

    private final BlockingQueue<Pending> queue;
    private final int batchSize;
    private final long maxAgeNanos;
    /** How long to wait for a fuller batch after a batch of more than one submission. */
    private final long underLoadAgeNanos;
    private final Consumer<List<Pending>> integrator;
    private final Thread thread;
    private volatile boolean accepting = true;

    /**
     * @param name thread name
     * @param batchSize most entries per batch
     * @param batchMaxAgeMillis how long to wait for a fuller batch; 0 for none
     * @param loadAgeMillis with {@code batchMaxAgeMillis} 0: how long to wait for a fuller batch after a batch of
     *        more than one submission
     * @param maxPending most submissions queued at once (pushback beyond)
     * @param integrator integrates one batch; must complete or fail every future of the batch
     */
    Sequencer(String name, int batchSize, long batchMaxAgeMillis, long loadAgeMillis, int maxPending,
              Consumer<List<Pending>> integrator) {
        this.queue = new LinkedBlockingQueue<>(maxPending);
        this.batchSize = batchSize;
        this.maxAgeNanos = TimeUnit.MILLISECONDS.toNanos(batchMaxAgeMillis);
        this.underLoadAgeNanos = batchMaxAgeMillis > 0 ? maxAgeNanos : TimeUnit.MILLISECONDS.toNanos(loadAgeMillis);
        this.integrator = integrator;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Queues a submission.
     *
     * @param pending the submission
     * @return false if the log is stopping or the queue is full; the caller fails the submission
     */
    boolean offer(Pending pending) {
        if (!accepting || !queue.offer(pending)) {
            return false;
        }
        // stop() may have drained the queue between the check and the offer: take the submission back.
        return accepting || !queue.remove(pending);
    }

    /** @return how many submissions are queued and not yet taken into a batch */
    int queued() {
        return queue.size();
    }

    /** @return false once {@link #stop} began: a refused offer then means "stopping", not "queue full" */
    boolean accepting() {
        return accepting;
    }

    /**
     * Stops accepting, lets the batch in progress finish, fails everything still queued and waits for the thread.
     *
     * @param failure what queued submissions fail with
     */
    void stop(RuntimeException failure) {
        accepting = false;
        queue.offer(STOP);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.stream().filter(p -> p != STOP).forEach(p -> p.future().completeExceptionally(failure));
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        int previous = 0;
        while (accepting) {
            Pending first;
            try {
                first = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (first == STOP) {
                return;
            }
            List<Pending> batch = new ArrayList<>(batchSize);
            batch.add(first);
            boolean stop;
            try {
                stop = fill(batch, first.enqueuedNanos(), previous > 1 ? underLoadAgeNanos : maxAgeNanos);
            } catch (InterruptedException e) {
                stop = true;
            }
            try {
                integrator.accept(batch);
            } catch (RuntimeException e) {
                // The integrator fails its own batch; this only guards against a bug leaving callers waiting forever.
                batch.forEach(p -> p.future().completeExceptionally(LogErrors.unavailable("batch integration failed", e)));
            }
            if (stop) {
                return;
            }
            previous = batch.size();
        }
    }

    /** @return true if the stop marker was seen */
    private boolean fill(List<Pending> batch, long firstEnqueued, long ageNanos) throws InterruptedException {
        long deadline = firstEnqueued + ageNanos;
        while (batch.size() < batchSize) {
            int before = batch.size();
            queue.drainTo(batch, batchSize - batch.size());
            if (removeStop(batch, before)) {
                return true;
            }
            long wait = deadline - System.nanoTime();
            if (batch.size() >= batchSize || ageNanos == 0 || wait <= 0) {
                return false;
            }
            Pending next = queue.poll(wait, TimeUnit.NANOSECONDS);
            if (next == STOP) {
                return true;
            }
            if (next == null) {
                return false;
            }
            batch.add(next);
        }
        return false;
    }

    private static boolean removeStop(List<Pending> batch, int from) {
        for (int i = from; i < batch.size(); i++) {
            if (batch.get(i) == STOP) {
                batch.remove(i);
                return true;
            }
        }
        return false;
    }
}
