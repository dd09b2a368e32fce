package org.stellaops.attestor.store.embedded;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The shared/exclusive lock between mutations and commits: any number of mutations run at once, a commit runs
 * alone. Like a {@link java.util.concurrent.locks.ReentrantReadWriteLock} (mutations may nest; a waiting commit
 * holds new mutations off so it cannot starve), with one difference that matters under load: when the commit ends,
 * every mutation it held off is woken at once by the commit's thread. A read-write lock wakes its queued readers in
 * a chain (each woken reader wakes the next), one context switch per link; with 64 request threads on two cores
 * that chain held each store write for about 5 ms per commit (docs/benchmarks.md, session 17).
 */
final class CommitGate {

    /** Mutations inside, nested ones not counted again. */
    private final AtomicInteger inside = new AtomicInteger();
    /** Non-null while a commit holds or waits for the gate; completes when it opens the gate again. */
    private volatile CompletableFuture<Void> closed;
    /** The thread that closed the gate, woken by the last mutation to leave. */
    private volatile Thread closer;
    /** One commit at a time (the committer, or the file's close once the committer stopped). */
    private final ReentrantLock commits = new ReentrantLock();
    private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);

    /** Enters a mutation; waits (uninterruptibly) while a commit holds or waits for the gate, unless nested. */
    void enter() {
        int[] nesting = depth.get();
        if (nesting[0]++ > 0) {
            return; // the outer mutation is counted, and a commit waits for it anyway
        }
        while (true) {
            CompletableFuture<Void> wait = closed;
            if (wait != null) {
                wait.join();
                continue;
            }
            inside.incrementAndGet();
            // a commit closing concurrently either saw this mutation inside or is seen here
            if (closed == null) {
                return;
            }
            leaveOuter();
        }
    }

    /** Leaves a mutation entered by {@link #enter}. */
    void leave() {
        int[] nesting = depth.get();
        if (--nesting[0] > 0) {
            return;
        }
        leaveOuter();
    }

    private void leaveOuter() {
        if (inside.decrementAndGet() == 0 && closed != null) {
            LockSupport.unpark(closer);
        }
    }

    /** Closes the gate for a commit: new mutations wait, and this returns once none is inside. */
    void close() {
        commits.lock();
        closer = Thread.currentThread();
        closed = new CompletableFuture<>();
        while (inside.get() > 0) {
            LockSupport.park(this);
        }
    }

    /** Opens the gate after {@link #close}, waking every mutation that waits. */
    void open() {
        CompletableFuture<Void> opening = closed;
        closed = null;
        closer = null;
        commits.unlock();
        opening.complete(null);
    }
}
