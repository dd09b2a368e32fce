package org.stellaops.attestor.predicate.policyeval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.predicate.support.SubjectPolicy;
import org.stellaops.attestor.testing.predicate.Errors;
import org.stellaops.attestor.testing.predicate.TestStatements;

/** The evaluated artifacts against the statement's subjects, under each subject policy. */
class InputSubjectTest {

    private static final String IMAGE = "3c1e9f0b5d7a2486c1f0e93b7d5a8c2e4f6b1a0d9c8e7f6a5b4c3d2e1f0a9b8c";
    private static final String OTHER = "7d865e959b2466918c9863afca942d0fb89d7c9ac0c99bafc3749504ded97730";

    private static TestStatements gateForAnotherImage() {
        return TestStatements.load("/statements/release-gate-fail.json").set("/subject/0/digest/sha256", '"' + OTHER + '"');
    }

    @Test
    void rejectsAnEvaluatedArtifactThatIsNoSubjectUnderTheDefaultPolicy() {
        Errors.assertOnly(new PolicyEvaluationHandler(SubjectPolicy.ERROR).validate(gateForAnotherImage().statement()),
                "/predicate/inputs/0/digest/sha256", "the evaluated artifact sha256:" + IMAGE
                        + " is no subject of the statement (subjects: sha256:" + OTHER + ")");
    }

    @Test
    void acceptsItWithTheMismatchAsAWarningUnderWarning() {
        PredicateResult result = new PolicyEvaluationHandler(SubjectPolicy.WARNING)
                .validate(gateForAnotherImage().statement());

        PredicateResult.Valid valid = assertInstanceOf(PredicateResult.Valid.class, result);
        assertEquals(1, valid.warnings().size());
        Errors.assertAt(valid.warnings().get(0), "/predicate/inputs/0/digest/sha256", "is no subject");
        assertEquals("fail", valid.facts().get("policy.verdict"));
    }

    @Test
    void acceptsItSilentlyWhenTheCheckIsOff() {
        PredicateResult result = new PolicyEvaluationHandler(SubjectPolicy.OFF).validate(gateForAnotherImage().statement());

        assertTrue(assertInstanceOf(PredicateResult.Valid.class, result).warnings().isEmpty());
    }

    @Test
    void doesNotCompareAttestationInputsWithTheSubjects() {
        // inputs 1 to 4 are attestations whose envelope digests are no subject: that is as it should be
        assertInstanceOf(PredicateResult.Valid.class,
                new PolicyEvaluationHandler(SubjectPolicy.ERROR).validate(TestStatements.load("/statements/release-gate-fail.json")
                        .statement()));
    }

    @Test
    void checksEveryArtifactInput() {
        TestStatements statement = TestStatements.load("/statements/release-gate-fail.json")
                .set("/predicate/inputs/5", "{\"kind\": \"artifact\", \"name\": \"sidecar\", \"digest\": {\"sha256\": \""
                        + OTHER + "\"}}");

        Errors.assertOnly(new PolicyEvaluationHandler(SubjectPolicy.ERROR).validate(statement.statement()),
                "/predicate/inputs/5/digest/sha256", "is no subject");
    }

    @Test
    void acceptsArtifactsThatAreDifferentSubjectsOfOneStatement() {
        TestStatements statement = TestStatements.load("/statements/release-gate-fail.json")
                .set("/predicate/inputs/5", "{\"kind\": \"artifact\", \"digest\": {\"sha256\": \"" + OTHER + "\"}}")
                .set("/subject/1", "{\"name\": \"sidecar\", \"digest\": {\"sha256\": \"" + OTHER + "\"}}");

        assertInstanceOf(PredicateResult.Valid.class,
                new PolicyEvaluationHandler(SubjectPolicy.ERROR).validate(statement.statement()));
    }

    @Test
    void rejectsAnArtifactDigestThatContradictsTheMatchingSubject() {
        TestStatements statement = TestStatements.load("/statements/release-gate-fail.json")
                .set("/predicate/inputs/0/digest/sha384", "\"" + "ab".repeat(48) + "\"")
                .set("/subject/0/digest/sha384", "\"" + "cd".repeat(48) + "\"");

        Errors.assertOnly(new PolicyEvaluationHandler(SubjectPolicy.ERROR).validate(statement.statement()),
                "/predicate/inputs/0/digest/sha384", "contradicts subject 'registry.stella-ops.org/platform/gateway'");
    }

    @Test
    void reportsTheMismatchBesideOtherErrorsUnderTheDefaultPolicy() {
        List<ValidationError> errors = Errors.errors(new PolicyEvaluationHandler(SubjectPolicy.ERROR)
                .validate(gateForAnotherImage().set("/predicate/verdict", "\"pass\"").statement()));

        assertEquals(List.of("/predicate/verdict", "/predicate/inputs/0/digest/sha256"),
                errors.stream().map(ValidationError::pointer).toList());
    }
}
