package com.example.attestor.testresults;

import static com.example.attestor.testresults.Results.facts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The facts follow the platform's rules: flat, prefixed, simple values, sorted lists capped at 10,000. */
class FactsTest {

    private final TestResultsHandler handler = new TestResultsHandler(RuleSet.STANDARD);

    @Test
    void namesEveryFactWithTheTestResultsPrefixAndUsesOnlyFlatValues() {
        Map<String, Object> facts = facts(handler.validate(SampleStatements.load("failing-run.json").statement()));

        facts.forEach((name, value) -> {
            assertTrue(name.startsWith("testResults."), name);
            assertTrue(value instanceof String || value instanceof Long || value instanceof Boolean
                    || value instanceof List<?> list && list.stream().allMatch(String.class::isInstance), name);
        });
    }

    @Test
    void capsTheFailedTestListAtTenThousandSortedNamesAndMarksItTruncated() {
        Map<String, Object> facts = facts(handler.validate(runWithFailedTests(TestResultsFacts.MAX_LIST + 1)));

        List<?> failed = (List<?>) facts.get("testResults.failedTests");
        assertEquals(TestResultsFacts.MAX_LIST, failed.size());
        assertEquals("failing-test-00000", failed.get(0));
        assertEquals("failing-test-09999", failed.get(failed.size() - 1));
        assertEquals(Boolean.TRUE, facts.get("testResults.failedTests.truncated"));
        assertEquals((long) TestResultsFacts.MAX_LIST + 1, facts.get("testResults.failed"));
    }

    @Test
    void keepsAFullListUnmarked() {
        Map<String, Object> facts = facts(handler.validate(runWithFailedTests(TestResultsFacts.MAX_LIST)));

        assertEquals(TestResultsFacts.MAX_LIST, ((List<?>) facts.get("testResults.failedTests")).size());
        assertFalse(facts.containsKey("testResults.failedTests.truncated"));
    }

    /** A run whose tests are listed in reverse name order, all failed. */
    private static org.stellaops.attestor.api.model.Statement runWithFailedTests(int count) {
        List<Object> tests = new ArrayList<>();
        for (int i = count - 1; i >= 0; i--) {
            tests.add(Map.of("name", String.format("failing-test-%05d", i), "result", "failed"));
        }
        SampleStatements sample = SampleStatements.load("minimal-run.json");
        Map<String, Object> predicate = new HashMap<>(sample.statement().predicate());
        predicate.put("tests", tests);
        predicate.put("summary", Map.of("passed", 0, "failed", count, "skipped", 0));
        return sample.statement(predicate);
    }
}
