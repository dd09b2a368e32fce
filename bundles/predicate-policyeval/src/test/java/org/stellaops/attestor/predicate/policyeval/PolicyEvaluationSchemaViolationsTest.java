package org.stellaops.attestor.predicate.policyeval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.predicate.support.SubjectPolicy;
import org.stellaops.attestor.testing.predicate.Errors;
import org.stellaops.attestor.testing.predicate.TestStatements;

/** Each rule class of the PolicyEvaluation schema, on an otherwise valid release gate. */
class PolicyEvaluationSchemaViolationsTest {

    private final PolicyEvaluationHandler handler = new PolicyEvaluationHandler(SubjectPolicy.ERROR);

    private PredicateResult validate(TestStatements statement) {
        return handler.validate(statement.statement());
    }

    private static TestStatements gate() {
        return TestStatements.load("/statements/release-gate-fail.json");
    }

    @Test
    void namesEveryMissingTopLevelMemberOfAnEmptyPredicate() {
        assertEquals(List.of(
                new ValidationError("/predicate/policy", "required member is missing"),
                new ValidationError("/predicate/evaluator", "required member is missing"),
                new ValidationError("/predicate/evaluatedOn", "required member is missing"),
                new ValidationError("/predicate/inputs", "required member is missing"),
                new ValidationError("/predicate/verdict", "required member is missing"),
                new ValidationError("/predicate/rules", "required member is missing")),
                Errors.errors(validate(gate().remove("/predicate"))));
    }

    @Test
    void pointsAtTheMissingPolicyDigestItself() {
        Errors.assertOnly(validate(gate().remove("/predicate/policy/digest")),
                "/predicate/policy/digest", "required member is missing");
    }

    @Test
    void pointsAtTheMissingMessageOfARule() {
        Errors.assertOnly(validate(gate().remove("/predicate/rules/5/message")),
                "/predicate/rules/5/message", "required member is missing");
    }

    @Test
    void requiresTheSha256OfThePolicyAndNoOtherDigest() {
        List<ValidationError> errors = Errors.errors(validate(gate().set("/predicate/policy/digest",
                "{\"sha512\": \"" + "ab".repeat(64) + "\"}")));

        assertEquals(2, errors.size(), errors::toString);
        Errors.assertAt(errors.get(0), "/predicate/policy/digest/sha512", "member 'sha512' is not allowed here");
        Errors.assertAt(errors.get(1), "/predicate/policy/digest/sha256", "required member is missing");
    }

    @Test
    void rejectsRulesThatAreNotAnArray() {
        Errors.assertOnly(validate(gate().set("/predicate/rules", "{\"provenance-present\": \"pass\"}")),
                "/predicate/rules", "must be an array, not an object");
    }

    @Test
    void rejectsAnOverallVerdictOutsideItsEnumeration() {
        Errors.assertOnly(validate(gate().set("/predicate/verdict", "\"failed\"")),
                "/predicate/verdict", "must be one of pass, fail or warn");
    }

    @Test
    void rejectsSkipAsAnOverallVerdict() {
        Errors.assertOnly(validate(gate().set("/predicate/verdict", "\"skip\"")),
                "/predicate/verdict", "must be one of pass, fail or warn");
    }

    @Test
    void rejectsARuleVerdictOutsideItsEnumeration() {
        Errors.assertOnly(validate(gate().set("/predicate/rules/0/verdict", "\"ok\"")),
                "/predicate/rules/0/verdict", "must be one of pass, fail, warn or skip");
    }

    @Test
    void rejectsAnEnforcementOutsideItsEnumeration() {
        Errors.assertOnly(validate(gate().set("/predicate/rules/4/enforcement", "\"audit\"")),
                "/predicate/rules/4/enforcement", "must be enforce or advisory");
    }

    @Test
    void rejectsAnInputKindOutsideItsEnumeration() {
        Errors.assertOnly(validate(gate().set("/predicate/inputs/4/kind", "\"sbom\"")),
                "/predicate/inputs/4/kind", "must be artifact or attestation");
    }

    @Test
    void rejectsAnEvaluationTimeThatIsNotRfc3339() {
        Errors.assertOnly(validate(gate().set("/predicate/evaluatedOn", "\"2024-05-01 12:05\"")),
                "/predicate/evaluatedOn", "RFC 3339");
    }

