package org.stellaops.attestor.predicate.vex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stellaops.attestor.predicate.vex.Samples.independent;
import static org.stellaops.attestor.predicate.vex.Samples.product;
import static org.stellaops.attestor.predicate.vex.Samples.validate;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.testing.predicate.Errors;

/** The CycloneDX VEX rules checked after the schema. */
class CycloneDxRulesTest {

    @Test
    void rejectsNotAffectedWithoutAJustification() {
        Errors.assertOnly(validate(product().remove("/predicate/vulnerabilities/1/analysis/justification")),
                "/predicate/vulnerabilities/1/analysis/justification", "analysis.state not_affected needs "
                        + "analysis.justification (code_not_present, code_not_reachable, requires_configuration, "
                        + "requires_dependency, requires_environment, protected_by_compiler, protected_at_runtime, "
                        + "protected_at_perimeter or protected_by_mitigating_control)");
    }

    @Test
    void doesNotTakeADetailForTheJustificationOfNotAffected() {
        Errors.assertOnly(validate(product().remove("/predicate/vulnerabilities/1/analysis/justification")
                        .set("/predicate/vulnerabilities/1/analysis/detail", "\"Not reachable.\"")),
                "/predicate/vulnerabilities/1/analysis/justification", "needs analysis.justification");
    }

    @Test
    void rejectsExploitableWithoutAnyAction() {
        Errors.assertOnly(validate(product().remove("/predicate/vulnerabilities/0/analysis/response")),
                "/predicate/vulnerabilities/0/analysis/response", "analysis.state exploitable needs an action: at "
                        + "least one response (can_not_fix, will_not_fix, update, rollback or workaround_available), "
                        + "or a recommendation or workaround on the vulnerability");
    }

    @Test
    void rejectsExploitableWithAnEmptyResponseList() {
        Errors.assertOnly(validate(product().set("/predicate/vulnerabilities/0/analysis/response", "[]")),
                "/predicate/vulnerabilities/0/analysis/response", "is empty, and analysis.state exploitable needs");
    }

    @Test
    void acceptsExploitableWithARecommendationInsteadOfAResponse() {
        Errors.valid(validate(product().remove("/predicate/vulnerabilities/0/analysis/response")
                .set("/predicate/vulnerabilities/0/recommendation", "\"Upgrade to ABC 4.2.\"")));
    }

    @Test
    void acceptsExploitableWithAWorkaroundInsteadOfAResponse() {
        Errors.valid(validate(independent()));
    }

    @Test
    void rejectsAVulnerabilityWithoutAnalysis() {
        Errors.assertOnly(validate(product().remove("/predicate/vulnerabilities/2/analysis")),
                "/predicate/vulnerabilities/2/analysis", "a VEX statement needs an analysis with its state");
    }

    @Test
    void rejectsAnAnalysisWithoutState() {
        Errors.assertOnly(validate(product().set("/predicate/vulnerabilities/2/analysis", "{\"detail\": \"pending\"}")),
                "/predicate/vulnerabilities/2/analysis/state", "a VEX statement needs analysis.state");
    }

    @Test
    void rejectsAVulnerabilityWithoutId() {
        Errors.assertOnly(validate(product().remove("/predicate/vulnerabilities/2/id")),
                "/predicate/vulnerabilities/2/id", "a VEX statement names its vulnerability");
    }

    @Test
    void rejectsAVulnerabilityWithABlankId() {
        Errors.assertOnly(validate(product().set("/predicate/vulnerabilities/2/id", "\" \"")),
                "/predicate/vulnerabilities/2/id", "is empty");
    }

    @Test
    void rejectsABomWithoutVulnerabilities() {
        Errors.assertOnly(validate(product().remove("/predicate/vulnerabilities")), "/predicate/vulnerabilities",
                "required member is missing: a CycloneDX VEX needs vulnerabilities");
    }

    @Test
    void rejectsABomWithAnEmptyVulnerabilityList() {
        Errors.assertOnly(validate(product().set("/predicate/vulnerabilities", "[]")), "/predicate/vulnerabilities",
                "is empty");
    }

    @Test
    void rejectsARefThatNamesNoElementOfTheBom() {
        Errors.assertOnly(validate(product().set("/predicate/vulnerabilities/2/affects/0/ref", "\"product-XYZ\"")),
                "/predicate/vulnerabilities/2/affects/0/ref", "'product-XYZ' is not the bom-ref of any component "
                        + "or service in this BOM");
    }

    @Test
    void rejectsABomLinkIntoThisBomThatNamesNoElement() {
        Errors.assertOnly(validate(product().set("/predicate/specVersion", "\"1.5\"")
                        .set("/predicate/vulnerabilities/2/affects/0/ref",
                                "\"urn:cdx:5d2f0a6e-8c8b-4a7e-9b0e-1d2c3b4a5f60/1#product-XYZ\"")),
                "/predicate/vulnerabilities/2/affects/0/ref", "points into this BOM");
    }

    @Test
    void acceptsABomLinkIntoAnotherVersionOfThisBom() {
        Errors.valid(validate(product().set("/predicate/specVersion", "\"1.5\"")
                .set("/predicate/vulnerabilities/2/affects/0/ref",
                        "\"urn:cdx:5d2f0a6e-8c8b-4a7e-9b0e-1d2c3b4a5f60/2#product-XYZ\"")));
    }

    @Test
    void rejectsAMistypedBomLink() {
        Errors.assertOnly(validate(independent().set("/predicate/vulnerabilities/0/affects/0/ref",
                        "\"urn:cdx:9b2c4e6a/1#pkg:golang/golang.org/x/net@v0.17.0\"")),
                "/predicate/vulnerabilities/0/affects/0/ref", "is neither a bom-ref of this BOM nor a BOM-Link");
    }

    @Test
    void rejectsABomRefUsedTwice() {
        Errors.assertOnly(validate(product().set("/predicate/components",
                        "[{\"type\": \"library\", \"name\": \"abc-core\", \"bom-ref\": \"lib-core\", \"components\": "
                                + "[{\"type\": \"library\", \"name\": \"abc-core-shaded\", \"bom-ref\": \"product-ABC\"}]}]")),
                "/predicate/components/0/components/0/bom-ref", "bom-ref 'product-ABC' is already used by "
                        + "/predicate/metadata/component");
    }

    @Test
    void reportsTheRuleViolationsOfEveryVulnerability() {
        List<ValidationError> errors = Errors.errors(validate(product()
                .remove("/predicate/vulnerabilities/0/analysis/response")
                .remove("/predicate/vulnerabilities/1/analysis/justification")
                .remove("/predicate/vulnerabilities/2/analysis/state")));

        assertEquals(List.of("/predicate/vulnerabilities/0/analysis/response",
                "/predicate/vulnerabilities/1/analysis/justification", "/predicate/vulnerabilities/2/analysis/state"),
                errors.stream().map(ValidationError::pointer).toList());
    }

    @Test
    void warnsWhenAnAnalysisWasUpdatedBeforeItWasFirstIssued() {
        PredicateResult.Valid valid = Errors.valid(validate(independent()
                .set("/predicate/vulnerabilities/0/analysis/lastUpdated", "\"2023-10-01T09:00:00Z\"")));

        assertEquals(1, valid.warnings().size(), valid.warnings()::toString);
        Errors.assertAt(valid.warnings().get(0), "/predicate/vulnerabilities/0/analysis/lastUpdated",
                "is earlier than firstIssued");
    }
}
