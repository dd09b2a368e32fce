package org.stellaops.attestor.tlog.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.tlog.TransparencyLogException;

class SequencerTest {

    private static Pending pending() {
        return new Pending(new byte[32], new byte[0], new CompletableFuture<>(), System.nanoTime());
    }

    /** Integrator that records batch sizes and completes every future with null. */
    private static final class Recorder implements java.util.function.Consumer<List<Pending>> {
        final List<Integer> sizes = new CopyOnWriteArrayList<>();
        final CountDownLatch release;

        Recorder(CountDownLatch release) {
            this.release = release;
        }

        @Override
        public void accept(List<Pending> batch) {
            sizes.add(batch.size());
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            batch.forEach(p -> p.future().complete(null));
        }
    }

    @Test
    void neverHandsMoreThanBatchSizeEntriesToOneBatch() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        Recorder recorder = new Recorder(hold);
        Sequencer sequencer = new Sequencer("t", 8, 0, 0, 1000, recorder);
        sequencer.start();
        List<Pending> all = offer(sequencer, 50);
        hold.countDown();
        awaitAll(all);
        sequencer.stop(LogErrors.unavailable("stopped"));
        assertEquals(50, recorder.sizes.stream().mapToInt(Integer::intValue).sum());
        assertTrue(recorder.sizes.stream().allMatch(s -> s <= 8), recorder.sizes.toString());
        assertTrue(recorder.sizes.size() < 50, "a held sequencer must group what queued up: " + recorder.sizes);
    }

    @Test
    void waitsForAFullBatchWhenAMaxAgeIsSet() throws Exception {
        Recorder recorder = new Recorder(new CountDownLatch(0));
        Sequencer sequencer = new Sequencer("t", 10, 60_000, 0, 1000, recorder);
        sequencer.start();
        awaitAll(offer(sequencer, 10));
        sequencer.stop(LogErrors.unavailable("stopped"));
        assertEquals(List.of(10), recorder.sizes);
    }

    /**
     * Offers one submission, waits until the sequencer has taken it into a batch (alone in the queue), then offers
     * the rest, and waits until all are integrated: a sequencer that does not wait for a fuller batch integrates the
     * first one alone.
     */
    private static void offerOneThenTheRest(Sequencer sequencer, int count) throws Exception {
        List<Pending> all = new ArrayList<>(offer(sequencer, 1));
        Await.until("the sequencer took the first submission", () -> sequencer.queued() == 0);
        all.addAll(offer(sequencer, count - 1));
        awaitAll(all);
    }

    /** @return {@code count} new submissions, offered in order */
    private static List<Pending> offer(Sequencer sequencer, int count) {
        List<Pending> offered = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Pending p = pending();
            offered.add(p);
            assertTrue(sequencer.offer(p), "the sequencer took the submission");
        }
        return offered;
    }

    private static void awaitAll(List<Pending> submissions) throws Exception {
        CompletableFuture.allOf(submissions.stream().map(Pending::future).toArray(CompletableFuture[]::new))
                .get(30, TimeUnit.SECONDS);
    }

    @Test
    void integratesALoneSubmissionAtOnceInAdaptiveMode() throws Exception {
        Recorder recorder = new Recorder(new CountDownLatch(0));
        // a load age of a minute: had a lone submission waited for it, the get below would time out
        Sequencer sequencer = new Sequencer("t", 10, 0, 60_000, 1000, recorder);
        sequencer.start();
        for (int i = 0; i < 3; i++) {
            Pending p = pending();
            sequencer.offer(p);
            p.future().get(30, TimeUnit.SECONDS);
        }
        sequencer.stop(LogErrors.unavailable("stopped"));
        assertEquals(List.of(1, 1, 1), recorder.sizes);
    }

    @Test
    void waitsForAFullerBatchAfterABatchOfSeveralInAdaptiveMode() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        Recorder recorder = new Recorder(hold);
        Sequencer sequencer = new Sequencer("t", 10, 0, 60_000, 1000, recorder);
        sequencer.start();
        List<Pending> all = new ArrayList<>(offer(sequencer, 1));
        Await.until("the first batch in the integrator", () -> recorder.sizes.size() == 1);
        // three more arrive while the first batch is being integrated: concurrent load
        all.addAll(offer(sequencer, 3));
        hold.countDown();
        awaitAll(all);
        assertEquals(List.of(1, 3), recorder.sizes);
        offerOneThenTheRest(sequencer, 10);
        sequencer.stop(LogErrors.unavailable("stopped"));
        // without the wait the first of the ten, alone in the queue, would have gone alone
        assertEquals(List.of(1, 3, 10), recorder.sizes);
    }

    @Test
    void aFixedMaxAgeAppliesAfterABatchOfSeveralTooNotTheLoadAge() throws Exception {
        Recorder recorder = new Recorder(new CountDownLatch(0));
        Sequencer sequencer = new Sequencer("t", 10, 60_000, 0, 1000, recorder);
        sequencer.start();
        offerOneThenTheRest(sequencer, 10);
        offerOneThenTheRest(sequencer, 10);
        sequencer.stop(LogErrors.unavailable("stopped"));
        // the load age (0) instead of the fixed age after the first batch of ten would have split the second
        assertEquals(List.of(10, 10), recorder.sizes);
    }

    @Test
    void finishesTheCurrentBatchAndFailsTheQueuedRestOnStop() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        Recorder recorder = new Recorder(hold);
        Sequencer sequencer = new Sequencer("t", 1, 0, 0, 1000, recorder);
        sequencer.start();
        Pending first = pending();
        sequencer.offer(first);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (recorder.sizes.isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        Pending queued = pending();
        sequencer.offer(queued);
        Thread stopper = new Thread(() -> sequencer.stop(LogErrors.unavailable("stopped")));
        stopper.start();
        // stop() clears the accepting flag before it waits for the sequencer: once the stopper waits, release.
        long stopDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (stopper.getState() != Thread.State.WAITING && System.nanoTime() < stopDeadline) {
            Thread.onSpinWait();
        }
        hold.countDown();
        stopper.join(30_000);
        assertFalse(stopper.isAlive());
        assertEquals(null, first.future().get(1, TimeUnit.SECONDS));
        ExecutionException failed = assertThrows(ExecutionException.class, () -> queued.future().get(1, TimeUnit.SECONDS));
        assertEquals(TransparencyLogException.UNAVAILABLE, assertInstanceOf(TransparencyLogException.class, failed.getCause()).code());
    }

    @Test
    void refusesSubmissionsOnceStopped() {
        Sequencer sequencer = new Sequencer("t", 4, 0, 0, 1000, new Recorder(new CountDownLatch(0)));
        sequencer.start();
        sequencer.stop(LogErrors.unavailable("stopped"));
        CompletableFuture<Submission> future = new CompletableFuture<>();
        assertFalse(sequencer.offer(new Pending(new byte[32], new byte[0], future, System.nanoTime())));
    }

    @Test
    void refusesSubmissionsBeyondThePendingLimit() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        Recorder recorder = new Recorder(hold);
        Sequencer sequencer = new Sequencer("t", 1, 0, 0, 2, recorder);
        sequencer.start();
        sequencer.offer(pending());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (recorder.sizes.isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(sequencer.offer(pending()));
        assertTrue(sequencer.offer(pending()));
        assertFalse(sequencer.offer(pending()));
        hold.countDown();
        sequencer.stop(LogErrors.unavailable("stopped"));
    }
}
