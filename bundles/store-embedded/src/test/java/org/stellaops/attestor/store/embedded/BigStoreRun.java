package org.stellaops.attestor.store.embedded;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import org.stellaops.attestor.store.EntryQuery;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.RecordJson;
import org.stellaops.attestor.store.tck.TckRecords;

/**
 * Child-process program of {@link BigStoreTest}: fills a store with realistic records from many writer threads and,
 * at each checkpoint, prints the heap used after a full GC, the file size and the mean time of lookups. It runs in
 * a JVM with a bounded heap, so finishing at all shows that the store keeps no per-record data on the heap.
 * Usage: {@code BigStoreRun <file> <threads> <checkpoint>...}.
 */
public final class BigStoreRun {

    private static final String[] PREDICATES = {TckRecords.SLSA, TckRecords.SPDX, TckRecords.VEX};
    private static final int SIGNERS = 50;
    private static final int SHARED_SUBJECTS = 1000;
    private static final int SAMPLES = 2000;

    private BigStoreRun() {
    }

    /**
     * @param args store file, writer threads, ascending checkpoints (record counts)
     * @throws Exception on failure (the parent reports the exit code)
     */
    public static void main(String[] args) throws Exception {
        Path file = Paths.get(args[0]);
        int threads = Integer.parseInt(args[1]);
        System.out.printf(Locale.ROOT, "record JSON: %d bytes (logged), %d bytes (pending); %d writer threads%n",
                new RecordJson().write(record(1)).length(), new RecordJson().write(record(100)).length(), threads);
        try (EmbeddedStore store = new EmbeddedStore(file)) {
            int filled = 0;
            for (int a = 2; a < args.length; a++) {
                int target = Integer.parseInt(args[a]);
                long start = System.nanoTime();
                fill(store, filled, target, threads);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "filled %d records (%d new in %.1f s, %.0f records/s)%n", target,
                        target - filled, seconds, (target - filled) / seconds);
                filled = target;
                report(store, file, filled);
            }
        }
        System.out.println("done");
    }

    /** Record {@code i}: a unique subject, one of 1000 shared ones, one or two of 50 signers, 1 % pending. */
    static EntryRecord record(int i) {
        TckRecords.RecordBuilder b = TckRecords.record("big-" + i).at(TckRecords.T0.plusMillis(i))
                .predicate(PREDICATES[i % PREDICATES.length])
                .subjects("app-" + i, "base-" + (i % SHARED_SUBJECTS));
        b = i % 2 == 0 ? b.signers("signer-" + (i % SIGNERS))
                : b.signers("signer-" + (i % SIGNERS), "signer-" + ((i + 7) % SIGNERS));
        return i % 100 == 0 ? b.pending() : b.logged();
    }

    private static void fill(EmbeddedStore store, int from, int to, int threads) throws Exception {
        AtomicInteger next = new AtomicInteger(from);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < to; i = next.getAndIncrement()) {
                        store.putIfAbsent(record(i));
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get(6, TimeUnit.HOURS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void report(EmbeddedStore store, Path file, int n) throws IOException {
        System.out.printf(Locale.ROOT, "  at %d records: heap used after GC %.1f MiB (max %.0f MiB), file %.1f MiB,"
                + " count %d%n", n, heapAfterGc() / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576.0, Files.size(file) / 1048576.0, store.count());
        Random random = new Random(n);
        time("byUuid", SAMPLES, k -> require(store.byUuid(TckRecords.TENANT, TckRecords.uuid("big-" + random.nextInt(n), 0))
                .isPresent()));
        time("byEnvelopeDigest", SAMPLES, k -> require(store.byEnvelopeDigest(TckRecords.TENANT, 
                TckRecords.digest("big-" + random.nextInt(n))).isPresent()));
        time("search unique subject, limit 10", SAMPLES, k -> require(store.search(new EntryQuery(TckRecords.TENANT, 
                TckRecords.subject("app-" + random.nextInt(n)), null, null, null, null, 10, null))
                .records().size() == 1));
        time("search shared subject (n/1000 matches), limit 20", SAMPLES / 4, k -> require(!store.search(
                new EntryQuery(TckRecords.TENANT, TckRecords.subject("base-" + random.nextInt(SHARED_SUBJECTS)), null, null, null, null,
                        20, null)).records().isEmpty()));
        time("search signer + predicate, limit 20", SAMPLES / 4, k -> require(!store.search(new EntryQuery(TckRecords.TENANT, null,
                PREDICATES[random.nextInt(3)], TckRecords.keyId("signer-" + random.nextInt(SIGNERS)), null, null,
                20, null)).records().isEmpty()));
        time("search time window of 1 s, limit 20", SAMPLES / 4, k -> {
            Instant since = TckRecords.T0.plusMillis(random.nextInt(Math.max(1, n - 1000)));
            require(store.search(new EntryQuery(TckRecords.TENANT, null, null, null, since, since.plusSeconds(1), 20, null))
                    .records().size() == 20);
        });
        time("claimable, limit 100", 50, k -> require(!store.claimable("worker", Instant.now(), 100).isEmpty()));
    }

    private static void require(boolean condition) {
        if (!condition) {
            throw new IllegalStateException("a lookup did not find what was stored");
        }
    }

    /** Runs the lookups once untimed first, so the figures show a warm JIT and cache, not the first calls. */
    private static void time(String what, int samples, IntConsumer lookup) {
        for (int k = 0; k < samples; k++) {
            lookup.accept(k);
        }
        long start = System.nanoTime();
        for (int k = 0; k < samples; k++) {
            lookup.accept(k);
        }
        double micros = (System.nanoTime() - start) / 1e3 / samples;
        System.out.printf(Locale.ROOT, "    %-50s %10.1f us mean over %d%n", what, micros, samples);
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