    @Test
    void rejectsAnEvaluationTimeOutsideUtc() {
        Errors.assertOnly(validate(gate().set("/predicate/evaluatedOn", "\"2024-05-01T14:05:31+02:00\"")),
                "/predicate/evaluatedOn", "UTC");
    }

    @Test
    void rejectsAPredicateTypeThatIsNotAnAbsoluteUri() {
        Errors.assertOnly(validate(gate().set("/predicate/inputs/1/predicateType", "\"slsa provenance\"")),
                "/predicate/inputs/1/predicateType", "absolute URI");
    }

    @Test
    void rejectsAnEvidencePointerThatIsNotAJsonPointer() {
        Errors.assertOnly(validate(gate().set("/predicate/rules/2/evidence/0/pointer", "\"predicate/findings/2\"")),
                "/predicate/rules/2/evidence/0/pointer", "JSON Pointer (RFC 6901)");
    }

    @Test
    void rejectsAPolicyIdWithSpaces() {
        Errors.assertOnly(validate(gate().set("/predicate/policy/id", "\"release gate\"")),
                "/predicate/policy/id", "no spaces");
    }

    @Test
    void rejectsARuleIdWithSpaces() {
        Errors.assertOnly(validate(gate().set("/predicate/rules/6/id", "\"base image age\"")),
                "/predicate/rules/6/id", "must be a rule id");
    }

    @Test
    void rejectsAPolicyDigestInUppercaseHex() {
        Errors.assertOnly(validate(gate().set("/predicate/policy/digest/sha256",
                        "\"5F0C6B2E8A1D4C7F9E3B6A0D2C5F8E1B4A7D0C3F6E9B2A5D8C1F4E7B0A3D6C9F\"")),
                "/predicate/policy/digest/sha256", "64 lowercase hex characters");
    }

    @Test
    void rejectsAMemberTheSchemaDoesNotDefine() {
        Errors.assertOnly(validate(gate().set("/predicate/rules/0/severity", "\"high\"")),
                "/predicate/rules/0/severity", "member 'severity' is not allowed here");
    }

    @Test
    void rejectsAnEvaluationWithoutRules() {
        Errors.assertOnly(validate(gate().set("/predicate/rules", "[]")), "/predicate/rules", "at least 1");
    }

    @Test
    void rejectsAnEvaluationWithoutInputs() {
        Errors.assertOnly(validate(gate().set("/predicate/inputs", "[]")), "/predicate/inputs", "at least 1");
    }

    @Test
    void rejectsAnInputWithoutAnyDigest() {
        Errors.assertOnly(validate(gate().set("/predicate/inputs/4/digest", "{}")),
                "/predicate/inputs/4/digest", "needs at least one digest");
    }

    @Test
    void rejectsAnAttestationInputWithoutItsPredicateType() {
        Errors.assertOnly(validate(gate().remove("/predicate/inputs/3/predicateType")),
                "/predicate/inputs/3/predicateType", "required member is missing");
    }

    @Test
    void rejectsAnArtifactInputWithAPredicateType() {
        Errors.assertOnly(validate(gate().set("/predicate/inputs/0/predicateType", "\"https://slsa.dev/provenance/v1\"")),
                "/predicate/inputs/0/predicateType", "only an attestation input has a predicateType");
    }

    @Test
    void rejectsAnEmptyMessage() {
        Errors.assertOnly(validate(gate().set("/predicate/rules/1/message", "\"\"")),
                "/predicate/rules/1/message", "at least 1");
    }

    @Test
    void rejectsAMessageOverItsMaximumLength() {
        Errors.assertOnly(validate(gate().set("/predicate/rules/1/message", "\"" + "m".repeat(4097) + "\"")),
                "/predicate/rules/1/message", "at most 4,096 characters");
    }

    @Test
    void rejectsAnEmptyEvidenceList() {
        Errors.assertOnly(validate(gate().set("/predicate/rules/0/evidence", "[]")),
                "/predicate/rules/0/evidence", "at least 1");
    }

    @Test
    void reportsEveryBrokenMemberNotOnlyTheFirst() {
        List<ValidationError> errors = Errors.errors(validate(gate()
                .set("/predicate/evaluator/version", "\"2.3 beta\"")
                .set("/predicate/rules/6/verdict", "\"n/a\"")
                .remove("/predicate/inputs/2/kind")));

        assertEquals(List.of("/predicate/evaluator/version", "/predicate/inputs/2/kind", "/predicate/rules/6/verdict"),
                errors.stream().map(ValidationError::pointer).sorted().toList());
    }
}
