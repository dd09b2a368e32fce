package org.stellaops.attestor.predicate.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.predicate.support.SubjectPolicy;
import org.stellaops.attestor.testing.predicate.Errors;
import org.stellaops.attestor.testing.predicate.TestStatements;

/** The configuration (PID org.stellaops.attestor.predicate.sbom) and the component cap. */
class ConfigurationTest {

    /** A configuration as Declarative Services would hand it over. */
    private record Settings(String subjectPolicy, int maxComponents) implements SbomPredicateHandler.Config {
        @Override
        public Class<? extends Annotation> annotationType() {
            return SbomPredicateHandler.Config.class;
        }
    }

    private static final SbomPredicateHandler CAP_FIVE = new SbomPredicateHandler(SubjectPolicy.ERROR, 5);

    @Test
    void activatesWithTheDefaults() throws NoSuchMethodException {
        SbomPredicateHandler.Config defaults = new Settings(
                (String) SbomPredicateHandler.Config.class.getMethod("subjectPolicy").getDefaultValue(),
                (Integer) SbomPredicateHandler.Config.class.getMethod("maxComponents").getDefaultValue());
        SbomPredicateHandler handler = new SbomPredicateHandler(defaults);

        assertEquals("error", defaults.subjectPolicy());
        assertEquals(100_000, defaults.maxComponents());
        assertInstanceOf(PredicateResult.Invalid.class, handler.validate(TestStatements.load("/sbom/cyclonedx-1.4.json")
                .subject("x", "sha256", LargeSboms.sha256("x")).statement()));
    }

    @Test
    void refusesToActivateWithAnUnknownSubjectPolicy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SbomPredicateHandler(new Settings("strict", 10)));

        assertTrue(e.getMessage().contains("error, warning or off"), e::getMessage);
    }

    @Test
    void refusesToActivateWithACapBelowOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SbomPredicateHandler(new Settings("warning", 0)));

        assertEquals("maxComponents must be at least 1, not 0", e.getMessage());
    }

    @Test
    void refusesABomWithMoreComponentsThanTheCapWithoutValidatingIt() {
        PredicateResult result = CAP_FIVE.validate(TestStatements.load("/sbom/cyclonedx-1.4.json")
                .set("/predicate/version", "\"not validated\"").statement());

        Errors.assertOnly(result, "/predicate/components", "the BOM has 8 components (nested ones included), more "
                + "than the 5 this service accepts in one SBOM (configuration maxComponents)");
    }

    @Test
    void countsNestedComponentsAgainstTheCap() {
        Errors.assertOnly(new SbomPredicateHandler(SubjectPolicy.ERROR, 9).validate(
                        TestStatements.load("/sbom/cyclonedx-1.5.json").statement()),
                "/predicate/components", "the BOM has 10 components");
    }

    @Test
    void acceptsABomWithExactlyTheCapOfComponents() {
        assertInstanceOf(PredicateResult.Valid.class, new SbomPredicateHandler(SubjectPolicy.ERROR, 8)
                .validate(TestStatements.load("/sbom/cyclonedx-1.4.json").statement()));
    }

    @Test
    void countsSpdxPackagesAndFilesAgainstTheCap() {
        Errors.assertOnly(new SbomPredicateHandler(SubjectPolicy.ERROR, 4).validate(
                        TestStatements.load("/sbom/spdx-2.2.json").statement()),
                "/predicate/packages", "the document has 5 packages and files, more than the 4");
    }

    @Test
    void keepsTheVersionFindingBesideTheCapFinding() {
        PredicateResult.Invalid invalid = assertInstanceOf(PredicateResult.Invalid.class, CAP_FIVE.validate(
                TestStatements.load("/sbom/cyclonedx-1.4.json").set("/predicate/specVersion", "\"2.0\"").statement()));

        assertEquals(List.of("/predicate/specVersion", "/predicate/components"),
                invalid.errors().stream().map(ValidationError::pointer).toList());
    }
}
