package org.stellaops.attestor.predicate.vex;

import static org.stellaops.attestor.predicate.vex.Samples.independent;
import static org.stellaops.attestor.predicate.vex.Samples.product;
import static org.stellaops.attestor.predicate.vex.Samples.validate;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.testing.predicate.Errors;

/** The specVersion check and each rule class of the official CycloneDX schemas, on an otherwise valid VEX. */
class CycloneDxViolationsTest {

    @Test
    void rejectsABomWithoutSpecVersion() {
        Errors.assertOnly(validate(product().remove("/predicate/specVersion")), "/predicate/specVersion",
                "required member is missing: a CycloneDX VEX is a BOM of specVersion 1.4, 1.5 or 1.6");
    }

    @Test
    void rejectsASpecVersionBeforeVulnerabilitiesExisted() {
        Errors.assertOnly(validate(product().set("/predicate/specVersion", "\"1.3\"")), "/predicate/specVersion",
                "specVersion 1.4, 1.5 or 1.6 (the versions whose schemas this handler ships; vulnerability analyses "
                        + "exist since 1.4), not \"1.3\"");
    }

    @Test
    void rejectsASpecVersionWhoseSchemaItDoesNotShip() {
        Errors.assertOnly(validate(product().set("/predicate/specVersion", "\"1.7\"")), "/predicate/specVersion",
                "not \"1.7\"");
    }

    @Test
    void rejectsASpecVersionGivenAsANumber() {
        Errors.assertOnly(validate(product().set("/predicate/specVersion", "1.4")), "/predicate/specVersion",
                "not 1.4");
    }

    @Test
    void rejectsABomFormatOtherThanCycloneDx() {
        Errors.assertOnly(validate(product().set("/predicate/bomFormat", "\"SPDX\"")), "/predicate/bomFormat",
                "CycloneDX");
    }

    @Test
    void pointsAtAMissingAffectedRefItself() {
        Errors.assertOnly(validate(product().remove("/predicate/vulnerabilities/1/affects/0/ref")),
                "/predicate/vulnerabilities/1/affects/0/ref", "required member is missing");
    }

    @Test
    void rejectsRatingsThatAreNotAnArray() {
        Errors.assertOnly(validate(product().set("/predicate/vulnerabilities/0/ratings", "\"critical\"")),
                "/predicate/vulnerabilities/0/ratings", "must be an array, not a string");
    }

    @Test
    void rejectsAnAnalysisStateOutsideTheCycloneDxStates() {
        Errors.assertOnly(validate(product().set("/predicate/vulnerabilities/2/analysis/state", "\"fixed\"")),
                "/predicate/vulnerabilities/2/analysis/state", "resolved_with_pedigree");
    }

    @Test
    void rejectsAnOpenVexJustificationInACycloneDxAnalysis() {
        Errors.assertOnly(validate(product().set("/predicate/vulnerabilities/1/analysis/justification",
                        "\"vulnerable_code_not_present\"")),
                "/predicate/vulnerabilities/1/analysis/justification", "code_not_reachable");
    }

    @Test
    void rejectsAnAnalysisDateThatIsNotAnRfc3339DateTime() {
        Errors.assertOnly(validate(independent().set("/predicate/vulnerabilities/0/analysis/firstIssued",
                        "\"2023-13-12T09:00:00Z\"")),
                "/predicate/vulnerabilities/0/analysis/firstIssued", "RFC 3339");
    }

    @Test
    void rejectsASerialNumberThatIsNotAUrnUuid() {
        Errors.assertOnly(validate(product().set("/predicate/serialNumber", "\"5d2f0a6e-8c8b-4a7e-9b0e-1d2c3b4a5f60\"")),
                "/predicate/serialNumber", "urn:uuid");
    }

    @Test
    void rejectsAHashValueThatIsNotHex() {
        Errors.assertOnly(validate(product().set("/predicate/metadata/component/hashes/0/content", "\"not-a-digest\"")),
                "/predicate/metadata/component/hashes/0/content", "a-fA-F0-9");
    }

    @Test
    void rejectsAnUnknownVulnerabilityMember() {
        Errors.assertOnly(validate(product().set("/predicate/vulnerabilities/2/status", "\"under_investigation\"")),
                "/predicate/vulnerabilities/2/status", "member 'status' is not allowed here");
    }
}
