package org.stellaops.attestor.store.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class CommitGateTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    private final CommitGate gate = new CommitGate();

    @Test
    void mutationsRunAtTheSameTime() throws Exception {
        gate.enter();
        AtomicBoolean secondInside = new AtomicBoolean();
        Thread second = start(() -> {
            gate.enter();
            secondInside.set(true);
            gate.leave();
        });
        second.join(TimeUnit.SECONDS.toMillis(30));
        assertTrue(secondInside.get(), "a second mutation entered while the first was inside");
        gate.leave();
    }

    @Test
    void aCommitWaitsUntilTheMutationsInsideHaveLeft() throws Exception {
        gate.enter();
        AtomicBoolean committing = new AtomicBoolean();
        Thread committer = start(() -> {
            gate.close();
            committing.set(true);
            gate.open();
        });
        Waits.until(() -> committer.getState() == Thread.State.WAITING, BOUND, "the commit to wait");
        assertFalse(committing.get());
        gate.leave();
        committer.join(TimeUnit.SECONDS.toMillis(30));
        assertTrue(committing.get());
    }

    @Test
    void aWaitingCommitHoldsNewMutationsOffSoItCannotStarve() throws Exception {
        gate.enter();
        List<String> order = new ArrayList<>();
        Thread committer = start(() -> {
            gate.close();
            synchronized (order) {
                order.add("commit");
            }
            gate.open();
        });
        Waits.until(() -> committer.getState() == Thread.State.WAITING, BOUND, "the commit to wait");
        Thread late = start(() -> {
            gate.enter();
            synchronized (order) {
                order.add("late mutation");
            }
            gate.leave();
        });
        Waits.until(() -> late.getState() == Thread.State.WAITING, BOUND, "the late mutation to wait");
        gate.leave();
        committer.join(TimeUnit.SECONDS.toMillis(30));
        late.join(TimeUnit.SECONDS.toMillis(30));
        assertEquals(List.of("commit", "late mutation"), order);
    }

    @Test
    void aNestedMutationDoesNotWaitForAWaitingCommit() throws Exception {
        CountDownLatch outerEntered = new CountDownLatch(1);
        CountDownLatch commitWaits = new CountDownLatch(1);
        AtomicBoolean nestedEntered = new AtomicBoolean();
        Thread mutation = start(() -> {
            gate.enter();
            outerEntered.countDown();
            await(commitWaits);
            gate.enter(); // would deadlock if it waited for the commit, which waits for the outer mutation
            nestedEntered.set(true);
            gate.leave();
            gate.leave();
        });
        assertTrue(outerEntered.await(30, TimeUnit.SECONDS));
        Thread committer = start(() -> {
            gate.close();
            gate.open();
        });
        Waits.until(() -> committer.getState() == Thread.State.WAITING, BOUND, "the commit to wait");
        commitWaits.countDown();
        mutation.join(TimeUnit.SECONDS.toMillis(30));
        committer.join(TimeUnit.SECONDS.toMillis(30));
        assertTrue(nestedEntered.get(), "the nested mutation entered while the commit waited");
        assertFalse(committer.isAlive(), "the commit ran once the outer mutation left");
    }

    @Test
    void openingTheGateLetsInEveryMutationThatWaited() throws Exception {
        gate.close();
        int waiting = 16;
        CountDownLatch entered = new CountDownLatch(waiting);
        AtomicInteger started = new AtomicInteger();
        List<Thread> mutations = new ArrayList<>();
        for (int i = 0; i < waiting; i++) {
            mutations.add(start(() -> {
                started.incrementAndGet();
                gate.enter();
                entered.countDown();
                gate.leave();
            }));
        }
        Waits.until(() -> started.get() == waiting
                && mutations.stream().allMatch(t -> t.getState() == Thread.State.WAITING), BOUND,
                "every mutation to wait");
        assertEquals(waiting, entered.getCount(), "none entered while the gate was closed");
        gate.open();
        assertTrue(entered.await(30, TimeUnit.SECONDS));
        gate.close(); // every mutation left again
        gate.open();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Thread start(Runnable body) {
        Thread thread = new Thread(body, "commit-gate-test");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
