package org.stellaops.attestor.predicate.vex;

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

    private static final int THREADS = 8;

    @Test
    void givesEveryThreadTheSameResultsAsASequentialRun() throws Exception {
        VexHandler handler = Handlers.ERROR;
        List<Statement> statements = List.of(
                TestStatements.load(TestStatements.APPLICATION).statement(),
                TestStatements.load(TestStatements.SPRING).statement(),
                TestStatements.load(TestStatements.INHERITED).statement(),
                TestStatements.load(TestStatements.PRODUCT).statement(),
                TestStatements.load(TestStatements.INDEPENDENT).statement(),
                TestStatements.load(TestStatements.SPRING).remove("/predicate/statements/0/justification")
                        .remove("/predicate/statements/0/impact_statement").statement(),
                TestStatements.load(TestStatements.PRODUCT).set("/predicate/vulnerabilities/2/affects/0/ref", "\"x\"")
                        .statement(),
                TestStatements.load(TestStatements.SPRING).set("/subject/0/digest/sha256", "\"" + "ab".repeat(32) + "\"")
                        .statement());
        List<PredicateResult> expected = statements.stream().map(handler::validate).toList();

        int rounds = 40;
        List<List<PredicateResult>> seen = inParallel(() -> {
            List<PredicateResult> results = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                results.add(handler.validate(statements.get(r % statements.size())));
            }
            return results;
        });

        for (List<PredicateResult> results : seen) {
            for (int r = 0; r < rounds; r++) {
                assertEquals(expected.get(r % statements.size()), results.get(r));
            }
        }
    }

    @Test
    void givesThreadsValidatingLargeDocumentsOfBothFormatsTheSequentialResults() throws Exception {
        VexHandler handler = Handlers.WARNING;
        List<Statement> statements = List.of(
                TestStatements.load(TestStatements.DISTRO).statement(),
                TestStatements.load(TestStatements.APPLICATION).set("/subject/0/digest/sha256", "\"" + "cd".repeat(32)
                        + "\"").statement());
        List<PredicateResult> expected = statements.stream().map(handler::validate).toList();

        List<List<PredicateResult>> seen = inParallel(() -> List.of(handler.validate(statements.get(0)),
                handler.validate(statements.get(1))));

        seen.forEach(results -> assertEquals(expected, results));
        assertEquals(2, ((PredicateResult.Valid) expected.get(1)).warnings().size());
    }

    private interface Work {
        List<PredicateResult> run() throws Exception;
    }

    private static List<List<PredicateResult>> inParallel(Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<PredicateResult>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return work.run();
                }));
            }
            start.countDown();
            List<List<PredicateResult>> results = new ArrayList<>();
            for (Future<List<PredicateResult>> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
