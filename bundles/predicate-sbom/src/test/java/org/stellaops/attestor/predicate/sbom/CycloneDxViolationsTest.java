package org.stellaops.attestor.predicate.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.testing.predicate.Errors;
import org.stellaops.attestor.testing.predicate.TestStatements;

/** Each rule class of the CycloneDX schemas and the bom-ref rule, on otherwise valid BOMs. */
class CycloneDxViolationsTest {

    private static PredicateResult validate(TestStatements statement) {
        return Handlers.ERROR.validate(statement.statement());
    }

    private static TestStatements npm() {
        return TestStatements.load("/sbom/cyclonedx-1.6.json");
    }

    @Test
    void pointsAtAMissingTopLevelMemberItself() {
        Errors.assertOnly(validate(npm().remove("/predicate/bomFormat")), "/predicate/bomFormat",
                "required member is missing");
    }

    @Test
    void pointsAtAMissingComponentName() {
        Errors.assertOnly(validate(npm().remove("/predicate/components/2/name")), "/predicate/components/2/name",
                "required member is missing");
    }

    @Test
    void namesExpectedAndActualTypeOfABomVersionGivenAsAString() {
        Errors.assertOnly(validate(npm().set("/predicate/version", "\"1\"")), "/predicate/version",
                "must be an integer, not a string");
    }

    @Test
    void rejectsABomVersionBelowTheMinimum() {
        Errors.assertOnly(validate(npm().set("/predicate/version", "0")), "/predicate/version", "minimum value of 1");
    }

    @Test
    void rejectsABomFormatOtherThanCycloneDx() {
        Errors.assertOnly(validate(npm().set("/predicate/bomFormat", "\"CycloneDx\"")), "/predicate/bomFormat",
                "enumeration [\"CycloneDX\"]");
    }

    @Test
    void listsTheAllowedValuesOfAShortEnumeration() {
        Errors.assertOnly(validate(npm().set("/predicate/components/1/scope", "\"runtime\"")),
                "/predicate/components/1/scope", "enumeration [\"required\", \"optional\", \"excluded\"]");
    }

    @Test
    void summarisesALongEnumerationInsteadOfListingIt() {
        Errors.assertOnly(validate(npm().set("/predicate/components/0/externalReferences/1/type", "\"homepage\"")),
                "/predicate/components/0/externalReferences/1/type", "is not one of the");
    }

    @Test
    void explainsAnUnknownLicenceIdOnceWithoutListingTheWholeLicenceList() {
        Errors.assertOnly(validate(npm().set("/predicate/components/1/licenses/0/license/id", "\"Apache 2\"")),
                "/predicate/components/1/licenses/0/license/id",
                "is not an id of the SPDX licence list that the CycloneDX schema allows (778 ids, case-sensitive, for "
                        + "example Apache-2.0 or MIT): correct the id, or give a licence that has no SPDX id as "
                        + "license.name instead");
    }

    @Test
    void explainsAnUnknownLicenceIdOnceInACycloneDx15Bom() {
        Errors.assertOnly(validate(TestStatements.load("/sbom/cyclonedx-1.5.json")
                        .set("/predicate/components/3/licenses/0/license/id", "\"OpenSSL-3\"")),
                "/predicate/components/3/licenses/0/license/id", "is not an id of the SPDX licence list");
    }

    @Test
    void explainsAnUnknownLicenceIdInACycloneDx14Bom() {
        Errors.assertOnly(validate(TestStatements.load("/sbom/cyclonedx-1.4.json")
                        .set("/predicate/components/2/licenses/0/license/id", "\"mit\"")),
                "/predicate/components/2/licenses/0/license/id", "is not an id of the SPDX licence list");
    }

    @Test
    void reportsALicenceExpressionOfTheWrongTypeOnce() {
        Errors.assertOnly(validate(npm().set("/predicate/components/4/licenses/0/expression", "42")),
                "/predicate/components/4/licenses/0/expression", "must be a string, not an integer");
    }

    @Test
    void asksOnceForTheIdOrTheNameOfALicenceEntryThatHasNeither() {
        Errors.assertOnly(validate(npm().set("/predicate/components/2/licenses/0/license",
                        "{\"url\": \"https://mit-license.org\"}")),
                "/predicate/components/2/licenses/0/license/id", "one of these members is required: id or name");
    }

    @Test
    void rejectsATimestampThatIsNotRfc3339() {
        Errors.assertOnly(validate(npm().set("/predicate/metadata/timestamp", "\"2025-01-20 08:00\"")),
                "/predicate/metadata/timestamp", "RFC 3339 date-time");
    }

    @Test
    void rejectsATimestampWithAnImpossibleDate() {
        Errors.assertOnly(validate(npm().set("/predicate/metadata/timestamp", "\"2025-02-30T08:00:00Z\"")),
                "/predicate/metadata/timestamp", "RFC 3339 date-time");
    }

    @Test
    void rejectsAnExternalReferenceUrlThatIsNotAnIriReference() {
        Errors.assertHas(validate(npm().set("/predicate/components/0/externalReferences/1/url",
                        "\"https://reactjs.org/docs/getting started\"")),
                "/predicate/components/0/externalReferences/1/url", "RFC 3987 IRI-reference");
    }

