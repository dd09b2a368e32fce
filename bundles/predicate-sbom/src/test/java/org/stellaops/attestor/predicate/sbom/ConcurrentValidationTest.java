package org.stellaops.attestor.predicate.sbom;

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
        SbomPredicateHandler handler = Handlers.WARNING;
        List<Statement> statements = List.of(
                TestStatements.load("cyclonedx-1.4.json").statement(),
                TestStatements.load("cyclonedx-1.5.json").statement(),
                TestStatements.load("cyclonedx-1.6.json").statement(),
                TestStatements.load("spdx-2.2.json").statement(),
                TestStatements.load("spdx-2.3.json").statement(),
                LargeSboms.cycloneDx("1.6", 400).statement(),
                TestStatements.load("cyclonedx-1.6.json").set("/predicate/metadata/timestamp", "\"now\"").statement(),
                TestStatements.load("spdx-2.3.json").predicateType("https://spdx.dev/Document/v2.2").statement(),
                TestStatements.load("spdx-2.2.json").subject("x", "sha256", LargeSboms.sha256("x")).statement(),
                TestStatements.load("cyclonedx-1.5.json").remove("/predicate/components/3/name").statement());
        List<PredicateResult> expected = statements.stream().map(handler::validate).toList();

        int threads = 8;
        int rounds = 60;
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
                List<PredicateResult> seen = futures.get(t).get(120, TimeUnit.SECONDS);
                for (int r = 0; r < rounds; r++) {
                    assertEquals(expected.get((r + t) % statements.size()), seen.get(r));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
