package org.stellaops.attestor.predicate.scan;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.predicate.support.SubjectPolicy;

/**
 * Fuzz-style: truncated and mutated versions of every sample, each from a fixed seed, are either valid with facts that
 * obey the contract or invalid with located errors; the handler never throws.
 */
class MutationFuzzTest {

    private static final int SEEDS_PER_SAMPLE = 300;

    private final ScanPredicateHandler error = new ScanPredicateHandler(SubjectPolicy.ERROR);
    private final ScanPredicateHandler warning = new ScanPredicateHandler(SubjectPolicy.WARNING);

    static Stream<Arguments> samples() {
        return Stream.of("scan-results-alpine.json", "cosign-vuln-spec-example.json", "cosign-vuln-trivy.json",
                "cosign-vuln-grype.json", "cosign-vuln-sarif.json", "cosign-vuln-unrecognised.json")
                .map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void neverThrowsOnMutatedPredicates(String sample) {
        ObjectNode original = TestStatements.load(sample).document();
        long valid = IntStream.range(0, SEEDS_PER_SAMPLE).filter(seed -> {
            TestStatements statement = TestStatements.of(original);
            new TreeMutator(seed).mutate(statement.document().path("predicate"));
            return check(sample, seed, statement);
        }).count();
        // both outcomes occur, so the facts of mutated documents are checked too
        assertTrue(valid > 0 && valid < SEEDS_PER_SAMPLE, () -> sample + ": " + valid + " valid");
    }

    @ParameterizedTest
    @MethodSource("samples")
    void neverThrowsOnTruncatedPredicates(String sample) {
        ObjectNode original = TestStatements.load(sample).document();
        for (int depth = 0; depth < 12; depth++) {
            TestStatements statement = TestStatements.of(original);
            new TreeMutator(depth).truncate(statement.document().path("predicate"), depth);
            check(sample, depth, statement);
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void neverThrowsWhenTheWholePredicateIsReplaced(String sample) {
        for (String replacement : new String[] {"null", "[]", "42", "\"text\"", "{\"\": {}}", "[{\"scanner\": {}}]"}) {
            check(sample, -1, TestStatements.load(sample).set("/predicate", replacement));
        }
    }

    @org.junit.jupiter.api.Test
    void neverThrowsOnMutationsOfTheLargeScan() {
        ObjectNode original = TestStatements.load("scan-results-large.json").document();
        for (int seed = 0; seed < 8; seed++) {
            TestStatements statement = TestStatements.of(original);
            new TreeMutator(seed).mutate(statement.document().path("predicate"));
            check("scan-results-large.json", seed, statement);
        }
    }

    /** @return whether the statement was valid under the error policy */
    private boolean check(String sample, int seed, TestStatements statement) {
        boolean valid = false;
        for (ScanPredicateHandler handler : new ScanPredicateHandler[] {warning, error}) {
            PredicateResult result;
            try {
                result = handler.validate(statement.statement());
            } catch (RuntimeException e) {
                throw new AssertionError(sample + " seed " + seed + " threw", e);
            }
            assertNotNull(result, () -> sample + " seed " + seed);
            valid = result instanceof PredicateResult.Valid;
            if (result instanceof PredicateResult.Valid accepted) {
                FactsContract.assertObeyed(accepted.facts(), "scan.");
                accepted.warnings().forEach(w -> assertLocated(sample, seed, w));
            } else if (result instanceof PredicateResult.Invalid invalid) {
                assertFalse(invalid.errors().isEmpty());
                invalid.errors().forEach(e -> assertLocated(sample, seed, e));
            } else {
                fail("unknown result " + result);
            }
        }
        return valid;
    }

    private static void assertLocated(String sample, int seed, ValidationError error) {
        assertTrue(error.pointer().startsWith("/predicate"), () -> sample + " seed " + seed + ": " + error);
        assertFalse(error.message().isBlank(), () -> sample + " seed " + seed + ": " + error);
    }
}
