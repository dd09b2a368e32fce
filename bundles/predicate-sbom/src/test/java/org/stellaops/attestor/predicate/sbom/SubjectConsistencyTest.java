package org.stellaops.attestor.predicate.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.testing.predicate.Errors;
import org.stellaops.attestor.testing.predicate.TestStatements;

/** The digests an SBOM gives for the artifact it describes, against the statement's subjects, under each policy. */
class SubjectConsistencyTest {

    private static final String OTHER = "0000000000000000000000000000000000000000000000000000000000000001";

    private static TestStatements mavenForAnotherArtifact() {
        return TestStatements.load("/sbom/cyclonedx-1.4.json").subject("orders-service.jar", "sha256", OTHER);
    }

    @Test
    void refusesABomWhoseRootComponentIsNoSubjectUnderPolicyError() {
        PredicateResult.Invalid invalid = assertInstanceOf(PredicateResult.Invalid.class,
                Handlers.ERROR.validate(mavenForAnotherArtifact().statement()));

        assertEquals(List.of("/predicate/metadata/component/hashes/0/content",
                "/predicate/metadata/component/hashes/1/content"),
                invalid.errors().stream().map(ValidationError::pointer).toList());
        Errors.assertAt(invalid.errors().get(0), "/predicate/metadata/component/hashes/0/content",
                "the SBOM gives sha256:5f2b9a6c0e1d4f3a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f50 for the root "
                        + "component 'orders-service', the artifact it describes, but no statement subject has this "
                        + "digest (subjects: sha256:" + OTHER + ")");
    }

    @Test
    void acceptsTheSameBomWithTheFindingsAsWarningsUnderPolicyWarning() {
        PredicateResult.Valid valid = assertInstanceOf(PredicateResult.Valid.class,
                Handlers.WARNING.validate(mavenForAnotherArtifact().statement()));

        assertEquals(List.of("/predicate/metadata/component/hashes/0/content",
                "/predicate/metadata/component/hashes/1/content"),
                valid.warnings().stream().map(ValidationError::pointer).toList());
        assertEquals(8L, valid.facts().get("sbom.components"));
    }

    @Test
    void doesNotCompareUnderPolicyOff() {
        PredicateResult.Valid valid = assertInstanceOf(PredicateResult.Valid.class,
                Handlers.OFF.validate(mavenForAnotherArtifact().statement()));

        assertEquals(List.of(), valid.warnings());
    }

    @Test
    void matchesWhenAnyDigestOfTheRootComponentIsASubjectDigest() {
        PredicateResult result = Handlers.ERROR.validate(TestStatements.load("/sbom/cyclonedx-1.4.json")
                .subject("orders-service.jar", "sha1", "1c4a7e2f9b0d3c6e8a1f4b7d0c3e6a9f2b5d8c1e").statement());

        assertEquals(List.of(), assertInstanceOf(PredicateResult.Valid.class, result).warnings());
    }

    @Test
    void comparesHexDigestsWithoutRegardToCase() {
        // The 1.5 sample gives its root hash in uppercase; the subject has it in lowercase.
        assertInstanceOf(PredicateResult.Valid.class, Handlers.ERROR.validate(
                TestStatements.load("/sbom/cyclonedx-1.5.json").statement()));
    }

    @Test
    void findsNothingWhenTheBomGivesNoDigestForItsRootComponent() {
        assertInstanceOf(PredicateResult.Valid.class, Handlers.ERROR.validate(mavenForAnotherArtifact()
                .remove("/predicate/metadata/component/hashes").statement()));
    }

    @Test
    void ignoresDigestsWhoseAlgorithmHasNoInTotoName() {
        PredicateResult.Invalid invalid = assertInstanceOf(PredicateResult.Invalid.class, Handlers.ERROR.validate(
                TestStatements.load("/sbom/cyclonedx-1.6.json").subject("console.tgz", "sha256", OTHER).statement()));

        // SHA-512 is compared (and reported); BLAKE3 has no in-toto name and is not.
        assertEquals(List.of("/predicate/metadata/component/hashes/0/content"),
                invalid.errors().stream().map(ValidationError::pointer).toList());
    }

