package org.stellaops.attestor.predicate.vex;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.testing.predicate.ConcurrentValidation;

class ConcurrentValidationTest {

    private static final int THREADS = 8;

    @Test
    void givesEveryThreadTheSameResultsAsASequentialRun() throws Exception {
        ConcurrentValidation.assertSameResultsAsSequential(Handlers.ERROR, List.of(
                Samples.load(Samples.APPLICATION).statement(),
                Samples.load(Samples.SPRING).statement(),
                Samples.load(Samples.INHERITED).statement(),
                Samples.load(Samples.PRODUCT).statement(),
                Samples.load(Samples.INDEPENDENT).statement(),
                Samples.load(Samples.SPRING).remove("/predicate/statements/0/justification")
                        .remove("/predicate/statements/0/impact_statement").statement(),
                Samples.load(Samples.PRODUCT).set("/predicate/vulnerabilities/2/affects/0/ref", "\"x\"").statement(),
                Samples.load(Samples.SPRING).set("/subject/0/digest/sha256", "\"" + "ab".repeat(32) + "\"")
                        .statement()),
                THREADS, 40);
    }

    @Test
    void givesThreadsValidatingLargeDocumentsOfBothFormatsTheSequentialResults() throws Exception {
        List<PredicateResult> expected = ConcurrentValidation.assertSameResultsAsSequential(Handlers.WARNING, List.of(
                Samples.load(Samples.DISTRO).statement(),
                Samples.load(Samples.APPLICATION).set("/subject/0/digest/sha256", "\"" + "cd".repeat(32) + "\"")
                        .statement()),
                THREADS, 2);

        assertEquals(2, ((PredicateResult.Valid) expected.get(1)).warnings().size());
    }
}
