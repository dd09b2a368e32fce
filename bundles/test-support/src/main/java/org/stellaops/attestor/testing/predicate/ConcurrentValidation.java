package org.stellaops.attestor.testing.predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.api.predicate.PredicateHandler;
import org.stellaops.attestor.api.predicate.PredicateResult;

/** One handler instance validating from many threads at once must answer as it does sequentially. */
public final class ConcurrentValidation {

    private static final long TIMEOUT_SECONDS = 120;

    private ConcurrentValidation() {
    }

    /**
     * Validates the statements once in sequence, then {@code rounds} times in each of {@code threads} threads started
     * together (thread {@code t} begins at statement {@code t}, so different statements run at the same time), and
     * asserts that every thread saw the sequential results.
     *
     * @param handler the shared handler
     * @param statements the statements
     * @param threads how many threads
     * @param rounds how many validations each thread makes
     * @return the sequential results, in statement order
     * @throws Exception if a thread fails or does not finish in time
     */
    public static List<PredicateResult> assertSameResultsAsSequential(PredicateHandler handler,
                                                                      List<Statement> statements, int threads,
                                                                      int rounds) throws Exception {
        List<PredicateResult> expected = statements.stream().map(handler::validate).toList();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<PredicateResult>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    List<PredicateResult> seen = new ArrayList<>();
                    for (int r = 0; r < rounds; r++) {
                        seen.add(handler.validate(statements.get((r + offset) % statements.size())));
                    }
                    return seen;
                }));
            }
            start.countDown();
            for (int t = 0; t < threads; t++) {
                List<PredicateResult> seen = futures.get(t).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                for (int r = 0; r < rounds; r++) {
                    assertEquals(expected.get((r + t) % statements.size()), seen.get(r), "thread " + t + " round " + r);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return expected;
    }
}