    @Test
    void refusesAnSpdxDocumentWhoseDescribedPackageIsNoSubject() {
        PredicateResult.Invalid invalid = assertInstanceOf(PredicateResult.Invalid.class, Handlers.ERROR.validate(
                TestStatements.load("/sbom/spdx-2.2.json").subject("libtlsverify.tar.gz", "sha256", OTHER).statement()));

        assertEquals(List.of("/predicate/packages/0/checksums/0/checksumValue",
                "/predicate/packages/0/checksums/1/checksumValue"),
                invalid.errors().stream().map(ValidationError::pointer).toList());
        assertTrue(invalid.errors().get(1).message().contains("md5:624c1abb3664f4b35547e7c73864ad24 for package "
                + "'libtlsverify' (SPDXRef-Package-libtlsverify)"), () -> invalid.errors().toString());
    }

    @Test
    void warnsAboutAnSpdxDocumentWhoseDescribedPackageIsNoSubjectUnderPolicyWarning() {
        PredicateResult.Valid valid = assertInstanceOf(PredicateResult.Valid.class, Handlers.WARNING.validate(
                TestStatements.load("/sbom/spdx-2.3.json").subject("scheduler", "sha256", OTHER).statement()));

        assertEquals(List.of("/predicate/packages/0/checksums/0/checksumValue"),
                valid.warnings().stream().map(ValidationError::pointer).toList());
    }

    @Test
    void findsTheDescribedPackageThroughADescribedByRelationship() {
        PredicateResult result = Handlers.ERROR.validate(TestStatements.load("/sbom/spdx-2.3.json")
                .set("/predicate/relationships/0", "{\"spdxElementId\": \"SPDXRef-Package-go-module-cron-4e5f6a7b\", "
                        + "\"relationshipType\": \"DESCRIBED_BY\", \"relatedSpdxElement\": \"SPDXRef-DOCUMENT\"}")
                .statement());

        Errors.assertOnly(result, "/predicate/packages/6/checksums/0/checksumValue", "package 'github.com/robfig/cron/v3'");
    }

    @Test
    void comparesTheChecksumsOfADescribedFile() {
        PredicateResult result = Handlers.ERROR.validate(TestStatements.load("/sbom/spdx-2.3.json")
                .set("/predicate/documentDescribes", "[\"SPDXRef-File-usr-local-bin-scheduler-5f6a7b8c\"]")
                .statement());

        Errors.assertHas(result, "/predicate/files/0/checksums/1/checksumValue",
                "sha256:7b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4 for file "
                        + "'/usr/local/bin/scheduler'");
    }

    @Test
    void findsNothingWhenTheDocumentDescribesNothing() {
        assertInstanceOf(PredicateResult.Valid.class, Handlers.ERROR.validate(TestStatements.load("/sbom/spdx-2.3.json")
                .subject("scheduler", "sha256", OTHER).remove("/predicate/relationships/0").statement()));
    }

    @Test
    void addsTheFindingsToSchemaErrorsUnderPolicyError() {
        PredicateResult.Invalid invalid = assertInstanceOf(PredicateResult.Invalid.class, Handlers.ERROR.validate(
                mavenForAnotherArtifact().set("/predicate/version", "\"1\"").statement()));

        assertEquals(List.of("/predicate/version", "/predicate/metadata/component/hashes/0/content",
                "/predicate/metadata/component/hashes/1/content"),
                invalid.errors().stream().map(ValidationError::pointer).toList());
    }

    @Test
    void reportsARootDigestTheSchemaRefusesOnceAsASchemaError() {
        PredicateResult.Invalid invalid = assertInstanceOf(PredicateResult.Invalid.class, Handlers.ERROR.validate(
                mavenForAnotherArtifact().set("/predicate/metadata/component/hashes/0/content", "\"xyz\"")
                        .statement()));

        assertEquals(List.of("/predicate/metadata/component/hashes/0/content",
                "/predicate/metadata/component/hashes/1/content"),
                invalid.errors().stream().map(ValidationError::pointer).toList());
        assertTrue(invalid.errors().get(0).message().contains("does not match the regex pattern"),
                () -> invalid.errors().toString());
    }

    @Test
    void reportsOnlyTheSchemaErrorsOfAnInvalidBomUnderPolicyWarning() {
        Errors.assertOnly(Handlers.WARNING.validate(mavenForAnotherArtifact().set("/predicate/version", "\"1\"")
                .statement()), "/predicate/version", "must be an integer, not a string");
    }
}
