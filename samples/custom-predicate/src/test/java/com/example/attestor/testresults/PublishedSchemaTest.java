package com.example.attestor.testresults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.predicate.PredicateResult;

/**
 * The schema a handler publishes ({@code GET /api/v1/predicates/schema}) is what producers build against, so it must
 * agree with the handler's Java rules: a real JSON Schema validator checks the samples and their edits both ways.
 */
class PublishedSchemaTest {

    /** Edits of passing-run.json that break the structure: the schema and the handler both refuse them. */
    private static final Map<String, UnaryOperator<SampleStatements>> STRUCTURAL = Map.ofEntries(
            Map.entry("suite name missing", s -> s.remove("/predicate/suite/name")),
            Map.entry("summary not an object", s -> s.set("/predicate/summary", "\"3 passed\"")),
            Map.entry("startedOn null", s -> s.set("/predicate/startedOn", "null")),
            Map.entry("blank suite name", s -> s.set("/predicate/suite/name", "\"  \"")),
            Map.entry("runner name too long", s -> s.set("/predicate/runner/name", "\"" + "r".repeat(257) + "\"")),
            Map.entry("negative count", s -> s.set("/predicate/summary/skipped", "-1")),
            Map.entry("fractional count", s -> s.set("/predicate/summary/passed", "2.5")),
            Map.entry("count too large", s -> s.set("/predicate/summary/passed", "2147483648")),
            Map.entry("timestamp without offset", s -> s.set("/predicate/finishedOn", "\"2026-03-01T10:17:30\"")),
            Map.entry("date not on the calendar", s -> s.set("/predicate/startedOn", "\"2026-02-30T10:15:00Z\"")),
            Map.entry("relative suite uri", s -> s.set("/predicate/suite/uri", "\"shop/checkout-service\"")),
            Map.entry("environment value not a string", s -> s.set("/predicate/environment/cores", "8")),
            Map.entry("unknown test result", s -> s.set("/predicate/tests/0/result", "\"PASSED\"")),
            Map.entry("negative test duration", s -> s.set("/predicate/tests/2/durationMillis", "-31")),
            Map.entry("test not an object", s -> s.set("/predicate/tests/3", "\"skipped\"")),
            Map.entry("allowFailures not a boolean", s -> s.set("/predicate/allowFailures", "\"yes\"")));

    /** Edits only the handler can see: members that disagree with each other. */
    private static final Map<String, UnaryOperator<SampleStatements>> SEMANTIC = Map.of(
            "finishes before it starts", s -> s.set("/predicate/finishedOn", "\"2026-03-01T10:14:59Z\""),
            "test name used twice", s -> s.set("/predicate/tests/1/name", "\"com.example.shop.CartTest#addsAnItem\""),
            "summary disagrees with tests", s -> s.set("/predicate/summary/passed", "4"));

    private final Map<RuleSet, Schema> schemas = Map.of(RuleSet.STANDARD, compile(RuleSet.STANDARD),
            RuleSet.STRICT, compile(RuleSet.STRICT));

    @Test
    void theSchemaOfEachRuleSetAcceptsTheSamplesItsHandlerAccepts() {
        for (RuleSet ruleSet : RuleSet.values()) {
            TestResultsHandler handler = new TestResultsHandler(ruleSet);
            for (String name : List.of("passing-run.json", "failing-run.json", "minimal-run.json")) {
                SampleStatements sample = SampleStatements.load(name);
                boolean handlerAccepts = handler.validate(sample.statement()) instanceof PredicateResult.Valid;
                List<Error> schemaErrors = schemas.get(ruleSet).validate(sample.predicateJson());
                assertEquals(handlerAccepts, schemaErrors.isEmpty(), ruleSet + " " + name + ": " + schemaErrors);
            }
        }
    }

    @Test
    void theSchemaRefusesEveryStructuralErrorTheHandlerRefuses() {
        TestResultsHandler handler = new TestResultsHandler(RuleSet.STANDARD);
        STRUCTURAL.forEach((what, edit) -> {
            SampleStatements sample = edit.apply(SampleStatements.load("passing-run.json"));
            assertInstanceOf(PredicateResult.Invalid.class, handler.validate(sample.statement()), what);
            assertFalse(schemas.get(RuleSet.STANDARD).validate(sample.predicateJson()).isEmpty(),
                    "the schema accepts: " + what);
        });
    }

    @Test
    void theSchemaLeavesTheConsistencyRulesToTheHandlerAndSaysSo() {
        TestResultsHandler handler = new TestResultsHandler(RuleSet.STANDARD);
        SEMANTIC.forEach((what, edit) -> {
            SampleStatements sample = edit.apply(SampleStatements.load("passing-run.json"));
            assertInstanceOf(PredicateResult.Invalid.class, handler.validate(sample.statement()), what);
            assertEquals(List.of(), schemas.get(RuleSet.STANDARD).validate(sample.predicateJson()), what);
        });
        String description = RuleSet.STANDARD.schemaText().toLowerCase(Locale.ROOT);
        assertTrue(description.contains("finishedon is not before startedon") && description.contains("unique")
                && description.contains("summary counts equal the listed results"));
    }

    @Test
    void theStrictSchemaExpressesBothStrictRules() {
        Schema strict = schemas.get(RuleSet.STRICT);
        assertFalse(strict.validate(SampleStatements.load("failing-run.json").predicateJson()).isEmpty());
        assertFalse(strict.validate(SampleStatements.load("failing-run.json")
                .set("/predicate/allowFailures", "false").predicateJson()).isEmpty());
        assertEquals(List.of(), strict.validate(SampleStatements.load("failing-run.json")
                .set("/predicate/allowFailures", "true").predicateJson()));
        assertFalse(strict.validate(SampleStatements.load("minimal-run.json").predicateJson()).isEmpty());
    }

    private static Schema compile(RuleSet ruleSet) {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(config));
        try {
            Schema schema = registry.getSchema(SampleStatements.MAPPER.readTree(ruleSet.schemaText()));
            schema.initializeValidators();
            return schema;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
