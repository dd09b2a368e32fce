package org.stellaops.attestor.predicate.scan;

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
import org.stellaops.attestor.predicate.support.SubjectPolicy;

class ConcurrentValidationTest {

    @Test
    void givesEveryThreadTheSameResultsAsASequentialRun() throws Exception {
        ScanPredicateHandler handler = new ScanPredicateHandler(SubjectPolicy.WARNING);
        List<Statement> statements = List.of(
                TestStatements.load("scan-results-alpine.json").statement(),
                TestStatements.load("scan-results-large.json").statement(),
                TestStatements.load("cosign-vuln-trivy.json").statement(),
                TestStatements.load("cosign-vuln-sarif.json").statement(),
                TestStatements.load("scan-results-alpine.json")
                        .set("/subject/0/digest/sha256", "\"" + "00".repeat(32) + "\"").statement(),
                TestStatements.load("scan-results-alpine.json")
                        .set("/predicate/scan/startedOn", "\"2024-05-02T00:00:00Z\"")
                        .set("/predicate/findings/3/severity", "\"CRITICAL\"").statement(),
                TestStatements.load("cosign-vuln-grype.json").remove("/predicate/metadata").statement());
        List<PredicateResult> expected = statements.stream().map(handler::validate).toList();

        int threads = 8;
        int rounds = 42;
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
                List<PredicateResult> seen = futures.get(t).get(60, TimeUnit.SECONDS);
                for (int r = 0; r < rounds; r++) {
                    assertEquals(expected.get((r + t) % statements.size()), seen.get(r));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
