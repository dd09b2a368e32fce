package org.stellaops.attestor.tlog.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.tlog.HashedRekordRequest;
import org.stellaops.attestor.api.tlog.TransparencyLogException;
import org.stellaops.attestor.testing.MemoryKeyDriver;

/** {@link EmbeddedLog#append}: telling a new entry from an existing one, pushback and the frozen log. */
class AppendTest {

    private static final String ORIGIN = "append.test";

    @TempDir
    Path dir;

    private final MemoryKeyDriver key = MemoryKeyDriver.generate();
    private final List<EmbeddedLog> opened = new ArrayList<>();

    private EmbeddedLog open(LogSettings settings, org.stellaops.attestor.api.keys.KeyDriver driver) {
        EmbeddedLog log = EmbeddedLog.open(settings, driver);
        opened.add(log);
        return log;
    }

    private LogSettings settings(int batchSize, long maxAgeMillis) {
        return new LogSettings(dir, ORIGIN, "service", batchSize, maxAgeMillis, "");
    }

    @AfterEach
    void close() {
        opened.forEach(EmbeddedLog::close);
    }

    private static Submission await(CompletionStage<Submission> stage) {
        try {
            return stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("append did not complete", e);
        }
    }

    private static Throwable failure(CompletionStage<Submission> stage) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> stage.toCompletableFuture().get(60, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void marksTheFirstAppendOfABodyFreshAndLaterOnesNot() {
        EmbeddedLog log = open(settings(256, 0), key);
        HashedRekordRequest request = Requests.request(1);
        Submission first = await(log.append(request));
        Submission again = await(log.append(request));
        assertTrue(first.fresh());
        assertFalse(again.fresh());
        assertEquals(first.entry().logIndex(), again.entry().logIndex());
        Verify.entry(again.entry(), ORIGIN, key.publicKey());
    }

    @Test
    void ofConcurrentAppendsOfOneBodyExactlyOneIsFresh() throws Exception {
        EmbeddedLog log = open(settings(256, 0), key);
        HashedRekordRequest request = Requests.request(2);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Submission>> all = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                all.add(CompletableFuture.supplyAsync(() -> await(log.append(request)), pool));
            }
            List<Submission> results = all.stream().map(CompletableFuture::join).toList();
            assertEquals(1, results.stream().filter(Submission::fresh).count());
            assertEquals(1, results.stream().map(s -> s.entry().logIndex()).distinct().count());
            assertEquals(1, log.latestCheckpoint().size());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void duplicatesWithinOneBatchAreNotFresh() {
        EmbeddedLog log = open(settings(16, 60_000), key);
        // ECDSA signatures are randomized: build each request once so that equal requests have equal bodies.
        List<HashedRekordRequest> distinct = List.of(Requests.request(0), Requests.request(1), Requests.request(2),
                Requests.request(3));
        List<CompletionStage<Submission>> stages = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            stages.add(log.append(distinct.get(i % 4)));
        }
        List<Submission> results = stages.stream().map(AppendTest::await).toList();
        assertEquals(4, results.stream().filter(Submission::fresh).count());
        for (int i = 0; i < 4; i++) {
            assertTrue(results.get(i).fresh(), "the first of each body in queue order is the fresh one");
        }
    }

    @Test
    void failsWithPushbackWhenTheQueueIsFull() throws Exception {
        BlockingKeyDriver driver = new BlockingKeyDriver(key);
        EmbeddedLog log = open(settings(1, 0).withMaxPending(1), driver);
        driver.arm();
        CompletionStage<Submission> held = log.append(Requests.request(1));
        driver.awaitHolding();
        CompletionStage<Submission> queued = log.append(Requests.request(2));
        Throwable refused = failure(log.append(Requests.request(3)));
        LogPushbackException pushback = assertInstanceOf(LogPushbackException.class, refused);
        assertEquals(TransparencyLogException.UNAVAILABLE, pushback.code());
        driver.release();
        assertTrue(await(held).fresh());
        assertTrue(await(queued).fresh());
    }

    @Test
    void aFrozenLogRefusesAppendsAndSubmissionsButServesReads() {
        LogEntry logged;
        try (EmbeddedLog writable = EmbeddedLog.open(settings(256, 0), key)) {
            logged = Verify.await(writable.submit(Requests.request(1)));
        }
        EmbeddedLog frozen = open(settings(256, 0).withReadOnly(true), key);
        assertTrue(frozen.readOnly());
        TransparencyLogException refused = assertInstanceOf(TransparencyLogException.class, failure(frozen.append(Requests.request(2))));
        assertEquals(TransparencyLogException.UNAVAILABLE, refused.code());
        assertEquals(1, frozen.latestCheckpoint().size());
        Verify.inclusion(frozen.inclusionProof(0, 1), java.util.HexFormat.of().parseHex(logged.uuid()), ORIGIN, key.publicKey());
    }
}
