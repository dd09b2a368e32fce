package org.stellaops.attestor.predicate.slsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.testing.predicate.Errors;
import org.stellaops.attestor.testing.predicate.TestStatements;

/** Each rule class of the v1 schema, on an otherwise valid GitHub Actions provenance. */
class V1ViolationsTest {

    private final SlsaProvenanceHandler handler = new SlsaProvenanceHandler();

    private PredicateResult validate(TestStatements statement) {
        return handler.validate(statement.statement());
    }

    private static TestStatements github() {
        return TestStatements.load("/provenance/github-actions-v1.json");
    }

    @Test
    void pointsAtTheMissingBuilderIdItself() {
        Errors.assertOnly(validate(github().remove("/predicate/runDetails/builder/id")),
                "/predicate/runDetails/builder/id", "required member is missing");
    }

    @Test
    void reportsBothTopLevelMembersOfAnEmptyPredicate() {
        PredicateResult.Invalid invalid = assertInstanceOf(PredicateResult.Invalid.class,
                validate(github().remove("/predicate")));

        assertEquals(List.of(
                new ValidationError("/predicate/buildDefinition", "required member is missing"),
                new ValidationError("/predicate/runDetails", "required member is missing")), invalid.errors());
    }

    @Test
    void rejectsExternalParametersThatAreNotAnObject() {
        Errors.assertOnly(validate(github().set("/predicate/buildDefinition/externalParameters", "[]")),
                "/predicate/buildDefinition/externalParameters", "must be a JSON object");
    }

    @Test
    void namesExpectedAndActualTypeOfAWronglyTypedMember() {
        Errors.assertOnly(validate(github().set("/predicate/buildDefinition/resolvedDependencies", "{}")),
                "/predicate/buildDefinition/resolvedDependencies", "must be an array (or null), not an object");
    }

    @Test
    void rejectsABuildTypeThatIsANumber() {
        Errors.assertOnly(validate(github().set("/predicate/buildDefinition/buildType", "42")),
                "/predicate/buildDefinition/buildType", "must be a string, not an integer");
    }

    @Test
    void rejectsADigestInUppercaseHex() {
        Errors.assertOnly(validate(github().set("/predicate/buildDefinition/resolvedDependencies/0/digest",
                        "{\"sha256\": \"7D865E959B2466918C9863AFCA942D0FB89D7C9AC0C99BAFC3749504DED97730\"}")),
                "/predicate/buildDefinition/resolvedDependencies/0/digest/sha256", "64 lowercase hex characters");
    }

    @Test
    void rejectsADigestOfTheWrongLengthForItsAlgorithm() {
        Errors.assertOnly(validate(github().set("/predicate/buildDefinition/resolvedDependencies/0/digest/gitCommit",
                        "\"3f6c2d1e\"")),
                "/predicate/buildDefinition/resolvedDependencies/0/digest/gitCommit", "git object id");
    }

    @Test
    void rejectsADigestOfAnUnknownAlgorithmThatIsNotHex() {
        Errors.assertOnly(validate(github().set("/predicate/buildDefinition/resolvedDependencies/0/digest/vendor_hash",
                        "\"not-hex\"")),
                "/predicate/buildDefinition/resolvedDependencies/0/digest/vendor_hash", "lowercase hex");
    }

    @Test
    void rejectsAnEmptyDigestSet() {
        Errors.assertOnly(validate(github().set("/predicate/buildDefinition/resolvedDependencies/0/digest", "{}")),
                "/predicate/buildDefinition/resolvedDependencies/0/digest", "at least one digest");
    }

    @Test
    void escapesMemberNamesInPointers() {
        Errors.assertOnly(validate(github().set("/predicate/buildDefinition/resolvedDependencies/0/digest/a~1b",
                        "\"XYZ\"")),
                "/predicate/buildDefinition/resolvedDependencies/0/digest/a~1b", "lowercase hex");
    }

    @Test
    void rejectsATimestampThatIsNotRfc3339() {
        Errors.assertOnly(validate(github().set("/predicate/runDetails/metadata/startedOn", "\"2024-05-01 noon\"")),
                "/predicate/runDetails/metadata/startedOn", "RFC 3339");
    }

    @Test
    void rejectsATimestampWithAnImpossibleDate() {
        Errors.assertOnly(validate(github().set("/predicate/runDetails/metadata/finishedOn", "\"2024-02-30T10:00:00Z\"")),
                "/predicate/runDetails/metadata/finishedOn", "RFC 3339");
    }

    @Test
    void rejectsATimestampOutsideUtc() {
        Errors.assertOnly(validate(github().set("/predicate/runDetails/metadata/startedOn",
                        "\"2024-05-01T14:00:00+02:00\"")),
                "/predicate/runDetails/metadata/startedOn", "UTC");
    }

    @Test
    void rejectsABuilderIdThatIsARelativeReference() {
        Errors.assertOnly(validate(github().set("/predicate/runDetails/builder/id", "\"workflows/release.yml\"")),
                "/predicate/runDetails/builder/id", "absolute URI");
    }

    @Test
    void rejectsADependencyUriContainingSpaces() {
        Errors.assertOnly(validate(github().set("/predicate/buildDefinition/resolvedDependencies/0/uri",
                        "\"git+https://github.com/stellaops/my attestor\"")),
                "/predicate/buildDefinition/resolvedDependencies/0/uri", "absolute URI");
    }

    @Test
    void rejectsABuildTypeWithAnUppercaseScheme() {
        Errors.assertOnly(validate(github().set("/predicate/buildDefinition/buildType",
                        "\"HTTPS://actions.github.io/buildtypes/workflow/v1\"")),
                "/predicate/buildDefinition/buildType", "scheme must be lowercase");
    }

    @Test
    void rejectsAResourceDescriptorWithoutUriDigestOrContent() {
        Errors.assertOnly(validate(github().set("/predicate/buildDefinition/resolvedDependencies/0",
                        "{\"name\": \"source\", \"uri\": null}")),
                "/predicate/buildDefinition/resolvedDependencies/0", "at least one of uri, digest or content");
    }

    @Test
    void rejectsResourceContentThatIsNotBase64() {
        Errors.assertOnly(validate(github().set("/predicate/runDetails/byproducts",
                        "[{\"name\": \"log\", \"content\": \"not base64!\"}]")),
                "/predicate/runDetails/byproducts/0/content", "base64");
    }

    @Test
    void rejectsABuilderVersionThatIsNotAString() {
        Errors.assertOnly(validate(github().set("/predicate/runDetails/builder/version", "{\"runner\": 2}")),
                "/predicate/runDetails/builder/version/runner", "must be a string");
    }

    @Test
    void reportsEveryViolationOfOneDocument() {
        PredicateResult.Invalid invalid = assertInstanceOf(PredicateResult.Invalid.class, validate(github()
                .remove("/predicate/buildDefinition/externalParameters")
                .set("/predicate/buildDefinition/resolvedDependencies/0/digest/gitCommit", "\"XYZ\"")
                .set("/predicate/runDetails/builder/id", "\"not a uri\"")
                .set("/predicate/runDetails/metadata/startedOn", "\"yesterday\"")));

        assertEquals(4, invalid.errors().size(), () -> "errors: " + invalid.errors());
        Set<String> pointers = invalid.errors().stream().map(ValidationError::pointer).collect(Collectors.toSet());
        assertEquals(Set.of(
                "/predicate/buildDefinition/externalParameters",
                "/predicate/buildDefinition/resolvedDependencies/0/digest/gitCommit",
                "/predicate/runDetails/builder/id",
                "/predicate/runDetails/metadata/startedOn"), pointers);
    }
}
