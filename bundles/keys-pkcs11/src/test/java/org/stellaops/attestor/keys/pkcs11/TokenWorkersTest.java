package org.stellaops.attestor.keys.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.ProviderException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.keys.KeyDriverException;

/** The worker pool with real threads; a latch stands in for a token call that does not return. */
class TokenWorkersTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private final List<TokenWorkers> pools = new ArrayList<>();

    @AfterEach
    void releaseAndClose() {
        release.countDown();
        pools.forEach(TokenWorkers::close);
    }

    private TokenWorkers workers(int size, Duration timeout) {
        TokenWorkers workers = new TokenWorkers("token 'test'", size, timeout);
        pools.add(workers);
        return workers;
    }

    private Boolean hang() throws InterruptedException {
        return release.await(10, TimeUnit.MINUTES);
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 30 s");
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void returnsTheResultOfACallThatFinishesInTime() {
        assertEquals("done", workers(2, Duration.ofSeconds(30)).call("test", () -> "done"));
    }

    @Test
    void aCallThatOutlivesTheTimeoutFailsWithDriverTimeout() {
        KeyDriverException e = assertThrows(KeyDriverException.class,
                () -> workers(2, Duration.ofMillis(50)).call("signing", this::hang));
        assertEquals(KeyDriverException.TIMEOUT, e.code());
        assertTrue(e.getMessage().startsWith("signing did not finish within 50 ms"), e.getMessage());
    }

    @Test
    void onceEveryWorkerIsStuckNewCallsAreRefusedAtOnce() {
        TokenWorkers workers = workers(2, Duration.ofMillis(50));
        for (int i = 0; i < 2; i++) {
            assertEquals(KeyDriverException.TIMEOUT,
                    assertThrows(KeyDriverException.class, () -> workers.call("stuck", this::hang)).code());
        }
        await(() -> workers.stuckWorkers() == 2);

        KeyDriverException e = assertThrows(KeyDriverException.class, () -> workers.call("next", () -> "never run"));
        assertEquals(KeyDriverException.TIMEOUT, e.code());
        assertTrue(e.getMessage().contains("refused at once") && e.getMessage().contains("stuck"), e.getMessage());

        release.countDown();
        await(() -> workers.stuckWorkers() == 0);
        assertEquals("again", workers.call("after release", () -> "again"));
    }

    @Test
    void aFullQueueRefusesNewCallsAtOnceInsteadOfQueueingWithoutBound() {
        TokenWorkers workers = workers(1, Duration.ofMinutes(5));
        ExecutorService callers = Executors.newFixedThreadPool(1 + TokenWorkers.QUEUE_PER_WORKER);
        List<CompletableFuture<Boolean>> waiting = new ArrayList<>();
        for (int i = 0; i < 1 + TokenWorkers.QUEUE_PER_WORKER; i++) {
            waiting.add(CompletableFuture.supplyAsync(() -> workers.call("waiting", this::hang), callers));
            int submitted = i + 1;
            await(() -> workers.queued() == submitted - 1);
        }

        KeyDriverException e = assertThrows(KeyDriverException.class, () -> workers.call("one more", () -> true));
        assertEquals(KeyDriverException.TIMEOUT, e.code());
        assertTrue(e.getMessage().contains("overloaded"), e.getMessage());

        release.countDown();
        waiting.forEach(w -> assertTrue(w.join()));
        callers.shutdown();
    }

    @Test
    void aKeyDriverExceptionOfTheCallReachesTheCallerUnchanged() {
        KeyDriverException thrown = new KeyDriverException(KeyDriverException.NOT_FOUND, "no such key");
        assertSame(thrown, assertThrows(KeyDriverException.class,
                () -> workers(1, Duration.ofSeconds(30)).call("lookup", () -> {
                    throw thrown;
                })));
    }

    @Test
    void anyOtherFailureBecomesADriverFailureNamingThePkcs11ReturnValue() {
        KeyDriverException e = assertThrows(KeyDriverException.class,
                () -> workers(1, Duration.ofSeconds(30)).call("signing", () -> {
                    throw new ProviderException("CKR_DEVICE_ERROR");
                }));
        assertEquals(KeyDriverException.DRIVER_FAILURE, e.code());
        assertEquals("signing failed: CKR_DEVICE_ERROR", e.getMessage());
    }

    @Test
    void closedWorkersRefuseCallsWithDriverFailure() {
        TokenWorkers workers = workers(1, Duration.ofSeconds(30));
        workers.close();
        KeyDriverException e = assertThrows(KeyDriverException.class, () -> workers.call("signing", () -> 1));
        assertEquals(KeyDriverException.DRIVER_FAILURE, e.code());
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }
}
