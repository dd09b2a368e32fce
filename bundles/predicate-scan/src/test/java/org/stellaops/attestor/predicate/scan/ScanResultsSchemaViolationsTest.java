package org.stellaops.attestor.predicate.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stellaops.attestor.predicate.scan.Samples.scan;
import static org.stellaops.attestor.predicate.scan.Samples.validate;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.testing.predicate.Errors;

/** Each rule class of the ScanResults schema, on an otherwise valid image scan. */
class ScanResultsSchemaViolationsTest {

    @Test
    void namesEveryMissingTopLevelMemberOfAnEmptyPredicate() {
        assertEquals(List.of(
                new ValidationError("/predicate/scanner", "required member is missing"),
                new ValidationError("/predicate/database", "required member is missing"),
                new ValidationError("/predicate/scan", "required member is missing"),
                new ValidationError("/predicate/artifact", "required member is missing"),
                new ValidationError("/predicate/findings", "required member is missing")),
                Errors.errors(validate(scan().remove("/predicate"))));
    }

    @Test
    void pointsAtTheMissingScannerVersionItself() {
        Errors.assertOnly(validate(scan().remove("/predicate/scanner/version")),
                "/predicate/scanner/version", "required member is missing");
    }

    @Test
    void pointsAtTheMissingFixOfAFinding() {
        Errors.assertOnly(validate(scan().remove("/predicate/findings/6/fix")),
                "/predicate/findings/6/fix", "required member is missing");
    }

    @Test
    void rejectsFindingsThatAreNotAnArray() {
        Errors.assertOnly(validate(scan().set("/predicate/findings", "{}")),
                "/predicate/findings", "must be an array, not an object");
    }

    @Test
    void rejectsACvssScoreGivenAsAString() {
        Errors.assertOnly(validate(scan().set("/predicate/findings/0/cvss/0/score", "\"7.5\"")),
                "/predicate/findings/0/cvss/0/score", "must be a number, not a string");
    }

    @Test
    void rejectsASeverityOutsideTheFixedScale() {
        Errors.assertOnly(validate(scan().set("/predicate/findings/2/severity", "\"severe\"")),
                "/predicate/findings/2/severity", "must be one of critical, high, medium, low, none or unknown");
    }

    @Test
    void rejectsAnUppercaseSeverity() {
        Errors.assertOnly(validate(scan().set("/predicate/findings/2/severity", "\"CRITICAL\"")),
                "/predicate/findings/2/severity", "(lowercase)");
    }

    @Test
    void rejectsAFixStateOutsideItsEnumeration() {
        Errors.assertOnly(validate(scan().set("/predicate/findings/5/fix/state", "\"patched\"")),
                "/predicate/findings/5/fix/state", "must be one of fixed, not_fixed, wont_fix or unknown");
    }

    @Test
    void rejectsAScanTimeThatIsNotRfc3339() {
        Errors.assertOnly(validate(scan().set("/predicate/scan/finishedOn", "\"yesterday\"")),
                "/predicate/scan/finishedOn", "RFC 3339");
    }

    @Test
    void rejectsADatabaseTimeWithAnImpossibleDate() {
        Errors.assertOnly(validate(scan().set("/predicate/database/updatedAt", "\"2024-02-30T01:00:00Z\"")),
                "/predicate/database/updatedAt", "RFC 3339");
    }

    @Test
    void rejectsATimeOutsideUtc() {
        Errors.assertOnly(validate(scan().set("/predicate/scan/startedOn", "\"2024-05-01T11:30:00+02:00\"")),
                "/predicate/scan/startedOn", "UTC");
    }

    @Test
    void rejectsAScannerUriThatIsNotAbsolute() {
        Errors.assertOnly(validate(scan().set("/predicate/scanner/uri", "\"github.com/anchore/grype\"")),
                "/predicate/scanner/uri", "absolute URI");
    }

    @Test
    void rejectsAReferenceThatIsNotAUri() {
        Errors.assertOnly(validate(scan().set("/predicate/findings/0/references/1", "\"see the advisory\"")),
                "/predicate/findings/0/references/1", "absolute URI");
    }

    @Test
    void rejectsAMalformedCveId() {
        Errors.assertOnly(validate(scan().set("/predicate/findings/2/id", "\"CVE-23-286\"")),
                "/predicate/findings/2/id", "must be a vulnerability id");
    }

    @Test
    void rejectsAGhsaIdOutsideTheGhsaAlphabet() {
        Errors.assertOnly(validate(scan().set("/predicate/findings/3/id", "\"GHSA-abcd-efgh-ijkl\"")),
                "/predicate/findings/3/id", "must be a vulnerability id");
    }

    @Test
    void rejectsAComponentThatIsNotAPackageUrl() {
        Errors.assertOnly(validate(scan().set("/predicate/findings/8/component/purl", "\"minimist@1.2.5\"")),
                "/predicate/findings/8/component/purl", "package URL");
    }

    @Test
    void rejectsAnArtifactDigestInUppercaseHex() {
        Errors.assertOnly(validate(scan().set("/predicate/artifact/digest/sha256",
                        "\"D9459083F962DE6BD980AE6A05BE2A4CF670DF6A1D898157BCEB420342BEC280\"")),
                "/predicate/artifact/digest/sha256", "64 lowercase hex characters");
    }

