package org.stellaops.attestor.store.embedded;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.stellaops.attestor.cas.StorageException;

/**
 * Group commit: writers apply their changes, then call {@link #awaitDurable()}, which hands out a ticket and waits
 * until a commit that started after the ticket was issued has finished. One committer thread runs the commits back
 * to back, so every writer that arrives while a commit is running is covered by the next one: one fsync for many
 * writers instead of one each, and no global lock held across the fsync.
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

    private final Committer committer;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition progress = lock.newCondition();
    private final Thread thread;

    private long issued;
    private long durable;
    private long commits;
    private boolean closing;
    private Throwable failure;

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
        lock.lock();
        try {
            checkUsable();
            long ticket = ++issued;
            work.signal();
            while (durable < ticket && failure == null) {
                progress.awaitUninterruptibly();
            }
            if (durable < ticket) {
                throw new StorageException(StorageException.FAILURE, "the store could not commit", failure);
            }
        } finally {
            lock.unlock();
        }
    }

    private void checkUsable() {
        if (failure != null) {
            throw new StorageException(StorageException.FAILURE, "the store failed earlier and accepts no writes",
                    failure);
        }
        if (closing) {
            throw new StorageException(StorageException.FAILURE, "the store is closed", null);
        }
    }

    private void run() {
        while (true) {
            long upTo;
            lock.lock();
            try {
                while (issued == durable && !closing) {
                    work.awaitUninterruptibly();
                }
                if (issued == durable) {
                    return;
                }
                upTo = issued;
            } finally {
                lock.unlock();
            }
            if (!commit(upTo)) {
                return;
            }
        }
    }

    private boolean commit(long upTo) {
        try {
            committer.commitAndSync();
        } catch (RuntimeException | Error e) {
            lock.lock();
            try {
                failure = e;
                progress.signalAll();
            } finally {
                lock.unlock();
            }
            return false;
        }
        lock.lock();
        try {
            durable = upTo;
            commits++;
            progress.signalAll();
        } finally {
            lock.unlock();
        }
        return true;
    }

    /** @return how many commits ran */
    long commits() {
        lock.lock();
        try {
            return commits;
        } finally {
            lock.unlock();
        }
    }

    /** @return how many tickets were issued, i.e. writers that asked for durability */
    long issued() {
        lock.lock();
        try {
            return issued;
        } finally {
            lock.unlock();
        }
    }

    /** @return the failure that broke the group commit, or null */
    Throwable failure() {
        lock.lock();
        try {
            return failure;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Refuses new writers, lets the committer finish the writers already waiting, and stops it.
     *
     * @throws StorageException if the committer does not stop within a minute
     */
    @Override
    public void close() {
        lock.lock();
        try {
            closing = true;
            work.signal();
        } finally {
            lock.unlock();
        }
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
