package org.stellaops.attestor.predicate.policyeval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.predicate.support.SubjectPolicy;
import org.stellaops.attestor.testing.predicate.Errors;
import org.stellaops.attestor.testing.predicate.TestStatements;

/** The PolicyEvaluation rules a schema cannot express. */
class PolicyEvaluationRulesTest {

    private final PolicyEvaluationHandler handler = new PolicyEvaluationHandler(SubjectPolicy.ERROR);

    private PredicateResult validate(TestStatements statement) {
        return handler.validate(statement.statement());
    }

    private static TestStatements failed() {
        return TestStatements.load("/statements/release-gate-fail.json");
    }

    private static TestStatements passed() {
        return TestStatements.load("/statements/release-gate-pass.json");
    }

    @Test
    void rejectsAPassVerdictWhenAnEnforcedRuleFailed() {
        Errors.assertOnly(validate(failed().set("/predicate/verdict", "\"pass\"")), "/predicate/verdict",
                "is pass but the rule results make it fail: enforced rule(s) failed: "
                        + "no-critical-vulnerabilities (/predicate/rules/2)");
    }

    @Test
    void rejectsAWarnVerdictWhenAnEnforcedRuleFailed() {
        Errors.assertOnly(validate(failed().set("/predicate/verdict", "\"warn\"")), "/predicate/verdict",
                "is warn but the rule results make it fail");
    }

    @Test
    void treatsARuleWithoutEnforcementAsEnforced() {
        Errors.assertOnly(validate(failed().remove("/predicate/rules/2/enforcement").set("/predicate/verdict", "\"warn\"")),
                "/predicate/verdict", "enforced rule(s) failed: no-critical-vulnerabilities (/predicate/rules/2)");
    }

    @Test
    void rejectsAFailVerdictWhenOnlyAdvisoryRulesFailed() {
        Errors.assertOnly(validate(failed().set("/predicate/rules/2/enforcement", "\"advisory\"")), "/predicate/verdict",
                "is fail but the rule results make it warn: no enforced rule failed, and rule(s) warned or failed as "
                        + "advisory: no-critical-vulnerabilities (/predicate/rules/2), no-fixable-high-vulnerabilities "
                        + "(/predicate/rules/3), sbom-licenses-declared (/predicate/rules/4)");
    }

    @Test
    void rejectsAPassVerdictWhenARuleWarned() {
        Errors.assertOnly(validate(passed().set("/predicate/rules/3/verdict", "\"warn\"")), "/predicate/verdict",
                "is pass but the rule results make it warn");
    }

    @Test
    void rejectsAFailVerdictWhenEveryRulePassedOrWasSkipped() {
        Errors.assertOnly(validate(passed().set("/predicate/verdict", "\"fail\"")), "/predicate/verdict",
                "is fail but the rule results make it pass: every rule passed or was skipped");
    }

    @Test
    void namesAtMostFiveDecisiveRulesAndCountsTheRest() {
        TestStatements statement = passed().set("/predicate/verdict", "\"pass\"");
        for (int i = 0; i < 8; i++) {
            statement.set("/predicate/rules/" + i + "/verdict", "\"fail\"");
        }

        Errors.assertOnly(validate(statement), "/predicate/verdict", "signed-by-release-key (/predicate/rules/5) and 2 more");
    }

    @Test
    void leavesTheVerdictAloneWhenARuleVerdictIsMalformed() {
        Errors.assertOnly(validate(failed().set("/predicate/rules/2/verdict", "\"failed\"")),
                "/predicate/rules/2/verdict", "must be one of pass, fail, warn or skip");
    }

    @Test
    void rejectsARuleIdUsedTwice() {
        Errors.assertOnly(validate(failed().set("/predicate/rules/7/id", "\"builder-trusted\"")),
                "/predicate/rules/7/id", "repeats the rule id builder-trusted of /predicate/rules/1");
    }

    @Test
    void rejectsAnInputListedTwice() {
        Errors.assertOnly(validate(failed().set("/predicate/inputs/5", "{\"kind\": \"attestation\", \"digest\": "
                        + "{\"sha256\": \"a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90\"}, "
                        + "\"predicateType\": \"https://slsa.dev/provenance/v1\"}")),
                "/predicate/inputs/5/digest/sha256", "is also the digest of /predicate/inputs/1: list each input once");
    }

    @Test
    void rejectsEvidenceThatNamesNoInput() {
        Errors.assertOnly(validate(failed().set("/predicate/rules/3/evidence/0/digest/sha256",
                        "\"" + "ee".repeat(32) + "\"")),
                "/predicate/rules/3/evidence/0/digest", "names no input of this evaluation");
    }

    @Test
    void acceptsEvidenceNamedByAnyOneOfItsInputsDigests() {
        PredicateResult result = validate(failed()
                .set("/predicate/inputs/4/digest/sha512", "\"" + "ab".repeat(64) + "\"")
                .set("/predicate/rules/4/evidence/0/digest", "{\"sha512\": \"" + "ab".repeat(64) + "\"}"));

        assertInstanceOf(PredicateResult.Valid.class, result, result::toString);
    }

    @Test
    void reportsSchemaAndSemanticErrorsTogether() {
        List<ValidationError> errors = Errors.errors(validate(failed()
                .set("/predicate/evaluatedOn", "\"today\"")
                .set("/predicate/rules/7/id", "\"builder-trusted\"")
                .set("/predicate/verdict", "\"pass\"")));

        assertEquals(List.of("/predicate/evaluatedOn", "/predicate/rules/7/id", "/predicate/verdict"),
                errors.stream().map(ValidationError::pointer).toList());
    }
}
