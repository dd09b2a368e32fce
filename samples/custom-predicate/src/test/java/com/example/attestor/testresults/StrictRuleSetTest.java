package com.example.attestor.testresults;

import static com.example.attestor.testresults.Results.facts;
import static com.example.attestor.testresults.Results.messageAt;
import static com.example.attestor.testresults.Results.pointers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.predicate.PredicateResult;

/** Version 1.1's rules: what the standard rules accept and the strict ones refuse, and what both accept. */
class StrictRuleSetTest {

    private final TestResultsHandler strict = new TestResultsHandler(RuleSet.STRICT);
    private final TestResultsHandler standard = new TestResultsHandler(RuleSet.STANDARD);

    @Test
    void refusesFailedTestsUnlessTheRunAllowsThem() {
        PredicateResult result = strict.validate(SampleStatements.load("failing-run.json").statement());

        assertEquals(List.of("/predicate/summary/failed"), pointers(result));
        assertTrue(messageAt(result, "/predicate/summary/failed").contains("only when it says \"allowFailures\": true"));
    }

    @Test
    void refusesFailedTestsWhenTheRunSaysFailuresAreNotAllowed() {
        PredicateResult result = strict.validate(SampleStatements.load("failing-run.json")
                .set("/predicate/allowFailures", "false").statement());

        assertEquals(List.of("/predicate/summary/failed"), pointers(result));
    }

    @Test
    void acceptsFailedTestsWhenTheRunAllowsThemAndSaysSoInItsFacts() {
        Map<String, Object> facts = facts(strict.validate(SampleStatements.load("failing-run.json")
                .set("/predicate/allowFailures", "true").statement()));

        assertEquals("strict", facts.get("testResults.ruleSet"));
        assertEquals(Boolean.TRUE, facts.get("testResults.allowFailures"));
        assertEquals("failed", facts.get("testResults.outcome"));
    }

    @Test
    void requiresTheRunnerVersion() {
        PredicateResult result = strict.validate(SampleStatements.load("minimal-run.json").statement());

        assertEquals(List.of("/predicate/runner/version"), pointers(result));
        assertTrue(messageAt(result, "/predicate/runner/version").contains("the strict rule set requires it"));
    }

    @Test
    void reportsBothStrictRulesTogether() {
        PredicateResult result = strict.validate(SampleStatements.load("failing-run.json")
                .remove("/predicate/runner/version").statement());

        assertEquals(List.of("/predicate/runner/version", "/predicate/summary/failed"), pointers(result));
    }

    @Test
    void theStandardRulesAcceptWhatTheStrictRulesRefuse() {
        for (String sample : List.of("failing-run.json", "minimal-run.json")) {
            assertInstanceOf(PredicateResult.Valid.class, standard.validate(SampleStatements.load(sample).statement()));
            assertInstanceOf(PredicateResult.Invalid.class, strict.validate(SampleStatements.load(sample).statement()));
        }
    }

    @Test
    void acceptsACompleteRunWithoutFailures() {
        assertEquals("strict", facts(strict.validate(SampleStatements.load("passing-run.json").statement()))
                .get("testResults.ruleSet"));
    }

    @Test
    void publishesTheStrictSchema() {
        assertTrue(strict.jsonSchema(TestResultsHandler.PREDICATE_TYPE).orElseThrow()
                .contains("\"$id\": \"https://example.com/attestation/test-results/v1/schema-strict.json\""));
    }
}
