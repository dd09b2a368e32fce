package org.stellaops.attestor.predicate.slsa;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.testing.predicate.Errors;
import org.stellaops.attestor.testing.predicate.TestStatements;

/** Each rule class of the v0.2 schema, on an otherwise valid slsa-github-generator provenance. */
class V02ViolationsTest {

    private final SlsaProvenanceHandler handler = new SlsaProvenanceHandler();

    private PredicateResult validate(TestStatements statement) {
        return handler.validate(statement.statement());
    }

    private static TestStatements generator() {
        return TestStatements.load("/provenance/generator-generic-v02.json");
    }

    @Test
    void pointsAtTheMissingBuildType() {
        Errors.assertOnly(validate(generator().remove("/predicate/buildType")),
                "/predicate/buildType", "required member is missing");
    }

    @Test
    void rejectsABuilderThatIsAString() {
        Errors.assertOnly(validate(generator().set("/predicate/builder", "\"https://github.com/actions\"")),
                "/predicate/builder", "must be an object, not a string");
    }

    @Test
    void rejectsAMaterialDigestInUppercaseHex() {
        Errors.assertOnly(validate(generator().set("/predicate/materials/1/digest/sha1",
                        "\"B4FFDE65F46336AB88EB53BE808477A3936BAE11\"")),
                "/predicate/materials/1/digest/sha1", "40 lowercase hex characters");
    }

    @Test
    void rejectsAConfigSourceDigestOfTheWrongLength() {
        Errors.assertOnly(validate(generator().set("/predicate/invocation/configSource/digest/sha256", "\"abcd\"")),
                "/predicate/invocation/configSource/digest/sha256", "64 lowercase hex characters");
    }

    @Test
    void rejectsABuildStartTimeThatIsNotRfc3339() {
        Errors.assertOnly(validate(generator().set("/predicate/metadata/buildStartedOn", "\"1714564800\"")),
                "/predicate/metadata/buildStartedOn", "RFC 3339");
    }

    @Test
    void rejectsAMaterialUriThatIsNotAbsolute() {
        Errors.assertOnly(validate(generator().set("/predicate/materials/0/uri", "\"./src\"")),
                "/predicate/materials/0/uri", "absolute URI");
    }

    @Test
    void rejectsACompletenessClaimThatIsNotABoolean() {
        Errors.assertOnly(validate(generator().set("/predicate/metadata/completeness/materials", "\"yes\"")),
                "/predicate/metadata/completeness/materials", "must be a boolean (or null), not a string");
    }
}
