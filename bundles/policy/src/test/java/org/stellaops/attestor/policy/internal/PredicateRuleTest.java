package org.stellaops.attestor.policy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.stellaops.attestor.api.model.Decision;
import org.stellaops.attestor.api.model.Verdict;
import org.stellaops.attestor.api.policy.VerificationContext;

class PredicateRuleTest {

    private static final String NO_CRITICALS = "{\"all\":[{\"fact\":\"scan.severity.critical\",\"op\":\"eq\","
            + "\"value\":0}]}";

    private static VerificationContext.Builder facts(Map<String, Object> facts) {
        return Fixtures.context().facts(facts, "org.stellaops.attestor.predicate-scan/1.0.0");
    }

    private static String all(String... conditions) {
        return "{\"all\":[" + String.join(",", conditions) + "]}";
    }

    private static String condition(String fact, String op, String value) {
        return "{\"fact\":\"" + fact + "\",\"op\":\"" + op + "\"" + (value == null ? "" : ",\"value\":" + value)
                + "}";
    }

    static Stream<Arguments> cases() {
        List<String> notAffected = List.of("CVE-2024-0001", "CVE-2024-1234");
        return Stream.of(
                Arguments.of("no critical findings", NO_CRITICALS, facts(Map.of("scan.severity.critical", 0L)),
                        Verdict.PASS, "all 1 condition(s) hold"),
                Arguments.of("two critical findings", NO_CRITICALS, facts(Map.of("scan.severity.critical", 2L)),
                        Verdict.FAIL, "'scan.severity.critical eq 0' does not hold: fact scan.severity.critical is 2"),
                Arguments.of("the fact is missing", NO_CRITICALS, facts(Map.of("scan.severity.high", 0L)),
                        Verdict.FAIL, "fact scan.severity.critical is missing"),
                Arguments.of("facts missing from an opaque predicate", NO_CRITICALS, Fixtures.context(),
                        Verdict.FAIL, "is opaque here: no handler extracted facts"),
                Arguments.of("even absence cannot be shown for an opaque predicate",
                        all(condition("scan.severity.critical", "absent", null)), Fixtures.context(), Verdict.FAIL,
                        "opaque"),
                Arguments.of("VEX says not_affected for the CVE",
                        all(condition("vex.status.notAffected", "contains", "\"CVE-2024-1234\"")),
                        facts(Map.of("vex.status.notAffected", notAffected)), Verdict.PASS, "hold"),
                Arguments.of("VEX does not cover the CVE",
                        all(condition("vex.status.notAffected", "contains", "\"CVE-2024-9999\"")),
                        facts(Map.of("vex.status.notAffected", notAffected)), Verdict.FAIL,
                        "does not contain CVE-2024-9999"),
                Arguments.of("absence from a truncated list is unknown",
                        all(condition("scan.findings.ids", "notContains", "\"CVE-2024-9999\"")),
                        facts(Map.of("scan.findings.ids", notAffected, "scan.findings.ids.truncated", true)),
                        Verdict.FAIL, "was truncated by its handler"),
                Arguments.of("presence in a truncated list is known",
                        all(condition("scan.findings.ids", "contains", "\"CVE-2024-0001\"")),
                        facts(Map.of("scan.findings.ids", notAffected, "scan.findings.ids.truncated", true)),
                        Verdict.PASS, "hold"),
                Arguments.of("an SBOM with components", all(condition("sbom.components", "ge", "1")),
                        facts(Map.of("sbom.components", 42L)), Verdict.PASS, "hold"),
                Arguments.of("an empty SBOM", all(condition("sbom.components", "ge", "1")),
                        facts(Map.of("sbom.components", 0L)), Verdict.FAIL, "is 0"),
                Arguments.of("a passing policy evaluation", all(condition("policy.verdict", "eq", "\"pass\"")),
                        facts(Map.of("policy.verdict", "pass")), Verdict.PASS, "hold"),
                Arguments.of("a failing policy evaluation", all(condition("policy.verdict", "eq", "\"pass\"")),
                        facts(Map.of("policy.verdict", "fail")), Verdict.FAIL, "is fail"),
                Arguments.of("a number compared with a string", all(condition("scan.severity.critical", "eq", "\"0\"")),
                        facts(Map.of("scan.severity.critical", 0L)), Verdict.FAIL, "cannot be compared"),
                Arguments.of("ne on a missing fact fails closed", all(condition("policy.verdict", "ne", "\"fail\"")),
                        facts(Map.of()), Verdict.FAIL, "is missing"),
                Arguments.of("eq on a list fact", all(condition("vex.status.notAffected", "eq", "\"x\"")),
                        facts(Map.of("vex.status.notAffected", notAffected)), Verdict.FAIL, "is a list"),
                Arguments.of("one of several allowed values", all(condition("policy.verdict", "in",
                        "[\"pass\",\"warn\"]")), facts(Map.of("policy.verdict", "warn")), Verdict.PASS, "hold"),
                Arguments.of("any: one condition suffices", "{\"any\":[" + condition("scan.severity.critical", "eq",
                        "0") + "," + condition("vex.status.notAffected", "contains", "\"CVE-2024-1234\"") + "]}",
                        facts(Map.of("scan.severity.critical", 1L, "vex.status.notAffected", notAffected)),
                        Verdict.PASS, "condition 'vex.status.notAffected contains CVE-2024-1234' holds"),
                Arguments.of("a decimal threshold", all(condition("scan.coverage", "lt", "0.5")),
                        facts(Map.of("scan.coverage", 0.25)), Verdict.PASS, "hold"),
                Arguments.of("a fact that must be absent", all(condition("scan.findings.fixable", "absent", null)),
                        facts(Map.of("scan.severity.critical", 0L)), Verdict.PASS, "hold"),
                Arguments.of("a fact that must exist", all(condition("scan.scanner.name", "exists", null)),
                        facts(Map.of("scan.severity.critical", 0L)), Verdict.FAIL, "is absent"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void checksConditionsOverTheExtractedFacts(String name, String config, VerificationContext.Builder context,
                                               Verdict expected, String reason) {
        Decision decision = new PredicateRule().evaluate(context.build(), Fixtures.config(config));
        assertEquals(expected, decision.verdict(), decision.reason());
        assertTrue(decision.reason().contains(reason), decision.reason());
    }
}