    @Test
    void rejectsAScannerVersionWithSpaces() {
        Errors.assertOnly(validate(scan().set("/predicate/scanner/version", "\"0.74 beta\"")),
                "/predicate/scanner/version", "no spaces");
    }

    @Test
    void rejectsAScannerNameWithTrailingWhiteSpace() {
        Errors.assertOnly(validate(scan().set("/predicate/scanner/name", "\"grype \"")),
                "/predicate/scanner/name", "white space");
    }

    @Test
    void rejectsAMemberTheSchemaDoesNotDefine() {
        Errors.assertOnly(validate(scan().set("/predicate/findings/0/epss", "0.97")),
                "/predicate/findings/0/epss", "member 'epss' is not allowed here");
    }

    @Test
    void rejectsAWeakDigestAlgorithmForTheArtifact() {
        Errors.assertOnly(validate(scan().set("/predicate/artifact/digest/md5", "\"9e107d9d372bb6826bd81d3542a419d6\"")),
                "/predicate/artifact/digest/md5", "member 'md5' is not allowed here");
    }

    @Test
    void rejectsAnArtifactWithoutAnyDigest() {
        Errors.assertOnly(validate(scan().set("/predicate/artifact/digest", "{}")),
                "/predicate/artifact/digest", "needs at least one digest");
    }

    @Test
    void rejectsACvssScoreAboveTen() {
        Errors.assertOnly(validate(scan().set("/predicate/findings/3/cvss/0/score", "10.5")),
                "/predicate/findings/3/cvss/0/score", "maximum value of 10");
    }

    @Test
    void rejectsANegativeCvssScore() {
        Errors.assertOnly(validate(scan().set("/predicate/findings/3/cvss/0/score", "-0.1")),
                "/predicate/findings/3/cvss/0/score", "minimum value of 0");
    }

    @Test
    void rejectsACvssVectorOfAnotherVersion() {
        Errors.assertOnly(validate(scan().set("/predicate/findings/0/cvss/0/vector",
                        "\"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H\"")),
                "/predicate/findings/0/cvss/0/vector", "must be a CVSS v3.1 vector");
    }

    @Test
    void rejectsACvssVersionGivenAsANumber() {
        Errors.assertOnly(validate(scan().set("/predicate/findings/0/cvss/1/version", "2.0")),
                "/predicate/findings/0/cvss/1/version", "CVSS versions 2.0, 3.0, 3.1 or 4.0 (a string)");
    }

    @Test
    void rejectsAFixedFindingWithoutVersions() {
        Errors.assertOnly(validate(scan().remove("/predicate/findings/0/fix/versions")),
                "/predicate/findings/0/fix/versions", "required member is missing");
    }

    @Test
    void rejectsAFixedFindingWithAnEmptyVersionList() {
        Errors.assertOnly(validate(scan().set("/predicate/findings/0/fix/versions", "[]")),
                "/predicate/findings/0/fix/versions", "at least one fixed version");
    }

    @Test
    void rejectsFixedVersionsOnAFindingThatIsNotFixed() {
        Errors.assertOnly(validate(scan().set("/predicate/findings/2/fix/versions", "[\"1.1.1t-r0\"]")),
                "/predicate/findings/2/fix/versions", "only a fix whose state is fixed lists versions");
    }

    @Test
    void reportsOnlyTheMissingStateOfAFixThatListsVersions() {
        Errors.assertOnly(validate(scan().remove("/predicate/findings/0/fix/state")),
                "/predicate/findings/0/fix/state", "required member is missing");
    }

    @Test
    void reportsOnlyTheUnknownStateOfAFixThatListsVersions() {
        Errors.assertOnly(validate(scan().set("/predicate/findings/0/fix/state", "\"patched\"")),
                "/predicate/findings/0/fix/state", "must be one of fixed");
    }

    @Test
    void rejectsRepeatedAliases() {
        Errors.assertOnly(validate(scan().set("/predicate/findings/3/aliases",
                        "[\"CVE-2021-44228\", \"CVE-2021-44228\"]")),
                "/predicate/findings/3/aliases", "unique");
    }

    @Test
    void rejectsATitleOverItsMaximumLength() {
        Errors.assertOnly(validate(scan().set("/predicate/findings/0/title", "\"" + "x".repeat(1025) + "\"")),
                "/predicate/findings/0/title", "at most 1,024 characters");
    }

    @Test
    void reportsEveryBrokenFindingNotOnlyTheFirst() {
        List<ValidationError> errors = Errors.errors(validate(scan()
                .set("/predicate/findings/1/severity", "\"urgent\"")
                .set("/predicate/findings/7/component/purl", "\"rsa 0.9.6\"")
                .remove("/predicate/database/updatedAt")));

        assertEquals(List.of("/predicate/database/updatedAt", "/predicate/findings/1/severity",
                "/predicate/findings/7/component/purl"), errors.stream().map(ValidationError::pointer).sorted().toList());
    }
}
