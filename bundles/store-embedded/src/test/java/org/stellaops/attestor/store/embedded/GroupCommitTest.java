package org.stellaops.attestor.store.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.cas.StorageException;

class GroupCommitTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    @Test
    void writersThatArriveDuringACommitShareTheNextOne() throws Exception {
        CountDownLatch firstCommitMayFinish = new CountDownLatch(1);
        AtomicInteger commitsStarted = new AtomicInteger();
        GroupCommit gc = new GroupCommit("test-commit", () -> {
            if (commitsStarted.incrementAndGet() == 1) {
                await(firstCommitMayFinish);
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writers = new ArrayList<>();
            writers.add(pool.submit(gc::awaitDurable));
            Waits.until(() -> commitsStarted.get() == 1, BOUND, "the first commit to start");
            for (int i = 0; i < 7; i++) {
                writers.add(pool.submit(gc::awaitDurable));
            }
            Waits.until(() -> gc.issued() == 8, BOUND, "seven more writers to wait");
            firstCommitMayFinish.countDown();
            for (Future<?> w : writers) {
                w.get(30, TimeUnit.SECONDS);
            }
            assertEquals(2, gc.commits(), "one commit for the first writer, one shared by the other seven");
        } finally {
            pool.shutdownNow();
            gc.close();
        }
    }

    @Test
    void aWriterReturnsOnlyAfterACommitThatStartedAfterItsRequest() throws Exception {
        AtomicInteger commitsFinished = new AtomicInteger();
        GroupCommit gc = new GroupCommit("test-commit", commitsFinished::incrementAndGet);
        try {
            for (int i = 1; i <= 5; i++) {
                gc.awaitDurable();
                assertEquals(i, commitsFinished.get());
            }
        } finally {
            gc.close();
        }
    }

    @Test
    void aFailedCommitFailsItsWritersAndEveryLaterOne() {
        UncheckedIOException disk = new UncheckedIOException(new java.io.IOException("disk full"));
        GroupCommit gc = new GroupCommit("test-commit", () -> {
            throw disk;
        });
        try {
            StorageException first = assertThrows(StorageException.class, gc::awaitDurable);
            assertEquals(StorageException.FAILURE, first.code());
            assertSame(disk, first.getCause());
            StorageException later = assertThrows(StorageException.class, gc::awaitDurable);
            assertSame(disk, later.getCause());
        } finally {
            gc.close();
        }
    }

    @Test
    void closeServesWaitingWritersThenRefusesNewOnes() throws Exception {
        CountDownLatch commitMayFinish = new CountDownLatch(1);
        AtomicInteger commitsStarted = new AtomicInteger();
        GroupCommit gc = new GroupCommit("test-commit", () -> {
            commitsStarted.incrementAndGet();
            await(commitMayFinish);
        });
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> waiting = pool.submit(gc::awaitDurable);
            Waits.until(() -> commitsStarted.get() == 1, BOUND, "the commit to start");
            Thread closer = new Thread(gc::close);
            closer.start();
            commitMayFinish.countDown();
            waiting.get(30, TimeUnit.SECONDS);
            closer.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(closer.isAlive());
            assertThrows(StorageException.class, gc::awaitDurable);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closeWithoutWaitingWritersCommitsNothing() {
        AtomicInteger commitsRun = new AtomicInteger();
        GroupCommit gc = new GroupCommit("test-commit", commitsRun::incrementAndGet);
        gc.awaitDurable();
        gc.close();
        assertEquals(1, commitsRun.get(), "only the writer's commit; the file's own close commits what is left");
        assertThrows(StorageException.class, gc::awaitDurable);
    }

    @Test
    void manyConcurrentWritersAreAllReleasedByFewerCommits() throws Exception {
        AtomicInteger commitsRun = new AtomicInteger();
        GroupCommit gc = new GroupCommit("test-commit", commitsRun::incrementAndGet);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                writers.add(pool.submit(gc::awaitDurable));
            }
            for (Future<?> w : writers) {
                w.get(30, TimeUnit.SECONDS);
            }
            assertEquals(2_000, gc.issued());
            assertEquals(gc.commits(), commitsRun.get());
            assertTrue(commitsRun.get() <= 2_000, "never more commits than writers");
        } finally {
            pool.shutdownNow();
            gc.close();
        }
    }

    @Test
    void anInterruptedWriterStillWaitsForDurabilityAndKeepsItsInterrupt() throws Exception {
        CountDownLatch commitMayFinish = new CountDownLatch(1);
        GroupCommit gc = new GroupCommit("test-commit", () -> await(commitMayFinish));
        try {
            AtomicInteger outcome = new AtomicInteger();
            Thread writer = new Thread(() -> {
                gc.awaitDurable();
                outcome.set(Thread.currentThread().isInterrupted() ? 2 : 1);
            });
            writer.start();
            Waits.until(() -> gc.issued() == 1, BOUND, "the writer to wait");
            writer.interrupt();
            commitMayFinish.countDown();
            writer.join(TimeUnit.SECONDS.toMillis(30));
            assertEquals(2, outcome.get(), "returned after the commit, interrupt status kept");
            assertTrue(gc.commits() >= 1);
        } finally {
            gc.close();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test latch never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
