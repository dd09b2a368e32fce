package com.example.attestor.testresults;

import static com.example.attestor.testresults.Results.errors;
import static com.example.attestor.testresults.Results.facts;
import static com.example.attestor.testresults.Results.messageAt;
import static com.example.attestor.testresults.Results.pointers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.predicate.PredicateResult;

class TestResultsHandlerTest {

    private final TestResultsHandler handler = new TestResultsHandler(RuleSet.STANDARD);

    @Test
    void ownsOnlyTheTestResultsPredicateType() {
        assertEquals(Set.of("https://example.com/attestation/test-results/v1"), handler.predicateTypes());
    }

    @Test
    void publishesItsSchemaForItsOwnTypeOnly() {
        assertTrue(handler.jsonSchema(TestResultsHandler.PREDICATE_TYPE).orElseThrow()
                .contains("\"$id\": \"https://example.com/attestation/test-results/v1/schema.json\""));
        assertEquals(Optional.empty(), handler.jsonSchema("https://slsa.dev/provenance/v1"));
    }

    @Test
    void acceptsACompleteRunAndExtractsItsFacts() {
        Map<String, Object> facts = facts(handler.validate(SampleStatements.load("passing-run.json").statement()));

        assertEquals(Map.ofEntries(
                Map.entry("testResults.suite", "checkout-service unit tests"),
                Map.entry("testResults.runner", "maven-surefire"),
                Map.entry("testResults.runnerVersion", "3.5.2"),
                Map.entry("testResults.passed", 3L),
                Map.entry("testResults.failed", 0L),
                Map.entry("testResults.skipped", 1L),
                Map.entry("testResults.total", 4L),
                Map.entry("testResults.outcome", "passed"),
                Map.entry("testResults.startedOn", "2026-03-01T10:15:00Z"),
                Map.entry("testResults.finishedOn", "2026-03-01T10:17:30.250Z"),
                Map.entry("testResults.durationMillis", 150_250L),
                Map.entry("testResults.failedTests", List.of()),
                Map.entry("testResults.ruleSet", "standard")), facts);
    }

    @Test
    void acceptsAMinimalRunAndLeavesOutTheFactsOfAbsentMembers() {
        Map<String, Object> facts = facts(handler.validate(SampleStatements.load("minimal-run.json").statement()));

        assertEquals("pytest", facts.get("testResults.runner"));
        assertEquals(42L, facts.get("testResults.total"));
        assertFalse(facts.containsKey("testResults.runnerVersion"));
        assertFalse(facts.containsKey("testResults.failedTests"));
        assertFalse(facts.containsKey("testResults.allowFailures"));
    }

    @Test
    void acceptsARunWithFailedTestsAndListsThemSorted() {
        Map<String, Object> facts = facts(handler.validate(SampleStatements.load("failing-run.json").statement()));

        assertEquals("failed", facts.get("testResults.outcome"));
        assertEquals(2L, facts.get("testResults.failed"));
        assertEquals(List.of("com.example.shop.CartTest#emptiesTheCart", "com.example.shop.PriceTest#roundsHalfUp"),
                facts.get("testResults.failedTests"));
        assertEquals("2026-03-02T07:00:00Z", facts.get("testResults.startedOn"), "offsets are normalised to UTC");
    }

    @Test
    void recordsAllowFailuresWhenTheRunStatesIt() {
        Map<String, Object> facts = facts(handler.validate(SampleStatements.load("failing-run.json")
                .set("/predicate/allowFailures", "true").statement()));

        assertEquals(Boolean.TRUE, facts.get("testResults.allowFailures"));
    }

    @Test
    void refusesAStatementOfAnotherPredicateType() {
        PredicateResult result = handler.validate(SampleStatements.load("passing-run.json")
                .set("/predicateType", "\"https://slsa.dev/provenance/v1\"").statement());

        assertEquals(List.of("/predicateType"), pointers(result));
    }

    @Test
    void reportsEveryRequiredMemberOfAnEmptyPredicate() {
        PredicateResult result = handler.validate(SampleStatements.load("passing-run.json").statement(Map.of()));

        assertEquals(List.of("/predicate/suite", "/predicate/runner", "/predicate/startedOn", "/predicate/finishedOn",
                "/predicate/summary"), pointers(result));
        assertTrue(messageAt(result, "/predicate/summary").startsWith("is missing; expected the summary"));
    }

    @Test
    void reportsEveryErrorOfADocumentNotOnlyTheFirst() {
        PredicateResult result = handler.validate(SampleStatements.load("passing-run.json")
                .remove("/predicate/suite/name")
                .set("/predicate/summary/failed", "-1")
                .set("/predicate/tests/2/result", "\"error\"")
                .statement());

        assertEquals(List.of("/predicate/suite/name", "/predicate/summary/failed", "/predicate/tests/2/result"),
                pointers(result));
        errors(result).forEach(e -> assertFalse(e.message().isBlank(), e::toString));
    }
}
