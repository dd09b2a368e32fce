package org.stellaops.attestor.predicate.vex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.testing.predicate.Errors;
import org.stellaops.attestor.testing.predicate.TestStatements;

/** Product digests against the statement's subjects, under each subject policy. */
class SubjectConsistencyTest {

    private static final String OTHER = "0000000000000000000000000000000000000000000000000000000000000001";
    private static final String SPRING_HASH = "/predicate/statements/0/products/0/hashes/sha-256";

    /** The Spring Boot sample attested for an unrelated artifact. */
    private static TestStatements springForAnotherArtifact() {
        return Samples.load(Samples.SPRING).set("/subject/0/digest/sha256", "\"" + OTHER + "\"");
    }

    @Test
    void rejectsUnderTheErrorPolicyAProductDigestThatNoSubjectHas() {
        List<ValidationError> errors = Errors.errors(Handlers.ERROR.validate(springForAnotherArtifact().statement()));

        assertEquals(1, errors.size(), errors::toString);
        Errors.assertAt(errors.get(0), SPRING_HASH, "the VEX gives sha256:");
        assertTrue(errors.get(0).message().contains("for pkg:maven/org.springframework.boot/spring-boot@2.6.0-M3, "
                + "but no statement subject has this digest (subjects: sha256:" + OTHER + ")"), errors::toString);
    }

    @Test
    void acceptsUnderTheWarningPolicyWithTheMismatchAsAWarning() {
        PredicateResult.Valid valid = Errors.valid(Handlers.WARNING.validate(springForAnotherArtifact().statement()));

        assertEquals(1, valid.warnings().size(), valid.warnings()::toString);
        Errors.assertAt(valid.warnings().get(0), SPRING_HASH, "no statement subject has this digest");
        assertEquals(List.of("CVE-2021-44228"), valid.facts().get("vex.vulnerabilities"));
    }

    @Test
    void neitherComparesNorWarnsUnderTheOffPolicy() {
        PredicateResult.Valid valid = Errors.valid(Handlers.OFF.validate(springForAnotherArtifact().statement()));

        assertEquals(List.of(), valid.warnings());
    }

    @Test
    void acceptsAProductWhoseDigestsShareOneWithASubject() {
        Errors.valid(Handlers.ERROR.validate(Samples.load(Samples.SPRING)
                .set("/predicate/statements/0/products/0/hashes/sha-512", "\"" + OTHER + OTHER + "\"").statement()));
    }

    @Test
    void reportsEveryDigestOfAProductThatMatchesNoSubject() {
        List<ValidationError> errors = Errors.errors(Handlers.ERROR.validate(springForAnotherArtifact()
                .set("/predicate/statements/0/products/0/hashes/sha-512", "\"" + OTHER + OTHER + "\"").statement()));

        assertEquals(List.of(SPRING_HASH, "/predicate/statements/0/products/0/hashes/sha-512"),
                errors.stream().map(ValidationError::pointer).toList());
    }

    @Test
    void comparesDigestValuesWithoutRegardToCase() {
        TestStatements sample = Samples.load(Samples.SPRING);
        String digest = sample.document().at(SPRING_HASH).asText();

        Errors.valid(Handlers.ERROR.validate(sample.set(SPRING_HASH, "\"" + digest.toUpperCase() + "\"").statement()));
    }

    @Test
    void ignoresHashAlgorithmsWithoutAnInTotoName() {
        Errors.valid(Handlers.ERROR.validate(springForAnotherArtifact()
                .set("/predicate/statements/0/products/0/hashes", "{\"blake2b-256\": \"" + OTHER + "\"}").statement()));
    }

    @Test
    void doesNotCompareTheDigestsOfSubcomponents() {
        Errors.valid(Handlers.ERROR.validate(Samples.load(Samples.SPRING)
                .set("/predicate/statements/0/products/0/subcomponents",
                        "[{\"@id\": \"pkg:maven/org.apache.logging.log4j/log4j-api@2.14.1\", "
                                + "\"hashes\": {\"sha-256\": \"" + OTHER + "\"}}]").statement()));
    }

    @Test
    void findsNothingToCompareInADocumentThatGivesNoDigests() {
        Errors.valid(Handlers.ERROR.validate(Samples.load(Samples.INHERITED)
                .set("/subject/0/digest/sha256", "\"" + OTHER + "\"").statement()));
    }

    @Test
    void checksEveryStatementOfALargeDocument() {
        TestStatements sample = Samples.load(Samples.DISTRO)
                .set("/predicate/statements/150/products/0/hashes/sha-256", "\"" + OTHER + "\"");

        Errors.assertOnly(Handlers.ERROR.validate(sample.statement()),
                "/predicate/statements/150/products/0/hashes/sha-256", "sha256:" + OTHER);
    }

    @Test
    void rejectsACycloneDxVexWhoseDescribedComponentHasAnotherDigest() {
        List<ValidationError> errors = Errors.errors(Handlers.ERROR.validate(Samples.load(Samples.APPLICATION)
                .set("/subject/0/digest/sha256", "\"" + OTHER + "\"").statement()));

        assertEquals(List.of("/predicate/metadata/component/hashes/0/content",
                "/predicate/metadata/component/hashes/1/content"), errors.stream().map(ValidationError::pointer).toList());
        assertTrue(errors.get(1).message().startsWith("the VEX gives sha512:"), errors::toString);
        assertTrue(errors.get(1).message().contains("for pkg:generic/payments-service@4.2.0"), errors::toString);
    }

    @Test
    void acceptsACycloneDxVexWhoseSubjectHasTheSha512OfTheDescribedComponent() {
        TestStatements sample = Samples.load(Samples.APPLICATION);
        String sha512 = sample.document().at("/predicate/metadata/component/hashes/1/content").asText();

        Errors.valid(Handlers.ERROR.validate(sample.set("/subject/0/digest", "{\"sha512\": \"" + sha512 + "\"}")
                .statement()));
    }

    @Test
    void acceptsUnderTheWarningPolicyACycloneDxMismatchAsAWarning() {
        PredicateResult.Valid valid = Errors.valid(Handlers.WARNING.validate(Samples.load(Samples.PRODUCT)
                .set("/subject/0/digest/sha256", "\"" + OTHER + "\"").statement()));

        assertEquals(1, valid.warnings().size());
        Errors.assertAt(valid.warnings().get(0), "/predicate/metadata/component/hashes/0/content", "for ABC");
    }

    @Test
    void findsNothingToCompareWhenTheDescribedComponentHasNoHashes() {
        Errors.valid(Handlers.ERROR.validate(Samples.load(Samples.INDEPENDENT)
                .set("/subject/0/digest/sha256", "\"" + OTHER + "\"").statement()));
    }

    @Test
    void reportsAMismatchAfterTheOtherErrorsOfAnInvalidDocument() {
        List<ValidationError> errors = Errors.errors(Handlers.ERROR.validate(springForAnotherArtifact()
                .set("/predicate/version", "0").statement()));

        assertEquals(List.of("/predicate/version", SPRING_HASH), errors.stream().map(ValidationError::pointer).toList());
    }
}
