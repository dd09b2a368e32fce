package com.example.attestor.testresults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.example.attestor.testresults.TestRun.Result;
import com.example.attestor.testresults.TestRun.TestCase;

/**
 * The facts of a valid run: a flat map of {@code testResults.*} names to strings, numbers, booleans or sorted lists
 * of strings, which the service stores beside the record and searches with {@code ?fact.<name>=<value>}.
 */
final class TestResultsFacts {

    /** Every fact name starts with this. */
    static final String PREFIX = "testResults.";
    /** A list fact keeps at most this many entries and then also sets {@code <name>.truncated = true}. */
    static final int MAX_LIST = 10_000;

    private TestResultsFacts() {
    }

    /**
     * @param run a run without errors (every required member is present)
     * @param ruleSet the rules that accepted it
     * @return the facts
     */
    static Map<String, Object> of(TestRun run, RuleSet ruleSet) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put(PREFIX + "suite", run.suite());
        facts.put(PREFIX + "runner", run.runner());
        if (run.runnerVersion() != null) {
            facts.put(PREFIX + "runnerVersion", run.runnerVersion());
        }
        facts.put(PREFIX + "passed", run.passed());
        facts.put(PREFIX + "failed", run.failed());
        facts.put(PREFIX + "skipped", run.skipped());
        facts.put(PREFIX + "total", run.passed() + run.failed() + run.skipped());
        facts.put(PREFIX + "outcome", run.failed() > 0 ? "failed" : "passed");
        facts.put(PREFIX + "startedOn", run.startedOn().toString());
        facts.put(PREFIX + "finishedOn", run.finishedOn().toString());
        facts.put(PREFIX + "durationMillis", Duration.between(run.startedOn(), run.finishedOn()).toMillis());
        if (run.allowFailures() != null) {
            facts.put(PREFIX + "allowFailures", run.allowFailures());
        }
        if (run.tests() != null) {
            putList(facts, PREFIX + "failedTests", failedTestNames(run.tests()));
        }
        facts.put(PREFIX + "ruleSet", ruleSet.wireName());
        return facts;
    }

    private static TreeSet<String> failedTestNames(List<TestCase> tests) {
        TreeSet<String> names = new TreeSet<>();
        for (TestCase test : tests) {
            if (test.result() == Result.FAILED) {
                names.add(test.name());
            }
        }
        return names;
    }

    /** Sorted and deduplicated (a TreeSet), then capped. */
    private static void putList(Map<String, Object> facts, String name, TreeSet<String> values) {
        List<String> list = new ArrayList<>(Math.min(values.size(), MAX_LIST));
        for (String value : values) {
            if (list.size() == MAX_LIST) {
                facts.put(name + ".truncated", Boolean.TRUE);
                break;
            }
            list.add(value);
        }
        facts.put(name, List.copyOf(list));
    }
}
