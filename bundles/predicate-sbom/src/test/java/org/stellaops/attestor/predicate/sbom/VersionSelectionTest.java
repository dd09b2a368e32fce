package org.stellaops.attestor.predicate.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.testing.predicate.Errors;
import org.stellaops.attestor.testing.predicate.TestStatements;

/** The document's version member decides which schema applies; a versioned predicate type must agree with it. */
class VersionSelectionTest {

    private static PredicateResult validate(TestStatements statement) {
        return Handlers.ERROR.validate(statement.statement());
    }

    @Test
    void rejectsACycloneDxTypeThatNamesAnotherVersionThanTheBom() {
        Errors.assertOnly(validate(TestStatements.load("/sbom/cyclonedx-1.6.json")
                        .predicateType("https://cyclonedx.org/bom/v1.5")),
                "/predicate/specVersion", "says CycloneDX 1.6, but the predicate type https://cyclonedx.org/bom/v1.5 "
                        + "is for CycloneDX 1.5: use the predicate type https://cyclonedx.org/bom/v1.6 (or "
                        + "https://cyclonedx.org/bom)");
    }

    @Test
    void rejectsAnSpdxTypeThatNamesAnotherVersionThanTheDocument() {
        Errors.assertOnly(validate(TestStatements.load("/sbom/spdx-2.3.json")
                        .predicateType("https://spdx.dev/Document/v2.2")),
                "/predicate/spdxVersion", "says SPDX 2.3, but the predicate type https://spdx.dev/Document/v2.2 is "
                        + "for SPDX 2.2");
    }

    @Test
    void validatesAgainstTheSchemaOfTheVersionTheDocumentNames() {
        // 1.6 members in a BOM that calls itself 1.4 break the 1.4 schema, whatever the (unversioned) type.
        PredicateResult result = validate(TestStatements.load("/sbom/cyclonedx-1.6.json")
                .predicateType("https://cyclonedx.org/bom").set("/predicate/specVersion", "\"1.4\""));

        Errors.assertHas(result, "/predicate/metadata/manufacturer", "member 'manufacturer' is not allowed here");
        Errors.assertHas(result, "/predicate/components/6/type", "does not have a value in the enumeration");
    }

    @Test
    void reportsAVersionMismatchTogetherWithTheSchemaErrorsOfTheDocumentsVersion() {
        PredicateResult.Invalid invalid = assertInstanceOf(PredicateResult.Invalid.class, validate(
                TestStatements.load("/sbom/cyclonedx-1.5.json").predicateType("https://cyclonedx.org/bom/v1.4")
                        .remove("/predicate/components/1/name")));

        assertEquals(List.of("/predicate/specVersion", "/predicate/components/1/name"),
                invalid.errors().stream().map(ValidationError::pointer).toList());
    }

    @Test
    void rejectsACycloneDxVersionThisHandlerDoesNotValidate() {
        Errors.assertOnly(validate(TestStatements.load("/sbom/cyclonedx-1.4.json").predicateType("https://cyclonedx.org/bom")
                        .set("/predicate/specVersion", "\"1.3\"")),
                "/predicate/specVersion", "names CycloneDX version \"1.3\", which this handler does not validate: it "
                        + "accepts \"1.4\", \"1.5\" or \"1.6\"");
    }

    @Test
    void rejectsAnSpdxVersionThisHandlerDoesNotValidate() {
        Errors.assertOnly(validate(TestStatements.load("/sbom/spdx-2.2.json").predicateType("https://spdx.dev/Document")
                        .set("/predicate/spdxVersion", "\"SPDX-2.1\"")),
                "/predicate/spdxVersion", "it accepts \"SPDX-2.2\" or \"SPDX-2.3\"");
    }

    @Test
    void rejectsASpecVersionGivenAsANumber() {
        Errors.assertOnly(validate(TestStatements.load("/sbom/cyclonedx-1.5.json").set("/predicate/specVersion", "1.5")),
                "/predicate/specVersion", "must be a string naming the CycloneDX version (\"1.4\", \"1.5\" or "
                        + "\"1.6\"), not a number");
    }

    @Test
    void explainsAMissingSpecVersionOnceUnderAVersionedType() {
        Errors.assertOnly(validate(TestStatements.load("/sbom/cyclonedx-1.6.json").remove("/predicate/specVersion")),
                "/predicate/specVersion", "required member is missing: it names the CycloneDX version, which decides "
                        + "the schema that applies");
    }

    @Test
    void stillValidatesTheRestAgainstTheVersionedTypesSchemaWhenTheVersionIsMissing() {
        PredicateResult.Invalid invalid = assertInstanceOf(PredicateResult.Invalid.class, validate(
                TestStatements.load("/sbom/spdx-2.2.json").remove("/predicate/spdxVersion")
                        .remove("/predicate/packages/0/name")));

        assertEquals(List.of("/predicate/spdxVersion", "/predicate/packages/0/name"),
                invalid.errors().stream().map(ValidationError::pointer).toList());
    }

    @Test
    void cannotChooseASchemaWhenNeitherTypeNorDocumentNamesAVersion() {
        Errors.assertOnly(validate(TestStatements.load("/sbom/spdx-2.3.json").remove("/predicate/spdxVersion")
                        .remove("/predicate/packages/0/name")),
                "/predicate/spdxVersion", "required member is missing");
    }

    @Test
    void explainsThatSpdx3JsonLdIsNotValidatedHere() {
        Errors.assertOnly(validate(TestStatements.load("/sbom/spdx-2.3.json").set("/predicate",
                        "{\"@context\": \"https://spdx.org/rdf/3.0.1/spdx-context.jsonld\", \"@graph\": []}")),
                "/predicate", "this is an SPDX 3 JSON-LD document; this handler validates SPDX 2.2 and 2.3 JSON");
    }

    @Test
    void rejectsAnSpdxDocumentSentUnderTheCycloneDxType() {
        PredicateResult.Invalid invalid = assertInstanceOf(PredicateResult.Invalid.class, validate(
                TestStatements.load("/sbom/spdx-2.3.json").predicateType("https://cyclonedx.org/bom")));

        assertEquals(new ValidationError("/predicate/specVersion", "required member is missing: it names the "
                + "CycloneDX version, which decides the schema that applies (\"1.4\", \"1.5\" or \"1.6\")"),
                invalid.errors().get(0));
    }
}
