package org.stellaops.attestor.predicate.sbom;

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

/**
 * Each rule class of the SPDX 2.2 and 2.3 schemas and the SPDXID rule, on otherwise valid documents. (The SPDX 2
 * schemas use no {@code format} or {@code pattern}; those classes are covered by the CycloneDX tests.)
 */
class SpdxViolationsTest {

    private static PredicateResult validate(TestStatements statement) {
        return Handlers.ERROR.validate(statement.statement());
    }

    private static TestStatements spdx22() {
        return TestStatements.load("/sbom/spdx-2.2.json");
    }

    private static TestStatements spdx23() {
        return TestStatements.load("/sbom/spdx-2.3.json");
    }

    @Test
    void pointsAtAMissingDocumentNamespace() {
        Errors.assertOnly(validate(spdx23().remove("/predicate/documentNamespace")), "/predicate/documentNamespace",
                "required member is missing");
    }

    @Test
    void pointsAtAMissingPackageDownloadLocation() {
        Errors.assertOnly(validate(spdx23().remove("/predicate/packages/3/downloadLocation")),
                "/predicate/packages/3/downloadLocation", "required member is missing");
    }

    @Test
    void requiresTheLicenceAndCopyrightMembersThatSpdx22Mandates() {
        PredicateResult.Invalid invalid = assertInstanceOf(PredicateResult.Invalid.class, validate(spdx22()
                .remove("/predicate/packages/1/licenseDeclared").remove("/predicate/files/0/licenseInfoInFiles")));

        assertEquals(List.of(
                new ValidationError("/predicate/packages/1/licenseDeclared", "required member is missing"),
                new ValidationError("/predicate/files/0/licenseInfoInFiles", "required member is missing")),
                invalid.errors());
    }

    @Test
    void acceptsAnSpdx23PackageWithoutLicenceMembers() {
        assertInstanceOf(PredicateResult.Valid.class, validate(spdx23()
                .remove("/predicate/packages/4/licenseDeclared").remove("/predicate/packages/4/licenseConcluded")));
    }

    @Test
    void namesExpectedAndActualTypeOfFilesAnalyzedGivenAsAString() {
        Errors.assertOnly(validate(spdx23().set("/predicate/packages/2/filesAnalyzed", "\"no\"")),
                "/predicate/packages/2/filesAnalyzed", "must be a boolean, not a string");
    }

    @Test
    void rejectsASnippetOffsetThatIsNotAnInteger() {
        Errors.assertOnly(validate(spdx22().set("/predicate/snippets/0/ranges/0/startPointer/offset", "\"310\"")),
                "/predicate/snippets/0/ranges/0/startPointer/offset", "must be an integer, not a string");
    }

    @Test
    void rejectsAChecksumAlgorithmSpelledTheCycloneDxWay() {
        Errors.assertOnly(validate(spdx23().set("/predicate/packages/6/checksums/0/algorithm", "\"SHA-256\"")),
                "/predicate/packages/6/checksums/0/algorithm", "does not have a value in the enumeration [\"SHA1\", \"BLAKE3\"");
    }

    @Test
    void summarisesTheLongRelationshipTypeEnumeration() {
        Errors.assertOnly(validate(spdx23().set("/predicate/relationships/5/relationshipType", "\"DEPENDS\"")),
                "/predicate/relationships/5/relationshipType", "is not one of the 45 values the schema allows");
    }

    @Test
    void acceptsBothSpellingsOfThePackageManagerCategory() {
        assertInstanceOf(PredicateResult.Valid.class, validate(spdx22()
                .set("/predicate/packages/0/externalRefs/0/referenceCategory", "\"PACKAGE_MANAGER\"")
                .set("/predicate/packages/1/externalRefs/0/referenceCategory", "\"PACKAGE-MANAGER\"")));
    }

    @Test
    void rejectsAnExternalReferenceCategoryNoSpdxVersionDefines() {
        Errors.assertOnly(validate(spdx22().set("/predicate/packages/0/externalRefs/0/referenceCategory",
                        "\"PACKAGE MANAGER\"")),
                "/predicate/packages/0/externalRefs/0/referenceCategory", "does not have a value in the enumeration");
    }

    @Test
    void rejectsADocumentWithoutCreators() {
        Errors.assertOnly(validate(spdx23().set("/predicate/creationInfo/creators", "[]")),
                "/predicate/creationInfo/creators", "must have at least 1 items but found 0");
    }

    @Test
    void rejectsAFileWithoutChecksums() {
        Errors.assertOnly(validate(spdx23().set("/predicate/files/0/checksums", "[]")),
                "/predicate/files/0/checksums", "must have at least 1 items but found 0");
    }

    @Test
    void rejectsAPurlMemberOnAPackageAndSaysWhichMember() {
        Errors.assertOnly(validate(spdx23().set("/predicate/packages/2/purl", "\"pkg:deb/debian/libssl3@3.0.11\"")),
                "/predicate/packages/2/purl", "member 'purl' is not allowed here");
    }

    @Test
    void rejectsATopLevelMemberTheDocumentSchemaDoesNotDefine() {
        Errors.assertOnly(validate(spdx22().set("/predicate/bomFormat", "\"SPDX\"")),
                "/predicate/bomFormat", "member 'bomFormat' is not allowed here");
    }

    @Test
    void rejectsAnSpdxIdUsedTwiceAtTheSecondUse() {
        Errors.assertOnly(validate(spdx23().set("/predicate/files/0/SPDXID", "\"SPDXRef-Package-deb-libc6-1b2c3d4e\"")),
                "/predicate/files/0/SPDXID", "already used at /predicate/packages/3/SPDXID");
    }

    @Test
    void rejectsAPackageReusingTheDocumentsOwnSpdxId() {
        Errors.assertOnly(validate(spdx22().set("/predicate/packages/2/SPDXID", "\"SPDXRef-DOCUMENT\"")),
                "/predicate/packages/2/SPDXID", "already used at /predicate/SPDXID");
    }

    @Test
    void reportsEveryViolationOfOneDocument() {
        PredicateResult.Invalid invalid = assertInstanceOf(PredicateResult.Invalid.class, validate(spdx23()
                .remove("/predicate/name")
                .set("/predicate/packages/1/filesAnalyzed", "1")
                .set("/predicate/relationships/0/relationshipType", "\"describes\"")
                .set("/predicate/packages/5/SPDXID", "\"SPDXRef-DOCUMENT\"")));

        assertEquals(Set.of("/predicate/name", "/predicate/packages/1/filesAnalyzed",
                "/predicate/relationships/0/relationshipType", "/predicate/packages/5/SPDXID"),
                invalid.errors().stream().map(ValidationError::pointer).collect(Collectors.toSet()));
        assertEquals(4, invalid.errors().size(), () -> "errors: " + invalid.errors());
    }
}
