package org.stellaops.attestor.testing.predicate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stellaops.attestor.api.predicate.PredicateHandler;

/**
 * Fuzz-style tests a handler's test class inherits: truncated and mutated versions of every sample, each from a fixed
 * seed, and predicates replaced by other JSON values, are either valid with facts that obey the contract or invalid
 * with located errors ({@link ResultContract}); the handler never throws.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class MutationFuzzTests {

    /**
     * What to fuzz.
     *
     * @param family the facts' family prefix ({@code scan}, {@code policy})
     * @param handlers the handlers that validate every input (one per subject policy, say); the last one's answer
     *        counts as the input's validity
     * @param samples the statement resources to mutate
     * @param strings the texts mutations draw from ({@link TreeMutator})
     * @param seedsPerSample how many mutated versions of each sample
     * @param truncationDepths truncations at depths 0 to this, exclusive
     * @param replacements JSON texts that replace the whole predicate
     * @param largeSample a large statement resource, mutated with fewer seeds
     * @param largeSeeds how many mutated versions of the large sample
     */
    public record Fuzzing(String family, List<PredicateHandler> handlers, List<String> samples, List<String> strings,
                          int seedsPerSample, int truncationDepths, List<String> replacements, String largeSample,
                          int largeSeeds) {
    }

    private final Fuzzing fuzzing;

    /** @param fuzzing what to fuzz */
    protected MutationFuzzTests(Fuzzing fuzzing) {
        this.fuzzing = fuzzing;
    }

    Stream<String> samples() {
        return fuzzing.samples().stream();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void neverThrowsOnMutatedPredicates(String sample) {
        ObjectNode original = TestStatements.load(sample).document();
        long valid = IntStream.range(0, fuzzing.seedsPerSample()).filter(seed -> {
            TestStatements statement = TestStatements.of(original);
            new TreeMutator(seed, fuzzing.strings()).mutate(statement.document().path("predicate"));
            return check(sample + " seed " + seed, statement);
        }).count();
        // both outcomes occur, so the facts of mutated documents are checked too
        assertTrue(valid > 0 && valid < fuzzing.seedsPerSample(), () -> sample + ": " + valid + " valid");
    }

    @ParameterizedTest
    @MethodSource("samples")
    void neverThrowsOnTruncatedPredicates(String sample) {
        ObjectNode original = TestStatements.load(sample).document();
        for (int depth = 0; depth < fuzzing.truncationDepths(); depth++) {
            TestStatements statement = TestStatements.of(original);
            new TreeMutator(depth, fuzzing.strings()).truncate(statement.document().path("predicate"), depth);
            check(sample + " cut at depth " + depth, statement);
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void neverThrowsWhenTheWholePredicateIsReplaced(String sample) {
        for (String replacement : fuzzing.replacements()) {
            check(sample + " predicate " + replacement, TestStatements.load(sample).set("/predicate", replacement));
        }
    }

    @Test
    void neverThrowsOnMutationsOfTheLargeSample() {
        ObjectNode original = TestStatements.load(fuzzing.largeSample()).document();
        for (int seed = 0; seed < fuzzing.largeSeeds(); seed++) {
            TestStatements statement = TestStatements.of(original);
            new TreeMutator(seed, fuzzing.strings()).mutate(statement.document().path("predicate"));
            check(fuzzing.largeSample() + " seed " + seed, statement);
        }
    }

    /** @return whether the last handler found the statement valid */
    private boolean check(String label, TestStatements statement) {
        boolean valid = false;
        for (PredicateHandler handler : fuzzing.handlers()) {
            valid = ResultContract.validate(handler, statement.statement(), fuzzing.family(), label);
        }
        return valid;
    }
}