    @Test
    void rejectsAnAuthorEmailThatIsNotAMailbox() {
        Errors.assertOnly(validate(TestStatements.load("/sbom/cyclonedx-1.4.json")
                        .set("/predicate/metadata/authors/0/email", "\"orders at stella-ops.org\"")),
                "/predicate/metadata/authors/0/email", "RFC 6531 Mailbox");
    }

    @Test
    void acceptsAnAuthorEmailAtAReservedTopLevelDomain() {
        // RFC 6531 allows any domain; the shared format check does not consult the list of public top-level domains
        for (String address : new String[] {"orders@build.test", "orders@corp.internal", "orders@x.example"}) {
            assertInstanceOf(PredicateResult.Valid.class, validate(TestStatements.load("/sbom/cyclonedx-1.4.json")
                    .set("/predicate/metadata/authors/0/email", "\"" + address + "\"")), address);
        }
    }

    @Test
    void rejectsAHashThatIsNotHexOfADigestLength() {
        Errors.assertOnly(validate(npm().set("/predicate/components/0/hashes/0/content", "\"9f1e2d3c\"")),
                "/predicate/components/0/hashes/0/content", "does not match the regex pattern");
    }

    @Test
    void rejectsASerialNumberThatIsNotAUuidUrn() {
        Errors.assertOnly(validate(npm().set("/predicate/serialNumber", "\"bom-2025-01-20\"")),
                "/predicate/serialNumber", "^urn:uuid:");
    }

    @Test
    void rejectsAMemberTheComponentSchemaDoesNotDefine() {
        Errors.assertOnly(validate(npm().set("/predicate/components/2/license", "\"MIT\"")),
                "/predicate/components/2/license", "member 'license' is not allowed here");
    }

    @Test
    void rejectsATopLevelMemberTheBomSchemaDoesNotDefine() {
        Errors.assertOnly(validate(npm().set("/predicate/sbomType", "\"application\"")),
                "/predicate/sbomType", "member 'sbomType' is not allowed here");
    }

    @Test
    void rejectsADependencyListedTwice() {
        Errors.assertOnly(validate(npm().set("/predicate/dependencies/1/dependsOn/1", "\"react@18.3.1\"")),
                "/predicate/dependencies/1/dependsOn", "must have only unique items");
    }

    @Test
    void rejectsTwoLicenceExpressionsForOneComponent() {
        Errors.assertHas(validate(npm().set("/predicate/components/4/licenses/1", "{\"expression\": \"MIT\"}")),
                "/predicate/components/4/licenses", "must have at most 1 items but found 2");
    }

    @Test
    void tellsAnExpressionFollowedByALicenceThatTheExpressionStandsAlone() {
        PredicateResult.Invalid invalid = assertInstanceOf(PredicateResult.Invalid.class, validate(
                npm().set("/predicate/components/4/licenses/1", "{\"license\": {\"id\": \"MIT\"}}")));

        assertEquals(2, invalid.errors().size(), invalid.errors()::toString);
        Errors.assertHas(invalid, "/predicate/components/4/licenses", "must have at most 1 items but found 2");
        Errors.assertHas(invalid, "/predicate/components/4/licenses/1", "item 1 is not allowed here");
    }

    @Test
    void saysOnceThatLicencesFollowedByAnExpressionMatchNeitherForm() {
        Errors.assertOnly(validate(npm().set("/predicate/components/1/licenses/1", "{\"expression\": \"MIT\"}")),
                "/predicate/components/1/licenses", "matches none of the 2 alternatives the schema allows. As "
                        + "alternative 1 (\"Multiple licenses\"): /1/license: required member is missing; "
                        + "/1/expression: member 'expression' is not allowed here");
    }

    @Test
    void rejectsABomRefUsedTwiceAtTheSecondUse() {
        Errors.assertOnly(validate(npm().set("/predicate/components/2/bom-ref", "\"react@18.3.1\"")),
                "/predicate/components/2/bom-ref", "already used at /predicate/components/0/bom-ref");
    }

    @Test
    void rejectsANestedComponentReusingTheRootComponentsBomRef() {
        Errors.assertOnly(validate(TestStatements.load("/sbom/cyclonedx-1.5.json")
                        .set("/predicate/components/5/components/1/bom-ref", "\"container:edge-gateway\"")),
                "/predicate/components/5/components/1/bom-ref", "already used at /predicate/metadata/component/bom-ref");
    }

    @Test
    void escapesMemberNamesInPointers() {
        Errors.assertOnly(validate(npm().set("/predicate/components/3/a~1b", "1")),
                "/predicate/components/3/a~1b", "member 'a/b' is not allowed here");
    }

    @Test
    void reportsEveryViolationOfOneBom() {
        PredicateResult.Invalid invalid = assertInstanceOf(PredicateResult.Invalid.class, validate(npm()
                .remove("/predicate/components/2/name")
                .set("/predicate/version", "\"1\"")
                .set("/predicate/metadata/timestamp", "\"yesterday\"")
                .set("/predicate/components/0/hashes/0/content", "\"xyz\"")
                .set("/predicate/components/3/bom-ref", "\"react@18.3.1\"")));

        Set<String> pointers = invalid.errors().stream().map(ValidationError::pointer).collect(Collectors.toSet());
        assertEquals(Set.of("/predicate/components/2/name", "/predicate/version", "/predicate/metadata/timestamp",
                "/predicate/components/0/hashes/0/content", "/predicate/components/3/bom-ref"), pointers);
        assertEquals(5, invalid.errors().size(), () -> "errors: " + invalid.errors());
    }
}
