package org.stellaops.attestor.it.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The predicate formats the built-in handler bundles accept (docs/predicates/*.md), each with one valid in-toto
 * statement: the statements are the handlers' own documented examples and test documents (copied under
 * {@code src/test/resources/predicates/}), except the CycloneDX 1.6 SBOM, whose components are generated.
 */
enum PredicateFormat {
    SLSA_V1("slsa-v1.json", PredicateFormat.SLSA_BUNDLE),
    CYCLONEDX_1_6("cyclonedx-1.6.json", PredicateFormat.SBOM_BUNDLE),
    SPDX_2_3("spdx-2.3.json", PredicateFormat.SBOM_BUNDLE),
    OPENVEX("openvex.json", PredicateFormat.VEX_BUNDLE),
    CYCLONEDX_VEX("cyclonedx-vex.json", PredicateFormat.VEX_BUNDLE),
    SCAN_RESULTS("scan-results.json", PredicateFormat.SCAN_BUNDLE),
    COSIGN_VULN("cosign-vuln.json", PredicateFormat.SCAN_BUNDLE),
    POLICY_EVALUATION("policy-evaluation.json", PredicateFormat.POLICY_BUNDLE);

    static final String SLSA_BUNDLE = "org.stellaops.attestor.predicate-slsa";
    static final String SBOM_BUNDLE = "org.stellaops.attestor.predicate-sbom";
    static final String VEX_BUNDLE = "org.stellaops.attestor.predicate-vex";
    static final String SCAN_BUNDLE = "org.stellaops.attestor.predicate-scan";
    static final String POLICY_BUNDLE = "org.stellaops.attestor.predicate-policyeval";

    /** Components of the generated CycloneDX 1.6 SBOM in {@link PredicateHandlersIT} (issue 7: at least 1,000). */
    static final int LARGE_BOM_COMPONENTS = 1000;

    private final String resource;
    private final String bundle;

    PredicateFormat(String resource, String bundle) {
        this.resource = resource;
        this.bundle = bundle;
    }

    /** @return the symbolic name of the bundle whose handler owns this format */
    String bundle() {
        return bundle;
    }

    /** @return a fresh, mutable copy of the valid statement (the CycloneDX SBOM with 1,000 components) */
    ObjectNode statement() {
        return statement(LARGE_BOM_COMPONENTS);
    }

    /**
     * @param bomComponents how many components the CycloneDX 1.6 SBOM gets (ignored by the other formats)
     * @return a fresh, mutable copy of the valid statement
     */
    ObjectNode statement(int bomComponents) {
        ObjectNode statement = load(resource);
        if (this == CYCLONEDX_1_6) {
            CycloneDxBom.addComponents(statement, bomComponents);
        }
        return statement;
    }

    /** @return the statement's predicate type */
    String predicateType() {
        return load(resource).path("predicateType").asText();
    }

    private static ObjectNode load(String name) {
        try (InputStream in = PredicateFormat.class.getResourceAsStream("/predicates/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource /predicates/" + name + " is missing");
            }
            return (ObjectNode) ApiClient.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
