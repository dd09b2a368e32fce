package org.stellaops.attestor.predicate.slsa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.api.predicate.PredicateResult;

class ConcurrentValidationTest {

    @Test
    void givesEveryThreadTheSameResultsAsASequentialRun() throws Exception {
        SlsaProvenanceHandler handler = new SlsaProvenanceHandler();
        List<Statement> statements = List.of(
                TestStatements.load("github-actions-v1.json").statement(),
                TestStatements.load("full-v1.json").statement(),
                TestStatements.load("generator-generic-v02.json").statement(),
                TestStatements.load("github-actions-v1.json")
                        .set("/predicate/runDetails/metadata/startedOn", "\"yesterday\"").statement(),
                TestStatements.load("generator-generic-v02.json").remove("/predicate/builder").statement());
        List<PredicateResult> expected = statements.stream().map(handler::validate).toList();

        int threads = 8;
        int rounds = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<PredicateResult>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    List<PredicateResult> seen = new ArrayList<>();
                    for (int r = 0; r < rounds; r++) {
                        seen.add(handler.validate(statements.get(r % statements.size())));
                    }
                    return seen;
                }));
            }
            start.countDown();
            for (Future<List<PredicateResult>> future : futures) {
                List<PredicateResult> seen = future.get(60, TimeUnit.SECONDS);
                for (int r = 0; r < rounds; r++) {
                    assertEquals(expected.get(r % statements.size()), seen.get(r));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
