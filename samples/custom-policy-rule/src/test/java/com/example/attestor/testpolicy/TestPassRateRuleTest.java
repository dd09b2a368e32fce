package com.example.attestor.testpolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Decision;
import org.stellaops.attestor.api.model.Digest;
import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.api.model.Subject;
import org.stellaops.attestor.api.model.Verdict;
import org.stellaops.attestor.api.policy.ConfigProblem;
import org.stellaops.attestor.api.policy.PolicyEnvironment;
import org.stellaops.attestor.api.policy.VerificationContext;

class TestPassRateRuleTest {

    private static final String HANDLER = "com.example.attestor.testresults/1.0.0";
    private final TestPassRateRule rule = new TestPassRateRule();

    private static VerificationContext.Builder context(String predicateType) {
        Statement statement = new Statement(Statement.TYPE_V1,
                List.of(new Subject("app.jar", List.of(new Digest("sha256", "ab".repeat(32))))), predicateType,
                Map.of(), Bytes.of("{}".getBytes(StandardCharsets.UTF_8)));
        return VerificationContext.builder().envelopeDigest("sha256:" + "cd".repeat(32)).statement(statement)
                .verificationTime(Instant.parse("2026-03-01T12:00:00Z"));
    }

    private static VerificationContext run(long passed, long failed, long skipped) {
        return context(TestPassRateRule.PREDICATE_TYPE).facts(Map.of("testResults.passed", passed,
                "testResults.failed", failed, "testResults.skipped", skipped,
                "testResults.total", passed + failed + skipped), HANDLER).build();
    }

    static Stream<Arguments> cases() {
        Map<String, Object> strict = Map.of("minPassRate", new BigDecimal("0.98"), "maxFailed", 0L);
        Map<String, Object> lenient = Map.of("minPassRate", new BigDecimal("0.9"));
        Map<String, Object> skippedFail = Map.of("minPassRate", new BigDecimal("0.9"), "skippedCountAsFailed", true);
        return Stream.of(
                Arguments.of("every test passed", strict, run(120, 0, 3), Verdict.PASS, "pass rate 1.0000"),
                Arguments.of("one failure where none is allowed", strict, run(119, 1, 0), Verdict.FAIL,
                        "1 failed test(s), at most 0 allowed"),
                Arguments.of("below the minimum rate", lenient, run(8, 2, 0), Verdict.FAIL,
                        "pass rate 0.8000 is below the required 0.9"),
                Arguments.of("skipped tests ignored by default", lenient, run(9, 1, 40), Verdict.PASS, "0.9000"),
                Arguments.of("skipped tests counted as failed", skippedFail, run(9, 1, 40), Verdict.FAIL, "0.1800"),
                Arguments.of("no test executed", lenient, run(0, 0, 5), Verdict.FAIL, "executed no test"),
                Arguments.of("another predicate type", lenient,
                        context("https://slsa.dev/provenance/v1").build(), Verdict.NOT_APPLICABLE,
                        "not a test-results statement"),
                Arguments.of("an opaque test-results predicate", lenient,
                        context(TestPassRateRule.PREDICATE_TYPE).build(), Verdict.FAIL, "no handler extracted facts"),
                Arguments.of("facts without counts", lenient, context(TestPassRateRule.PREDICATE_TYPE)
                        .facts(Map.of("testResults.suite", "unit"), HANDLER).build(), Verdict.FAIL,
                        "lack testResults.passed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judgesTheRunTheAttestationReports(String name, Map<String, Object> config, VerificationContext context,
                                           Verdict expected, String reason) {
        Decision decision = rule.evaluate(context, config);
        assertEquals(expected, decision.verdict(), decision.reason());
        assertTrue(decision.reason().contains(reason), decision.reason());
        assertEquals(TestPassRateRule.TYPE, decision.rule());
    }

    @Test
    void reportsTheCountsAndTheRateItUsed() {
        Decision decision = rule.evaluate(run(49, 1, 2), Map.of("minPassRate", new BigDecimal("0.95")));
        assertEquals(49L, decision.evidence().get("passed"));
        assertEquals(new BigDecimal("0.9800"), decision.evidence().get("passRate"));
        assertEquals(HANDLER, decision.evidence().get("derivedBy"));
    }

    @Test
    void refusesLimitsThatContradictEachOther() {
        List<ConfigProblem> problems = rule.validateConfig(Map.of("minPassRate", 1L, "maxFailed", 2L),
                PolicyEnvironment.empty());
        assertEquals(List.of(new ConfigProblem("/maxFailed", ConfigProblem.BAD_VALUE, "contradicts minPassRate 1: a"
                + " pass rate of 1 allows no failed test, so maxFailed can only be 0")), problems);
        assertEquals(List.of(), rule.validateConfig(Map.of("minPassRate", 1L, "maxFailed", 0L),
                PolicyEnvironment.empty()));
    }

    @Test
    void isDeterministic() {
        VerificationContext context = run(10, 1, 0);
        Map<String, Object> config = Map.of("maxFailed", 0L);
        assertEquals(rule.evaluate(context, config), rule.evaluate(context, config));
    }
}
