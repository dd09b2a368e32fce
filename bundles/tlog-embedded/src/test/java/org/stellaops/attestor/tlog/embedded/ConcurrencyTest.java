package org.stellaops.attestor.tlog.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.tlog.HashedRekordRequest;
import org.stellaops.attestor.sdk.merkle.ConsistencyProofs;
import org.stellaops.attestor.testing.MemoryKeyDriver;

class ConcurrencyTest {

    private static final String ORIGIN = "concurrency.test";

    @TempDir
    Path dir;

    private final MemoryKeyDriver key = MemoryKeyDriver.generate();

    /** Each thread submits its share and waits for each entry before the next, like independent HTTP clients. */
    private List<LogEntry> submitFromThreads(EmbeddedLog log, int threads, int perThread, boolean waitEach,
                                             LongFunction<HashedRekordRequest> requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<LogEntry>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<List<LogEntry>> job = () -> {
                    List<CompletionStage<LogEntry>> stages = new ArrayList<>();
                    List<LogEntry> done = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        CompletionStage<LogEntry> stage = log.submit(requests.apply((long) thread * perThread + i));
                        if (waitEach) {
                            done.add(Verify.await(stage));
                        } else {
                            stages.add(stage);
                        }
                    }
                    stages.forEach(s -> done.add(Verify.await(s)));
                    return done;
                };
                futures.add(pool.submit(job));
            }
            List<LogEntry> all = new ArrayList<>();
            for (Future<List<LogEntry>> f : futures) {
                all.addAll(f.get(5, TimeUnit.MINUTES));
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sixteenThreadsOfTwoHundredSubmissionsGetDistinctIndexesAndValidProofs() throws Exception {
        try (EmbeddedLog log = EmbeddedLog.open(new LogSettings(dir, ORIGIN, "service", 256, 0, ""), key)) {
            long start = System.nanoTime();
            List<LogEntry> entries = submitFromThreads(log, 16, 200, true, Requests::request);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("tlog-embedded: 16 threads x 200 waited submissions: %.0f appends/s (%d checkpoints)%n",
                    entries.size() / seconds, key.signatureCount());
            Set<Long> indexes = new HashSet<>();
            entries.forEach(e -> indexes.add(e.logIndex()));
            assertEquals(3200, indexes.size());
            assertEquals(3200, log.latestCheckpoint().size());
            for (LogEntry e : entries) {
                Verify.entry(e, ORIGIN, key.publicKey());
                ConsistencyProofs.verify(e.inclusionProof().treeSize(), 3200, e.inclusionProof().rootHash().value(),
                        log.latestCheckpoint().rootHash().value(),
                        Verify.raw(log.consistencyProof(e.inclusionProof().treeSize(), 3200)));
            }
        }
    }

    @Test
    void reportsPipelinedAppendThroughput() throws Exception {
        try (EmbeddedLog log = EmbeddedLog.open(new LogSettings(dir, ORIGIN, "service", 256, 0, ""), key)) {
            long start = System.nanoTime();
            List<LogEntry> entries = submitFromThreads(log, 8, 4000, false, Requests::bulk);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("tlog-embedded: 8 threads x 4000 pipelined submissions: %.0f appends/s (%d checkpoints)%n",
                    entries.size() / seconds, key.signatureCount());
            assertEquals(32_000, log.latestCheckpoint().size());
            Set<Long> indexes = new HashSet<>();
            entries.forEach(e -> indexes.add(e.logIndex()));
            assertEquals(32_000, indexes.size());
        }
    }
}
