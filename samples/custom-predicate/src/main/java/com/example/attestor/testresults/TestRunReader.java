package com.example.attestor.testresults;

import static com.example.attestor.testresults.TreeReader.Need.OPTIONAL;
import static com.example.attestor.testresults.TreeReader.Need.REQUIRED;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.example.attestor.testresults.TestRun.Result;
import com.example.attestor.testresults.TestRun.TestCase;

/**
 * Reads the structure of a test-results predicate: every member's presence, kind and range. What the structure
 * cannot say (consistency between members, the rule set's policy) is {@link TestRunRules}'s job.
 */
final class TestRunReader {

    /** Bounds that keep one submission's cost predictable. */
    static final int MAX_TESTS = 100_000;
    static final int MAX_NAME = 1_024;
    static final int MAX_LABEL = 256;
    static final int MAX_MESSAGE = 10_000;
    static final long MAX_COUNT = Integer.MAX_VALUE;

    private static final String A_NAME = "a non-blank string of at most " + MAX_LABEL + " characters";
    private static final String A_COUNT = "a whole number of tests";
    private static final String A_TIME = "an RFC 3339 date-time such as 2026-03-01T10:15:00Z";

    private final TreeReader reader;

    TestRunReader(TreeReader reader) {
        this.reader = reader;
    }

    /**
     * @param predicate the statement's predicate tree
     * @param requireRunnerVersion whether {@code runner.version} must be present (the strict rule set)
     * @return what could be read; the errors are in the reader
     */
    TestRun read(Map<String, Object> predicate, boolean requireRunnerVersion) {
        String at = Pointers.PREDICATE;
        String suite = readSuite(predicate, at);
        Runner runner = readRunner(predicate, at, requireRunnerVersion);
        readEnvironment(reader.object(predicate, at, "environment", OPTIONAL,
                "an object of strings describing where the tests ran"), Pointers.append(at, "environment"));
        Instant startedOn = reader.timestamp(predicate, at, "startedOn", REQUIRED, "when the run started, " + A_TIME);
        Instant finishedOn = reader.timestamp(predicate, at, "finishedOn", REQUIRED,
                "when the run finished, " + A_TIME);
        Map<?, ?> summary = reader.object(predicate, at, "summary", REQUIRED,
                "the summary, an object with the passed, failed and skipped counts");
        String summaryAt = Pointers.append(at, "summary");
        Long passed = reader.count(summary, summaryAt, "passed", REQUIRED, MAX_COUNT, A_COUNT);
        Long failed = reader.count(summary, summaryAt, "failed", REQUIRED, MAX_COUNT, A_COUNT);
        Long skipped = reader.count(summary, summaryAt, "skipped", REQUIRED, MAX_COUNT, A_COUNT);
        Boolean allowFailures = reader.bool(predicate, at, "allowFailures", OPTIONAL,
                "true or false: whether failed tests are acceptable for this run");
        List<TestCase> tests = readTests(reader.array(predicate, at, "tests", OPTIONAL,
                "an array of per-test results"), Pointers.append(at, "tests"));
        return new TestRun(suite, runner.name(), runner.version(), startedOn, finishedOn, passed, failed, skipped,
                allowFailures, tests);
    }

    private record Runner(String name, String version) {
    }

    private String readSuite(Map<String, Object> predicate, String at) {
        Map<?, ?> suite = reader.object(predicate, at, "suite", REQUIRED, "the suite, an object with a name");
        String suiteAt = Pointers.append(at, "suite");
        String name = reader.text(suite, suiteAt, "name", REQUIRED, MAX_LABEL, "the suite's name, " + A_NAME);
        reader.absoluteUri(suite, suiteAt, "uri", OPTIONAL, 2_048, "an absolute URI that identifies the suite");
        return name;
    }

    private Runner readRunner(Map<String, Object> predicate, String at, boolean requireVersion) {
        Map<?, ?> runner = reader.object(predicate, at, "runner", REQUIRED,
                "the runner, an object with a name and a version");
        String runnerAt = Pointers.append(at, "runner");
        String name = reader.text(runner, runnerAt, "name", REQUIRED, MAX_LABEL,
                "the runner's name (for example maven-surefire), " + A_NAME);
        String version = reader.text(runner, runnerAt, "version", requireVersion ? REQUIRED : OPTIONAL, MAX_LABEL,
                "the runner's version (for example 3.5.2), " + A_NAME
                        + (requireVersion ? "; the strict rule set requires it" : ""));
        return new Runner(name, version);
    }

    private void readEnvironment(Map<?, ?> environment, String at) {
        if (environment == null) {
            return;
        }
        for (Map.Entry<?, ?> entry : environment.entrySet()) {
            String pointer = Pointers.append(at, String.valueOf(entry.getKey()));
            if (entry.getValue() instanceof String text) {
                reader.checkedText(text, pointer, MAX_LABEL, A_NAME);
            } else {
                reader.error(pointer, "is " + TreeReader.kindOf(entry.getValue()) + "; expected " + A_NAME);
            }
        }
    }

    private List<TestCase> readTests(List<?> tests, String at) {
        if (tests == null) {
            return null;
        }
        if (tests.size() > MAX_TESTS) {
            reader.error(at, "lists " + tests.size() + " tests; at most " + MAX_TESTS + " are accepted");
            return null;
        }
        List<TestCase> cases = new ArrayList<>(tests.size());
        for (int i = 0; i < tests.size(); i++) {
            cases.add(readTest(tests.get(i), i, Pointers.append(at, i)));
        }
        return cases;
    }

    private TestCase readTest(Object element, int index, String at) {
        if (!(element instanceof Map<?, ?> test)) {
            reader.error(at, "is " + TreeReader.kindOf(element) + "; expected a test, an object with a name and a result");
            return new TestCase(index, null, null);
        }
        String name = reader.text(test, at, "name", REQUIRED, MAX_NAME,
                "the test's name, unique in the run (for example com.example.CartTest#addsItem), a non-blank string of "
                        + "at most " + MAX_NAME + " characters");
        String resultText = reader.text(test, at, "result", REQUIRED, MAX_LABEL, "passed, failed or skipped");
        Result result = resultText == null ? null : Result.parse(resultText);
        if (resultText != null && result == null) {
            reader.error(Pointers.append(at, "result"), "is '" + resultText + "'; expected passed, failed or skipped");
        }
        reader.count(test, at, "durationMillis", OPTIONAL, Long.MAX_VALUE, "the test's duration in milliseconds");
        reader.anyText(test, at, "message", OPTIONAL, MAX_MESSAGE, "a failure or skip message of at most "
                + MAX_MESSAGE + " characters");
        return new TestCase(index, name, result);
    }
}
