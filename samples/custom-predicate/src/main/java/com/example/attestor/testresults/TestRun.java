package com.example.attestor.testresults;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What {@link TestRunReader} could read from a predicate. A member that is missing or malformed is null (its error
 * is already recorded); the rules and the facts only use what is there.
 *
 * @param suite {@code suite.name}
 * @param runner {@code runner.name}
 * @param runnerVersion {@code runner.version}, null when absent
 * @param startedOn {@code startedOn}
 * @param finishedOn {@code finishedOn}
 * @param passed {@code summary.passed}
 * @param failed {@code summary.failed}
 * @param skipped {@code summary.skipped}
 * @param allowFailures {@code allowFailures}, null when absent
 * @param tests the per-test results; null when the predicate lists none (or {@code tests} is not an array)
 */
record TestRun(String suite, String runner, String runnerVersion, Instant startedOn, Instant finishedOn,
               Long passed, Long failed, Long skipped, Boolean allowFailures, List<TestCase> tests) {

    /** The outcome of one test. */
    enum Result {
        PASSED, FAILED, SKIPPED;

        /** @return the JSON spelling, also the member name in {@code summary} */
        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @return the result with that JSON spelling, or null */
        static Result parse(String text) {
            for (Result result : values()) {
                if (result.wireName().equals(text)) {
                    return result;
                }
            }
            return null;
        }
    }

    /**
     * One element of {@code tests}.
     *
     * @param index its position in the array, for pointers
     * @param name {@code name}, null when malformed
     * @param result {@code result}, null when malformed
     */
    record TestCase(int index, String name, Result result) {
    }

    /** @return the summary count for {@code result} (null when it could not be read) */
    Long summaryCount(Result result) {
        return switch (result) {
            case PASSED -> passed;
            case FAILED -> failed;
            case SKIPPED -> skipped;
        };
    }
}
