package org.stellaops.attestor.predicate.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.stellaops.attestor.predicate.scan.Samples.scan;
import static org.stellaops.attestor.predicate.scan.Samples.validate;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.testing.predicate.Errors;

/** The ScanResults rules a schema cannot express. */
class ScanResultsRulesTest {

    @Test
    void rejectsAScanThatStartedAfterItFinished() {
        Errors.assertOnly(validate(scan().set("/predicate/scan/startedOn", "\"2024-05-01T09:31:00Z\"")),
                "/predicate/scan/startedOn", "a scan cannot start after it finished (2024-05-01T09:31:00Z is after "
                        + "2024-05-01T09:30:12.250Z)");
    }

    @Test
    void acceptsAScanThatStartedAndFinishedAtTheSameInstant() {
        assertInstanceOf(PredicateResult.Valid.class,
                validate(scan().set("/predicate/scan/startedOn", "\"2024-05-01T09:30:12.25Z\"")));
    }

    @Test
    void rejectsADatabaseNewerThanTheScanThatUsedIt() {
        Errors.assertOnly(validate(scan().set("/predicate/database/updatedAt", "\"2024-05-02T00:00:00Z\"")),
                "/predicate/database/updatedAt", "the vulnerability database cannot be newer than the scan");
    }

    @Test
    void rejectsTheSameVulnerabilityListedTwiceForOneComponent() {
        Errors.assertOnly(validate(scan().set("/predicate/findings/1/component/purl",
                        "\"pkg:apk/alpine/busybox@1.31.1-r21?arch=x86_64&distro=3.12.9\"")),
                "/predicate/findings/1", "repeats /predicate/findings/0: CVE-2021-28831 in pkg:apk/alpine/busybox");
    }

    @Test
    void acceptsTheSameVulnerabilityInTwoComponents() {
        // findings 0 and 1 of the sample are CVE-2021-28831 in busybox and in ssl_client
        assertInstanceOf(PredicateResult.Valid.class, validate(scan()));
    }

    @Test
    void rejectsAnAliasThatRepeatsTheFindingsOwnId() {
        Errors.assertOnly(validate(scan().set("/predicate/findings/4/aliases", "[\"GO-2024-2887\", \"CVE-2024-24790\"]")),
                "/predicate/findings/4/aliases/1", "repeats the finding's own id CVE-2024-24790");
    }

    @Test
    void reportsSchemaAndSemanticErrorsTogether() {
        List<ValidationError> errors = Errors.errors(validate(scan()
                .set("/predicate/scan/startedOn", "\"2024-05-01T10:00:00Z\"")
                .set("/predicate/findings/2/severity", "\"major\"")
                .set("/predicate/findings/1/component/purl",
                        "\"pkg:apk/alpine/busybox@1.31.1-r21?arch=x86_64&distro=3.12.9\"")));

        assertEquals(List.of("/predicate/findings/2/severity", "/predicate/scan/startedOn", "/predicate/findings/1"),
                errors.stream().map(ValidationError::pointer).toList());
    }
}
