package org.stellaops.attestor.core.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.core.service.AttestationService.CacheStats;

/**
 * Prints how many verifications per second the core answers from its cache: stored records verified by
 * {@code verifyStored} after a first, computing verification, with every answer audited (the audit writer appends
 * in batches). Not part of the normal suite and asserts no time; run it with
 * {@code mvn -B -o -pl bundles/core test -Dtest=CachedVerificationBenchmark -Dattestor.bench=true}.
 */
@EnabledIfSystemProperty(named = "attestor.bench", matches = "true")
class CachedVerificationBenchmark {

    private static final int RECORDS = 256;
    private static final Duration WARMUP = Duration.ofSeconds(5);
    private static final Duration MEASURE = Duration.ofSeconds(10);

    @TempDir
    Path directory;

    @Test
    void printsCachedVerificationsPerSecond() throws Exception {
        KeyPair signer = TestKeys.p256();
        TestLog primary = new TestLog("primary.bench");
        // no outbox scans: every record is logged, and the test store reads every file on each scan
        try (Harness harness = new Harness(directory, Harness.Settings.defaults().with("outboxScanMillis", 600_000L))) {
            harness.trust(signer);
            harness.addLog(primary, "primary");
            List<String> digests = new ArrayList<>();
            for (int i = 0; i < RECORDS; i++) {
                digests.add(harness.submit(Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256)).record()
                        .envelopeDigest());
            }
            digests.forEach(d -> assertTrue(harness.core.verifyStored(d, Harness.WHO).verified()));
            for (int threads : new int[] {1, 2}) {
                run(harness, digests, threads, WARMUP);
                CacheStats before = harness.core.verificationCache();
                double perSecond = run(harness, digests, threads, MEASURE);
                CacheStats after = harness.core.verificationCache();
                System.out.printf(Locale.ROOT, "RESULT cached-verification threads=%d ops_per_s=%.0f hits=%d misses=%d%n",
                        threads, perSecond, after.hits() - before.hits(), after.misses() - before.misses());
            }
        }
    }

    private static double run(Harness harness, List<String> digests, int threads, Duration duration)
            throws InterruptedException {
        AtomicLong done = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(threads);
        long end = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            Thread worker = new Thread(() -> {
                long n = 0;
                for (int i = offset; System.nanoTime() < end; i++) {
                    if (!harness.core.verifyStored(digests.get(i % digests.size()), Harness.WHO).verified()) {
                        throw new AssertionError("a cached report says not verified");
                    }
                    n++;
                }
                done.addAndGet(n);
                finished.countDown();
            });
            worker.start();
        }
        finished.await();
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }
}
