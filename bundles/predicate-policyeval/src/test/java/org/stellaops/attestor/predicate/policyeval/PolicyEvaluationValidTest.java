package org.stellaops.attestor.predicate.policyeval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.predicate.support.SubjectPolicy;
import org.stellaops.attestor.testing.predicate.FactsContract;
import org.stellaops.attestor.testing.predicate.TestStatements;

/** PolicyEvaluation predicates that pass every check, and the facts they give. */
class PolicyEvaluationValidTest {

    private static final String IMAGE = "3c1e9f0b5d7a2486c1f0e93b7d5a8c2e4f6b1a0d9c8e7f6a5b4c3d2e1f0a9b8c";

    private final PolicyEvaluationHandler handler = new PolicyEvaluationHandler(SubjectPolicy.ERROR);

    private PredicateResult.Valid valid(TestStatements statement) {
        PredicateResult result = handler.validate(statement.statement());
        PredicateResult.Valid valid = assertInstanceOf(PredicateResult.Valid.class, result, () -> "invalid: " + result);
        FactsContract.assertObeyed(valid.facts(), "policy");
        return valid;
    }

    @Test
    void acceptsAFailedReleaseGateAndExtractsItsFacts() {
        PredicateResult.Valid valid = valid(TestStatements.load("/statements/release-gate-fail.json"));

        assertEquals(Map.ofEntries(
                Map.entry("policy.id", "stellaops/release-gate"),
                Map.entry("policy.version", "1.4.0"),
                Map.entry("policy.digest", "sha256:5f0c6b2e8a1d4c7f9e3b6a0d2c5f8e1b4a7d0c3f6e9b2a5d8c1f4e7b0a3d6c9f"),
                Map.entry("policy.verdict", "fail"),
                Map.entry("policy.evaluator.name", "stellaops-policy-engine"),
                Map.entry("policy.evaluator.version", "2.3.1"),
                Map.entry("policy.evaluatedOn", "2024-05-01T12:05:31Z"),
                Map.entry("policy.rules.count", 8),
                Map.entry("policy.rules.failed", List.of("no-critical-vulnerabilities", "sbom-licenses-declared")),
                Map.entry("policy.rules.warned", List.of("no-fixable-high-vulnerabilities")),
                Map.entry("policy.inputs.artifacts", List.of("sha256:" + IMAGE)),
                Map.entry("policy.inputs.attestations", List.of(
                        "sha256:a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90",
                        "sha256:b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1",
                        "sha256:c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2",
                        "sha256:d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3")),
                Map.entry("policy.inputs.predicateTypes", List.of("https://cyclonedx.org/bom",
                        "https://openvex.dev/ns/v0.2.0", "https://slsa.dev/provenance/v1",
                        "https://stella-ops.org/attestation/scan-results/v1"))),
                valid.facts());
        assertTrue(valid.warnings().isEmpty());
    }

    @Test
    void acceptsAPassedReleaseGate() {
        Map<String, Object> facts = valid(TestStatements.load("/statements/release-gate-pass.json")).facts();

        assertEquals("pass", facts.get("policy.verdict"));
        assertEquals(List.of(), facts.get("policy.rules.failed"));
        assertEquals(List.of(), facts.get("policy.rules.warned"));
    }

    @Test
    void acceptsAFleetEvaluationOfThreeHundredTwentyRulesAndOneHundredFiftyOneInputs() {
        Map<String, Object> facts = valid(TestStatements.load("/statements/fleet-baseline-large.json")).facts();

        assertEquals("warn", facts.get("policy.verdict"));
        assertEquals(320, facts.get("policy.rules.count"));
        assertEquals(25, ((List<?>) facts.get("policy.rules.failed")).size());
        assertEquals(41, ((List<?>) facts.get("policy.rules.warned")).size());
        assertEquals(150, ((List<?>) facts.get("policy.inputs.attestations")).size());
        assertEquals(6, ((List<?>) facts.get("policy.inputs.predicateTypes")).size());
    }

    @Test
    void acceptsWarnWhenOnlyAdvisoryRulesFailed() {
        Map<String, Object> facts = valid(TestStatements.load("/statements/release-gate-fail.json")
                .set("/predicate/rules/2/enforcement", "\"advisory\"")
                .set("/predicate/verdict", "\"warn\"")).facts();

        assertEquals("warn", facts.get("policy.verdict"));
        assertEquals(List.of("no-critical-vulnerabilities", "sbom-licenses-declared"), facts.get("policy.rules.failed"));
    }

    @Test
    void acceptsAnEvaluationOverAttestationsAlone() {
        // no input of kind artifact: nothing to compare with the subjects
        PredicateResult.Valid valid = valid(TestStatements.load("/statements/release-gate-pass.json")
                .remove("/predicate/inputs/0").set("/subject/0/digest/sha256", "\"" + "00".repeat(32) + "\""));

        assertEquals(List.of(), valid.facts().get("policy.inputs.artifacts"));
    }

    @Test
    void warnsWhenAPassRestsOnRulesThatWereAllSkipped() {
        TestStatements statement = TestStatements.load("/statements/release-gate-pass.json");
        for (int i = 0; i < 8; i++) {
            statement.set("/predicate/rules/" + i + "/verdict", "\"skip\"");
        }

        PredicateResult.Valid valid = valid(statement);

        assertEquals(List.of(new ValidationError("/predicate/rules",
                "every rule was skipped: the pass verdict rests on no evaluated rule")), valid.warnings());
    }
}
