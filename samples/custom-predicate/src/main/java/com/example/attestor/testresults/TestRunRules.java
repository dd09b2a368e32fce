package com.example.attestor.testresults;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.example.attestor.testresults.TestRun.Result;
import com.example.attestor.testresults.TestRun.TestCase;

/**
 * The rules a JSON Schema cannot express: members that must agree with each other, and the rule set's policy. Each
 * rule looks only at members that were read successfully, so a malformed member yields its own error and no
 * follow-up noise.
 */
final class TestRunRules {

    private final RuleSet ruleSet;
    private final TreeReader reader;

    TestRunRules(RuleSet ruleSet, TreeReader reader) {
        this.ruleSet = ruleSet;
        this.reader = reader;
    }

    void check(TestRun run) {
        finishesAfterItStarts(run);
        if (run.tests() != null) {
            testNamesAreUnique(run.tests());
            summaryMatchesTests(run);
        }
        if (ruleSet.refusesUnallowedFailures()) {
            failuresAreAllowed(run);
        }
    }

    private void finishesAfterItStarts(TestRun run) {
        if (run.startedOn() != null && run.finishedOn() != null && run.finishedOn().isBefore(run.startedOn())) {
            reader.error(Pointers.append(Pointers.PREDICATE, "finishedOn"), "is " + run.finishedOn()
                    + ", before startedOn (" + run.startedOn() + "); a run cannot finish before it starts");
        }
    }

    private void testNamesAreUnique(List<TestCase> tests) {
        Map<String, Integer> firstIndex = new HashMap<>();
        String testsAt = Pointers.append(Pointers.PREDICATE, "tests");
        for (TestCase test : tests) {
            if (test.name() == null) {
                continue;
            }
            Integer first = firstIndex.putIfAbsent(test.name(), test.index());
            if (first != null) {
                reader.error(Pointers.append(Pointers.append(testsAt, test.index()), "name"), "repeats the name of "
                        + Pointers.append(testsAt, first) + "; each test of a run needs its own name");
            }
        }
    }

    /** Compared only when every listed test has a readable result: otherwise the counts would mislead. */
    private void summaryMatchesTests(TestRun run) {
        Map<Result, Long> listed = new EnumMap<>(Result.class);
        for (TestCase test : run.tests()) {
            if (test.result() == null) {
                return;
            }
            listed.merge(test.result(), 1L, Long::sum);
        }
        String summaryAt = Pointers.append(Pointers.PREDICATE, "summary");
        for (Result result : Result.values()) {
            Long counted = run.summaryCount(result);
            long inList = listed.getOrDefault(result, 0L);
            if (counted != null && counted != inList) {
                reader.error(Pointers.append(summaryAt, result.wireName()), "is " + counted + ", but tests lists "
                        + inList + " " + result.wireName() + " test" + (inList == 1 ? "" : "s")
                        + "; the summary must count the listed tests");
            }
        }
    }

    private void failuresAreAllowed(TestRun run) {
        if (run.failed() != null && run.failed() > 0 && !Boolean.TRUE.equals(run.allowFailures())) {
            reader.error(Pointers.append(Pointers.append(Pointers.PREDICATE, "summary"), "failed"), "is "
                    + run.failed() + "; the strict rule set accepts a run with failed tests only when it says "
                    + "\"allowFailures\": true");
        }
    }
}
