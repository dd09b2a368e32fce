package com.example.attestor.testresults;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.api.predicate.PredicateHandler;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.api.predicate.ValidationError;

/**
 * Predicate handler for test-run results, {@value #PREDICATE_TYPE}: which suite ran, with which runner, when, how
 * many tests passed, failed and were skipped, and optionally each test's result.
 *
 * <p>It validates the statement's predicate tree with its own rules (no JSON library: the platform hands the
 * predicate over as plain maps and lists), reports every error with a JSON Pointer into the statement, and extracts
 * flat {@code testResults.*} facts (see {@link TestResultsFacts}). The rule set, standard or strict, comes from the
 * bundle's {@value RuleSet#HEADER} manifest header.
 *
 * <p>Immutable once constructed, so it serves concurrent submissions without locking.
 */
@Component(service = PredicateHandler.class)
public final class TestResultsHandler implements PredicateHandler {

    /** The one predicate type this handler owns. */
    public static final String PREDICATE_TYPE = "https://example.com/attestation/test-results/v1";

    private final RuleSet ruleSet;
    private final String schema;

    /**
     * Called by Declarative Services when the service is first used.
     *
     * @param context this bundle's context, whose manifest names the rule set
     * @throws IllegalArgumentException if the manifest names an unknown rule set (the component does not activate)
     */
    @Activate
    public TestResultsHandler(BundleContext context) {
        this(RuleSet.fromHeader(context.getBundle().getHeaders().get(RuleSet.HEADER)));
    }

    /** For tests, and for use without OSGi. */
    TestResultsHandler(RuleSet ruleSet) {
        this.ruleSet = ruleSet;
        this.schema = ruleSet.schemaText();
    }

    @Override
    public Set<String> predicateTypes() {
        return Set.of(PREDICATE_TYPE);
    }

    @Override
    public Optional<String> jsonSchema(String predicateType) {
        return PREDICATE_TYPE.equals(predicateType) ? Optional.of(schema) : Optional.empty();
    }

    @Override
    public PredicateResult validate(Statement statement) {
        if (!PREDICATE_TYPE.equals(statement.predicateType())) {
            return PredicateResult.invalid(List.of(new ValidationError("/predicateType",
                    "is " + statement.predicateType() + "; this handler owns only " + PREDICATE_TYPE)));
        }
        TreeReader reader = new TreeReader();
        TestRun run = new TestRunReader(reader).read(statement.predicate(), ruleSet.requiresRunnerVersion());
        new TestRunRules(ruleSet, reader).check(run);
        if (reader.hasErrors()) {
            return PredicateResult.invalid(reader.errors());
        }
        Map<String, Object> facts = TestResultsFacts.of(run, ruleSet);
        return PredicateResult.valid(facts);
    }
}
