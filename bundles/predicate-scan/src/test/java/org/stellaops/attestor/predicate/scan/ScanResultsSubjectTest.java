package org.stellaops.attestor.predicate.scan;

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

/** The scanned artifact's digest against the statement's subjects, under each subject policy. */
class ScanResultsSubjectTest {

    private static final String OTHER_IMAGE = "7d865e959b2466918c9863afca942d0fb89d7c9ac0c99bafc3749504ded97730";
    private static final String SCANNED = "d9459083f962de6bd980ae6a05be2a4cf670df6a1d898157bceb420342bec280";
    private static final String SHA512 = "ab".repeat(64);

    private static TestStatements scanOfAnotherImage() {
        return TestStatements.load("/statements/scan-results-alpine.json").set("/subject/0/digest/sha256", '"' + OTHER_IMAGE + '"');
    }

    @Test
    void rejectsAScanOfAnArtifactThatIsNoSubjectUnderTheDefaultPolicy() {
        Errors.assertOnly(new ScanPredicateHandler(SubjectPolicy.ERROR).validate(scanOfAnotherImage().statement()),
                "/predicate/artifact/digest/sha256", "the artifact's digest sha256:" + SCANNED
                        + " is no subject of the statement (subjects: sha256:" + OTHER_IMAGE + ")");
    }

    @Test
    void acceptsAScanOfAnotherArtifactWithTheMismatchAsAWarningUnderWarning() {
        PredicateResult result = new ScanPredicateHandler(SubjectPolicy.WARNING).validate(scanOfAnotherImage().statement());

        PredicateResult.Valid valid = assertInstanceOf(PredicateResult.Valid.class, result);
        assertEquals(1, valid.warnings().size());
        Errors.assertAt(valid.warnings().get(0), "/predicate/artifact/digest/sha256", "is no subject of the statement");
        assertEquals(9, valid.facts().get("scan.findings.count"));
    }

    @Test
    void acceptsAScanOfAnotherArtifactSilentlyWhenTheCheckIsOff() {
        PredicateResult result = new ScanPredicateHandler(SubjectPolicy.OFF).validate(scanOfAnotherImage().statement());

        assertTrue(assertInstanceOf(PredicateResult.Valid.class, result).warnings().isEmpty());
    }

    @Test
    void findsTheArtifactAmongSeveralSubjects() {
        TestStatements statement = TestStatements.load("/statements/scan-results-alpine.json")
                .set("/subject/0", "{\"name\": \"sbom\", \"digest\": {\"sha256\": \"" + OTHER_IMAGE + "\"}}")
                .set("/subject/1", "{\"name\": \"image\", \"digest\": {\"sha256\": \"" + SCANNED + "\"}}");

        assertInstanceOf(PredicateResult.Valid.class, new ScanPredicateHandler(SubjectPolicy.ERROR)
                .validate(statement.statement()));
    }

    @Test
    void matchesTheArtifactByAnyOneOfItsDigests() {
        TestStatements statement = TestStatements.load("/statements/scan-results-alpine.json")
                .set("/predicate/artifact/digest/sha512", '"' + SHA512 + '"')
                .set("/subject/0/digest", "{\"sha512\": \"" + SHA512 + "\"}");

        assertInstanceOf(PredicateResult.Valid.class, new ScanPredicateHandler(SubjectPolicy.ERROR)
                .validate(statement.statement()));
    }

    @Test
    void rejectsAnArtifactDigestThatContradictsTheMatchingSubject() {
        TestStatements statement = TestStatements.load("/statements/scan-results-alpine.json")
                .set("/predicate/artifact/digest/sha512", '"' + SHA512 + '"')
                .set("/subject/0/digest/sha512", '"' + "cd".repeat(64) + '"');

        Errors.assertOnly(new ScanPredicateHandler(SubjectPolicy.ERROR).validate(statement.statement()),
                "/predicate/artifact/digest/sha512", "contradicts subject 'registry.stella-ops.org/edge/proxy'");
    }

    @Test
    void reportsTheSubjectMismatchBesideOtherErrorsUnderTheDefaultPolicy() {
        List<ValidationError> errors = Errors.errors(new ScanPredicateHandler(SubjectPolicy.ERROR)
                .validate(scanOfAnotherImage().set("/predicate/findings/0/severity", "\"big\"").statement()));

        assertEquals(List.of("/predicate/findings/0/severity", "/predicate/artifact/digest/sha256"),
                errors.stream().map(ValidationError::pointer).toList());
    }

    @Test
    void leavesTheSubjectMismatchOutOfAnInvalidResultUnderWarning() {
        List<ValidationError> errors = Errors.errors(new ScanPredicateHandler(SubjectPolicy.WARNING)
                .validate(scanOfAnotherImage().set("/predicate/findings/0/severity", "\"big\"").statement()));

        assertEquals(List.of("/predicate/findings/0/severity"), errors.stream().map(ValidationError::pointer).toList());
    }
}
