package org.stellaops.attestor.predicate.vex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stellaops.attestor.predicate.vex.Samples.distro;
import static org.stellaops.attestor.predicate.vex.Samples.spring;
import static org.stellaops.attestor.predicate.vex.Samples.validate;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.testing.predicate.Errors;
import org.stellaops.attestor.testing.predicate.TestStatements;

/** The OpenVEX 0.2 rules checked after the schema. */
class OpenVexRulesTest {

    @Test
    void rejectsNotAffectedWithNeitherJustificationNorImpactStatement() {
        Errors.assertOnly(validate(spring()
                        .remove("/predicate/statements/0/justification")
                        .remove("/predicate/statements/0/impact_statement")),
                "/predicate/statements/0/justification", "status not_affected needs a justification "
                        + "(component_not_present, vulnerable_code_not_present, vulnerable_code_not_in_execute_path, "
                        + "vulnerable_code_cannot_be_controlled_by_adversary or inline_mitigations_already_exist) or "
                        + "an impact_statement");
    }

    @Test
    void rejectsNotAffectedWhoseOnlyExplanationIsAnEmptyImpactStatement() {
        Errors.assertOnly(validate(spring()
                        .remove("/predicate/statements/0/justification")
                        .set("/predicate/statements/0/impact_statement", "\"  \"")),
                "/predicate/statements/0/impact_statement", "is empty, and status not_affected needs");
    }

    @Test
    void rejectsAffectedWithoutAnActionStatement() {
        Errors.assertOnly(validate(spring()
                        .set("/predicate/statements/0/status", "\"affected\"")
                        .remove("/predicate/statements/0/justification")),
                "/predicate/statements/0/action_statement",
                "status affected needs an action_statement describing how to remediate or mitigate");
    }

    @Test
    void rejectsAffectedWithAnEmptyActionStatement() {
        Errors.assertOnly(validate(spring()
                        .set("/predicate/statements/0/status", "\"affected\"")
                        .set("/predicate/statements/0/action_statement", "\"\"")),
                "/predicate/statements/0/action_statement", "is empty, and status affected needs");
    }

    @Test
    void acceptsFixedAndUnderInvestigationWithoutJustificationOrAction() {
        for (String status : List.of("fixed", "under_investigation")) {
            Errors.valid(validate(spring()
                    .set("/predicate/statements/0/status", "\"" + status + "\"")
                    .remove("/predicate/statements/0/justification")
                    .remove("/predicate/statements/0/impact_statement")));
        }
    }

    @Test
    void reportsTheMissingJustificationOfEveryStatementInDocumentOrder() {
        TestStatements sample = distro();
        // statements 0, 10 and 20 are not_affected with a justification only
        for (int index : new int[] {0, 10, 20}) {
            sample.remove("/predicate/statements/" + index + "/justification");
        }

        List<ValidationError> errors = Errors.errors(validate(sample));

        assertEquals(List.of("/predicate/statements/0/justification", "/predicate/statements/10/justification",
                "/predicate/statements/20/justification"), errors.stream().map(ValidationError::pointer).toList());
    }

    @Test
    void reportsSchemaErrorsBeforeTheVexRules() {
        List<ValidationError> errors = Errors.errors(validate(spring()
                .remove("/predicate/statements/0/justification")
                .remove("/predicate/statements/0/impact_statement")
                .set("/predicate/version", "\"1\"")));

        assertEquals(List.of("/predicate/version", "/predicate/statements/0/justification"),
                errors.stream().map(ValidationError::pointer).toList());
    }

    @Test
    void rejectsAnEmptyVulnerabilityName() {
        Errors.assertOnly(validate(spring().set("/predicate/statements/0/vulnerability/name", "\"\"")),
                "/predicate/statements/0/vulnerability/name", "is empty; name the vulnerability");
    }

    @Test
    void rejectsAnOpenVex001Context() {
        Errors.assertOnly(validate(spring().set("/predicate/@context", "\"https://openvex.dev/ns/v0.0.1\"")),
                "/predicate/@context", "names an OpenVEX version this handler does not accept");
    }

    @Test
    void rejectsAContextOfAnotherVocabulary() {
        Errors.assertOnly(validate(spring().set("/predicate/@context", "\"https://www.w3.org/ns/activitystreams\"")),
                "/predicate/@context", "is not an OpenVEX context; an OpenVEX 0.2 document has @context "
                        + "https://openvex.dev/ns/v0.2.0");
    }

    @Test
    void warnsWhenTheDocumentWasUpdatedBeforeItWasIssued() {
        PredicateResult.Valid valid = Errors.valid(validate(spring()
                .set("/predicate/last_updated", "\"2023-01-15T00:00:00Z\"")));

        assertEquals(1, valid.warnings().size(), valid.warnings()::toString);
        Errors.assertAt(valid.warnings().get(0), "/predicate/last_updated", "is earlier than the document's timestamp");
    }

    @Test
    void warnsWhenAStatementWasUpdatedBeforeTheTimestampItInherits() {
        PredicateResult.Valid valid = Errors.valid(validate(spring()
                .set("/predicate/statements/0/last_updated", "\"2023-01-16T19:07:16-06:00\"")));

        assertEquals(1, valid.warnings().size(), valid.warnings()::toString);
        Errors.assertAt(valid.warnings().get(0), "/predicate/statements/0/last_updated",
                "is earlier than the statement's timestamp (or the document's)");
    }

    @Test
    void comparesUpdateTimesAsInstantsAcrossTimeZones() {
        // 18:00 at UTC-9 is 03:00 UTC, after the document's 19:07 at UTC-6 (01:07 UTC)
        PredicateResult.Valid valid = Errors.valid(validate(spring()
                .set("/predicate/last_updated", "\"2023-01-16T18:00:00-09:00\"")));

        assertEquals(List.of(), valid.warnings());
    }
}
