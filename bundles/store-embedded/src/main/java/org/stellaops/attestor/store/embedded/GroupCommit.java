package org.stellaops.attestor.store.embedded;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.stellaops.attestor.cas.StorageException;

/**
 * Group commit: writers apply their changes, then call {@link #awaitDurable()}, which waits until a commit that
 * started after the call has finished. One committer thread runs the commits back to back, so every writer that
 * arrives while a commit is running is covered by the next one: one fsync for many writers instead of one each, and
 * no global lock held across the fsync.
 *
 * <p>Writers wait on the {@link Round} of the next commit to start, not on a lock: the committer ends a round by
 * completing its future, which unparks every waiter of that round directly. With a lock and a condition, as before,
 * each woken writer had to take the lock again in turn, and under submission load on two cores (64 request threads
 * runnable) that hand-over chain, one context switch per link, held writers for about 30 ms per commit of 7 ms, and
 * the committer itself waited in the same queue (docs/benchmarks.md, session 17).
 *
 * <p>Once a commit fails the group commit is broken for good: every waiting and every later writer gets a
 * {@link StorageException}, because nothing written since the last good commit can be promised any more.
 */
final class GroupCommit implements AutoCloseable {

    /** Makes everything written before the call durable. */
    @FunctionalInterface
    interface Committer {
        /** Commits and syncs. */
        void commitAndSync();
    }

    /** The writers one commit covers: it is complete once that commit is durable. */
    private static final class Round {
        private final CompletableFuture<Void> durable = new CompletableFuture<>();
        private final AtomicInteger writers = new AtomicInteger();
    }

    private final Committer committer;
    private final Thread thread;
    /** The round of the next commit to start; only the committer replaces it. */
    private final AtomicReference<Round> next = new AtomicReference<>(new Round());
    private final AtomicLong issued = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private volatile boolean closing;
    private volatile Throwable failure;

    /**
     * Starts the committer thread.
     *
     * @param name the thread's name
     * @param committer what a commit does
     */
    GroupCommit(String name, Committer committer) {
        this.committer = committer;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Waits until everything the calling thread wrote before this call is durable. Not interruptible: a writer that
     * returned early could not say whether its write survives a crash; the interrupt status is kept.
     *
     * @throws StorageException {@code storage.failure} if the covering commit failed or the store is closed
     */
    void awaitDurable() {
        checkUsable();
        // The committer replaces the round before its commit takes the store's write lock, so a round read here
        // is committed after everything this thread wrote before the call.
        Round round = next.get();
        if (round.writers.incrementAndGet() == 1) {
            LockSupport.unpark(thread);
        }
        issued.incrementAndGet();
        try {
            round.durable.join(); // uninterruptible; join keeps the interrupt status
        } catch (CompletionException e) {
            Throwable failed = failure; // set before any round fails, so a failed round always finds it
            if (failed == null) {
                throw new StorageException(StorageException.FAILURE, "the store is closed", null);
            }
            throw new StorageException(StorageException.FAILURE, "the store could not commit", failed);
        }
    }

    private void checkUsable() {
        Throwable failed = failure;
        if (failed != null) {
            throw new StorageException(StorageException.FAILURE, "the store failed earlier and accepts no writes",
                    failed);
        }
        if (closing) {
            throw new StorageException(StorageException.FAILURE, "the store is closed", null);
        }
    }

    private void run() {
        while (true) {
            boolean last = closing;
            if (next.get().writers.get() == 0 && !last) {
                LockSupport.park(this);
                continue;
            }
            Round round = next.getAndSet(last ? ended(new StorageException(StorageException.FAILURE,
                    "the store is closed", null)) : new Round());
            if (last && round.writers.get() == 0) {
                // nobody waits: no commit (the file's close commits what is left); a writer that joins the round
                // only now raced with close and is told the store is closed
                round.durable.completeExceptionally(new StorageException(StorageException.FAILURE,
                        "the store is closed", null));
                return;
            }
            try {
                committer.commitAndSync();
            } catch (RuntimeException | Error e) {
                failure = e;
                round.durable.completeExceptionally(e);
                // writers that read the round after this one wait for a commit that will never run
                next.getAndSet(ended(e)).durable.completeExceptionally(e);
                return;
            }
            commits.incrementAndGet();
            round.durable.complete(null);
            if (last) {
                return;
            }
        }
    }

    private static Round ended(Throwable why) {
        Round ended = new Round();
        ended.durable.completeExceptionally(why);
        return ended;
    }

    /** @return how many commits ran */
    long commits() {
        return commits.get();
    }

    /** @return how many writers asked for durability */
    long issued() {
        return issued.get();
    }

    /** @return the failure that broke the group commit, or null */
    Throwable failure() {
        return failure;
    }

    /**
     * Refuses new writers, lets the committer finish the writers already waiting (with one last commit), and stops
     * it.
     *
     * @throws StorageException if the committer does not stop within a minute
     */
    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.MINUTES.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(StorageException.FAILURE, "interrupted while closing the store", e);
        }
        if (thread.isAlive()) {
            throw new StorageException(StorageException.FAILURE, "the store's commit thread did not stop", null);
        }
    }
}
