package org.stellaops.attestor.predicate.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stellaops.attestor.predicate.scan.Samples.validate;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.testing.predicate.Errors;
import org.stellaops.attestor.testing.predicate.TestStatements;

/** Each rule of the cosign vulnerability schema and the time-order rule, on the specification's example. */
class CosignVulnViolationsTest {

    private static TestStatements example() {
        return TestStatements.load("/statements/cosign-vuln-spec-example.json");
    }

    @Test
    void namesBothRequiredMembersOfAnEmptyPredicate() {
        assertEquals(List.of(
                new ValidationError("/predicate/scanner", "required member is missing"),
                new ValidationError("/predicate/metadata", "required member is missing")),
                Errors.errors(validate(example().remove("/predicate"))));
    }

    @Test
    void pointsAtAMissingScanStartTime() {
        Errors.assertOnly(validate(example().remove("/predicate/metadata/scanStartedOn")),
                "/predicate/metadata/scanStartedOn", "required member is missing");
    }

    @Test
    void refusesTheScannersArrayOfTheEarlyDraftWithAHint() {
        TestStatements statement = example();
        statement.document().withObject("/predicate").set("scanners",
                statement.document().withArray("/predicate/x").addObject()
                        .setAll(statement.document().withObject("/predicate/scanner")));
        statement.remove("/predicate/scanner").remove("/predicate/x");
        statement.set("/predicate/scanners", "[" + statement.document().at("/predicate/scanners") + "]");

        List<ValidationError> errors = Errors.errors(validate(statement));

        assertEquals(List.of("/predicate/scanner", "/predicate/scanners"),
                errors.stream().map(ValidationError::pointer).sorted().toList());
        Errors.assertAt(errors.stream().filter(e -> e.pointer().endsWith("scanners")).findFirst().orElseThrow(),
                "/predicate/scanners", "early draft of the specification");
    }

    @Test
    void rejectsAResultThatIsNull() {
        Errors.assertOnly(validate(example().set("/predicate/scanner/result", "null")),
                "/predicate/scanner/result", "must be an object: the scanner's report as a whole");
    }

    @Test
    void rejectsAResultThatIsAnArray() {
        Errors.assertOnly(validate(example().set("/predicate/scanner/result", "[{\"id\": \"CVE-2023-12345\"}]")),
                "/predicate/scanner/result", "must be an object");
    }

    @Test
    void rejectsAScannerWithoutResult() {
        Errors.assertOnly(validate(example().remove("/predicate/scanner/result")),
                "/predicate/scanner/result", "required member is missing");
    }

    @Test
    void rejectsAScannerUriWithoutScheme() {
        Errors.assertOnly(validate(example().set("/predicate/scanner/uri", "\"fakescanner.example.com/cosign-testing\"")),
                "/predicate/scanner/uri", "must be empty or an absolute URI");
    }

    @Test
    void rejectsADatabaseUriWithAnUppercaseScheme() {
        Errors.assertOnly(validate(example().set("/predicate/scanner/db/uri", "\"PKG:github/aquasecurity/trivy-db\"")),
                "/predicate/scanner/db/uri", "scheme must be lowercase");
    }

    @Test
    void rejectsAScannerVersionThatIsNotAString() {
        Errors.assertOnly(validate(example().set("/predicate/scanner/version", "0.19")),
                "/predicate/scanner/version", "must be a string, not a number");
    }

    @Test
    void rejectsInvocationParametersGivenAsOneString() {
        Errors.assertOnly(validate(example().set("/predicate/invocation/parameters", "\"--format=json\"")),
                "/predicate/invocation/parameters", "must be an array of command-line arguments");
    }

    @Test
    void rejectsAScanTimeThatIsNotRfc3339() {
        Errors.assertOnly(validate(example().set("/predicate/metadata/scanFinishedOn", "\"1628272250\"")),
                "/predicate/metadata/scanFinishedOn", "RFC 3339");
    }

    @Test
    void rejectsAScanTimeWithALocalOffset() {
        Errors.assertOnly(validate(example().set("/predicate/metadata/scanStartedOn",
                        "\"2021-08-07T02:45:50.52+09:00\"")),
                "/predicate/metadata/scanStartedOn", "must be in UTC");
    }

    @Test
    void rejectsAScanThatStartedAfterItFinished() {
        Errors.assertOnly(validate(example().set("/predicate/metadata/scanStartedOn", "\"2021-08-06T17:55:00Z\"")),
                "/predicate/metadata/scanStartedOn", "a scan cannot start after it finished");
    }

    @Test
    void reportsSchemaAndTimeOrderErrorsTogether() {
        List<ValidationError> errors = Errors.errors(validate(example()
                .set("/predicate/metadata/scanStartedOn", "\"2021-08-06T17:55:00Z\"")
                .set("/predicate/invocation/parameters", "[1, 2]")));

        assertEquals(List.of("/predicate/invocation/parameters/0", "/predicate/invocation/parameters/1",
                "/predicate/metadata/scanStartedOn"), errors.stream().map(ValidationError::pointer).toList());
    }
}
