package com.example.attestor.testresults;

import static com.example.attestor.testresults.Results.messageAt;
import static com.example.attestor.testresults.Results.pointers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.predicate.PredicateResult;

/** One class of invalid input per test: each is reported at the pointer of the offending member. */
class InvalidPredicateTest {

    private final TestResultsHandler handler = new TestResultsHandler(RuleSet.STANDARD);

    private PredicateResult passingRunWith(String pointer, String json) {
        return handler.validate(SampleStatements.load("passing-run.json").set(pointer, json).statement());
    }

    private static void assertOnlyErrorAt(String pointer, String messagePart, PredicateResult result) {
        assertEquals(List.of(pointer), pointers(result));
        String message = messageAt(result, pointer);
        assertTrue(message.contains(messagePart), () -> "'" + message + "' should contain '" + messagePart + "'");
    }

    @Test
    void reportsAMissingMemberAtItsOwnPointer() {
        PredicateResult result = handler.validate(SampleStatements.load("passing-run.json")
                .remove("/predicate/runner/name").statement());

        assertOnlyErrorAt("/predicate/runner/name", "is missing; expected the runner's name", result);
    }

    @Test
    void reportsAMemberOfTheWrongKind() {
        assertOnlyErrorAt("/predicate/summary", "is a string; expected the summary",
                passingRunWith("/predicate/summary", "\"3 passed\""));
    }

    @Test
    void reportsANullMember() {
        assertOnlyErrorAt("/predicate/startedOn", "is null; expected when the run started",
                passingRunWith("/predicate/startedOn", "null"));
    }

    @Test
    void reportsABlankName() {
        assertOnlyErrorAt("/predicate/suite/name", "is empty or blank", passingRunWith("/predicate/suite/name", "\"  \""));
    }

    @Test
    void reportsANameThatIsTooLong() {
        assertOnlyErrorAt("/predicate/runner/name", "has 257 characters; at most 256",
                passingRunWith("/predicate/runner/name", "\"" + "r".repeat(257) + "\""));
    }

    @Test
    void reportsANegativeCount() {
        PredicateResult result = handler.validate(SampleStatements.load("minimal-run.json")
                .set("/predicate/summary/skipped", "-1").statement());

        assertOnlyErrorAt("/predicate/summary/skipped", "is -1; expected a whole number of tests", result);
    }

    @Test
    void reportsAFractionalCount() {
        PredicateResult result = handler.validate(SampleStatements.load("minimal-run.json")
                .set("/predicate/summary/passed", "41.5").statement());

        assertOnlyErrorAt("/predicate/summary/passed", "is 41.5; expected a whole number", result);
    }

    @Test
    void acceptsAWholeCountWrittenWithAFraction() {
        Map<String, Object> facts = Results.facts(handler.validate(SampleStatements.load("minimal-run.json")
                .set("/predicate/summary/passed", "42.0").statement()));

        assertEquals(42L, facts.get("testResults.passed"));
    }

    @Test
    void reportsACountBeyondTheLargestAccepted() {
        PredicateResult result = handler.validate(SampleStatements.load("minimal-run.json")
                .set("/predicate/summary/passed", "2147483648").statement());

        assertOnlyErrorAt("/predicate/summary/passed", "(0 to 2147483647)", result);
    }

    @Test
    void reportsAnAstronomicalNumberWithoutComputingIt() {
        PredicateResult result = handler.validate(SampleStatements.load("minimal-run.json")
                .set("/predicate/summary/passed", "1e1000000000").statement());

        assertOnlyErrorAt("/predicate/summary/passed", "expected a whole number", result);
    }

    @Test
    void reportsATimestampWithoutAnOffset() {
        assertOnlyErrorAt("/predicate/finishedOn", "is '2026-03-01T10:17:30'; expected when the run finished",
                passingRunWith("/predicate/finishedOn", "\"2026-03-01T10:17:30\""));
    }

    @Test
    void reportsADateThatIsNotOnTheCalendar() {
        assertOnlyErrorAt("/predicate/startedOn", "not a calendar date and time",
                passingRunWith("/predicate/startedOn", "\"2026-02-30T10:15:00Z\""));
    }

    @Test
    void reportsARunThatFinishesBeforeItStarts() {
        assertOnlyErrorAt("/predicate/finishedOn", "before startedOn",
                passingRunWith("/predicate/finishedOn", "\"2026-03-01T10:14:59Z\""));
    }

    @Test
    void reportsARelativeSuiteUri() {
        assertOnlyErrorAt("/predicate/suite/uri", "a relative reference; expected an absolute URI",
                passingRunWith("/predicate/suite/uri", "\"shop/checkout-service\""));
    }

    @Test
    void reportsAnEnvironmentValueThatIsNotAStringAtAnEscapedPointer() {
        PredicateResult result = passingRunWith("/predicate/environment/build~1node", "{\"cores\": 8}");

        assertOnlyErrorAt("/predicate/environment/build~1node", "is an object; expected a non-blank string", result);
    }

    @Test
    void reportsATestThatIsNotAnObject() {
        PredicateResult result = handler.validate(SampleStatements.load("passing-run.json")
                .set("/predicate/tests/3", "\"skipped\"").set("/predicate/summary/skipped", "0").statement());

        assertEquals(List.of("/predicate/tests/3"), pointers(result));
    }

    @Test
    void reportsAnUnknownTestResult() {
        assertOnlyErrorAt("/predicate/tests/0/result", "is 'PASSED'; expected passed, failed or skipped",
                passingRunWith("/predicate/tests/0/result", "\"PASSED\""));
    }

    @Test
    void reportsATestNameUsedTwice() {
        assertOnlyErrorAt("/predicate/tests/1/name", "repeats the name of /predicate/tests/0",
                passingRunWith("/predicate/tests/1/name", "\"com.example.shop.CartTest#addsAnItem\""));
    }

    @Test
    void reportsANegativeTestDuration() {
        assertOnlyErrorAt("/predicate/tests/2/durationMillis", "is -31",
                passingRunWith("/predicate/tests/2/durationMillis", "-31"));
    }

    @Test
    void reportsASummaryThatDisagreesWithTheListedTests() {
        assertOnlyErrorAt("/predicate/summary/passed", "is 4, but tests lists 3 passed tests",
                passingRunWith("/predicate/summary/passed", "4"));
    }

    @Test
    void skipsTheSummaryComparisonWhileAListedResultIsUnreadable() {
        PredicateResult result = handler.validate(SampleStatements.load("passing-run.json")
                .set("/predicate/tests/0/result", "true").set("/predicate/summary/passed", "7").statement());

        assertEquals(List.of("/predicate/tests/0/result"), pointers(result));
    }

    @Test
    void reportsMoreTestsThanTheBoundWithoutReadingThem() {
        List<Object> tests = new ArrayList<>();
        for (int i = 0; i <= TestRunReader.MAX_TESTS; i++) {
            tests.add(Map.of("name", "t" + i, "result", "passed"));
        }
        SampleStatements sample = SampleStatements.load("passing-run.json");
        Map<String, Object> predicate = new HashMap<>(sample.statement().predicate());
        predicate.put("tests", tests);

        PredicateResult result = handler.validate(sample.statement(predicate));

        assertOnlyErrorAt("/predicate/tests", "lists 100001 tests; at most 100000", result);
    }
}
