package org.stellaops.attestor.predicate.vex;

import java.util.List;

import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.testing.predicate.TestStatements;

/** The sample statements in {@code src/test/resources/statements}. */
final class Samples {

    /** OpenVEX, 220 statements about one image, versioned predicate type. */
    static final String DISTRO = "openvex/distro-image-220.json";
    /** OpenVEX, the spec's Spring Boot example, cosign's predicate type. */
    static final String SPRING = "openvex/spring-boot.json";
    /** OpenVEX, statements without products (inherited from the subjects), unversioned context. */
    static final String INHERITED = "openvex/inherited-products.json";
    /** CycloneDX 1.6 application BOM with 90 vulnerabilities. */
    static final String APPLICATION = "cyclonedx/application-1.6.json";
    /** CycloneDX 1.4, CISA use-case shape. */
    static final String PRODUCT = "cyclonedx/product-1.4.json";
    /** CycloneDX 1.5 independent VEX with BOM-Links. */
    static final String INDEPENDENT = "cyclonedx/independent-1.5.json";

    /** Every sample. */
    static final List<String> ALL = List.of(DISTRO, SPRING, INHERITED, APPLICATION, PRODUCT, INDEPENDENT);

    private Samples() {
    }

    /** @return the sample, ready for edits */
    static TestStatements load(String name) {
        return TestStatements.load("/statements/" + name);
    }

    /** @return {@link #SPRING}, ready for edits */
    static TestStatements spring() {
        return load(SPRING);
    }

    /** @return {@link #DISTRO}, ready for edits */
    static TestStatements distro() {
        return load(DISTRO);
    }

    /** @return {@link #PRODUCT}, ready for edits */
    static TestStatements product() {
        return load(PRODUCT);
    }

    /** @return {@link #INDEPENDENT}, ready for edits */
    static TestStatements independent() {
        return load(INDEPENDENT);
    }

    /** @return what the handler with the default configuration (subject policy error) says about the sample */
    static PredicateResult validate(TestStatements sample) {
        return Handlers.ERROR.validate(sample.statement());
    }
}
