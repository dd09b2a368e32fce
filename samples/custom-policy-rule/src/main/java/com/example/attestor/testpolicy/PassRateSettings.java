package com.example.attestor.testpolicy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.stellaops.attestor.api.policy.ConfigProblem;

/**
 * The configuration of one {@code example.testPassRate} rule, read from the plain JSON tree the policy engine hands
 * over (maps, lists, strings, booleans, {@code Long}/{@code BigDecimal} numbers): no JSON library needed.
 *
 * @param minPassRate the smallest acceptable pass rate in [0, 1], or null for no limit
 * @param maxFailed the most failed tests accepted, or -1 for no limit
 * @param skippedCountAsFailed whether skipped tests count as failed
 */
record PassRateSettings(BigDecimal minPassRate, long maxFailed, boolean skippedCountAsFailed) {

    /**
     * Reads a configuration. The engine has already checked it against the published schema, so only what the
     * schema cannot say is checked here; {@link #problems} reports it.
     *
     * @param config the rule's configuration
     * @return the settings
     */
    static PassRateSettings read(Map<String, Object> config) {
        Object rate = config.get("minPassRate");
        Object failed = config.get("maxFailed");
        return new PassRateSettings(rate == null ? null : new BigDecimal(rate.toString()),
                failed == null ? -1 : ((Number) failed).longValue(),
                Boolean.TRUE.equals(config.get("skippedCountAsFailed")));
    }

    /**
     * @return what the schema cannot express: limits that contradict each other, with pointers relative to the
     *         configuration
     */
    List<ConfigProblem> problems() {
        List<ConfigProblem> problems = new ArrayList<>();
        if (minPassRate != null && minPassRate.compareTo(BigDecimal.ONE) == 0 && maxFailed > 0) {
            problems.add(new ConfigProblem("/maxFailed", ConfigProblem.BAD_VALUE, "contradicts minPassRate 1: a pass"
                    + " rate of 1 allows no failed test, so maxFailed can only be 0"));
        }
        return problems;
    }
}
