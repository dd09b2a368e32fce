package org.stellaops.attestor.predicate.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.testing.predicate.Errors;
import org.stellaops.attestor.testing.predicate.FactsContract;
import org.stellaops.attestor.testing.predicate.TestStatements;

class SbomPredicateHandlerTest {

    private final SbomPredicateHandler handler = Handlers.ERROR;

    private Map<String, Object> factsOf(String sample) {
        PredicateResult result = handler.validate(TestStatements.load("/sbom/" + sample).statement());
        PredicateResult.Valid valid = assertInstanceOf(PredicateResult.Valid.class, result, () -> "result: " + result);
        assertEquals(List.of(), valid.warnings());
        FactsContract.assertObeyed(valid.facts(), "sbom");
        return valid.facts();
    }

    @Test
    void claimsTheCycloneDxAndSpdxTypesUsedInPractice() {
        assertEquals(Set.of("https://cyclonedx.org/bom", "https://cyclonedx.org/bom/v1.4",
                "https://cyclonedx.org/bom/v1.5", "https://cyclonedx.org/bom/v1.6", "https://spdx.dev/Document",
                "https://spdx.dev/Document/v2.2", "https://spdx.dev/Document/v2.3"), handler.predicateTypes());
    }

    @Test
    void publishesEachVersionedTypesOwnSchemaAndTheNewestForAnUnversionedType() {
        assertTrue(handler.jsonSchema("https://cyclonedx.org/bom/v1.4").orElseThrow()
                .contains("\"$id\": \"http://cyclonedx.org/schema/bom-1.4.schema.json\""));
        assertTrue(handler.jsonSchema("https://cyclonedx.org/bom/v1.5").orElseThrow()
                .contains("\"$id\": \"http://cyclonedx.org/schema/bom-1.5.schema.json\""));
        assertTrue(handler.jsonSchema("https://cyclonedx.org/bom").orElseThrow()
                .contains("\"$id\": \"http://cyclonedx.org/schema/bom-1.6.schema.json\""));
        assertTrue(handler.jsonSchema("https://spdx.dev/Document/v2.2").orElseThrow().contains("\"title\" : \"SPDX 2.2\""));
        assertTrue(handler.jsonSchema("https://spdx.dev/Document").orElseThrow().contains("\"title\" : \"SPDX 2.3\""));
    }

    @Test
    void publishesNoSchemaForATypeItDoesNotOwn() {
        assertEquals(Optional.empty(), handler.jsonSchema("https://spdx.dev/Document/v3"));
    }

    @Test
    void refusesAStatementOfATypeItDoesNotOwn() {
        Errors.assertOnly(handler.validate(TestStatements.load("/sbom/spdx-2.3.json")
                        .predicateType("https://spdx.dev/Document/v3").statement()),
                "/predicateType", "not an SBOM predicate type this handler owns");
    }

    @Test
    void acceptsAMavenCycloneDx14BomAndExtractsItsFacts() {
        assertEquals(Map.of(
                "sbom.format", "CycloneDX",
                "sbom.specVersion", "1.4",
                "sbom.components", 8L,
                "sbom.purls", List.of(
                        "pkg:maven/ch.qos.logback/logback-classic@1.4.14?type=jar",
                        "pkg:maven/com.fasterxml.jackson.core/jackson-core@2.16.1?type=jar",
                        "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.16.1?type=jar",
                        "pkg:maven/org.bouncycastle/bcprov-jdk18on@1.77?type=jar",
                        "pkg:maven/org.junit.jupiter/junit-jupiter-api@5.10.2?type=jar",
                        "pkg:maven/org.postgresql/postgresql@42.7.2?type=jar",
                        "pkg:maven/org.slf4j/slf4j-api@2.0.12?type=jar",
                        "pkg:maven/org.stellaops.demo/orders-service@2.7.1?type=jar"),
                "sbom.licenses", List.of("Apache-2.0", "BSD-2-Clause", "Bouncy Castle Licence", "EPL-1.0", "EPL-2.0",
                        "LGPL-2.1-only", "MIT"),
                "sbom.licenseExpressions", List.of("EPL-1.0 OR LGPL-2.1-only"),
                "sbom.componentsWithoutLicense", 1L,
                "sbom.serialNumber", "urn:uuid:6a1f4d3c-8b2e-4f71-9c0d-2e5b7a9f1c34"), factsOf("cyclonedx-1.4.json"));
    }

    @Test
    void acceptsAContainerCycloneDx15BomCountingNestedComponents() {
        Map<String, Object> facts = factsOf("cyclonedx-1.5.json");

        assertEquals("1.5", facts.get("sbom.specVersion"));
        assertEquals(10L, facts.get("sbom.components"));
        assertEquals(9, ((List<?>) facts.get("sbom.purls")).size());
        assertTrue(((List<?>) facts.get("sbom.purls")).contains("pkg:golang/google.golang.org/grpc@v1.63.2"));
        assertEquals(List.of("Apache-2.0", "BSD-3-Clause", "GPL-2.0-only", "MIT", "Zlib"), facts.get("sbom.licenses"));
        assertEquals(List.of("Apache-2.0 AND (MIT OR BSD-3-Clause)"), facts.get("sbom.licenseExpressions"));
        assertEquals(3L, facts.get("sbom.componentsWithoutLicense"));
    }

    @Test
    void acceptsAnNpmCycloneDx16BomWithCryptographicAssets() {
        Map<String, Object> facts = factsOf("cyclonedx-1.6.json");

        assertEquals("1.6", facts.get("sbom.specVersion"));
        assertEquals(7L, facts.get("sbom.components"));
        assertEquals(List.of("pkg:npm/%40noble/hashes@1.4.0", "pkg:npm/%40stellaops/console@4.2.0",
                "pkg:npm/dompurify@3.1.6", "pkg:npm/react-dom@18.3.1", "pkg:npm/react@18.3.1",
                "pkg:npm/scheduler@0.23.2"), facts.get("sbom.purls"));
        assertEquals(List.of("Apache-2.0", "MIT", "MPL-2.0", "StellaOps proprietary"), facts.get("sbom.licenses"));
        assertEquals(1L, facts.get("sbom.componentsWithoutLicense"));
    }

    @Test
    void acceptsAnSpdx22DocumentAndExtractsItsFacts() {
        assertEquals(Map.of(
                "sbom.format", "SPDX",
                "sbom.specVersion", "2.2",
                "sbom.components", 3L,
                "sbom.files", 2L,
                "sbom.purls", List.of("pkg:generic/libtlsverify@3.4.1?download_url="
                        + "https://downloads.stella-ops.org/libtlsverify/libtlsverify-3.4.1.tar.gz", "pkg:generic/zlib@1.3"),
                "sbom.licenses", List.of("Apache-2.0", "LicenseRef-tlsverify-exception", "MIT", "Zlib"),
                "sbom.licenseExpressions", List.of("(Apache-2.0 OR MIT) AND LicenseRef-tlsverify-exception",
                        "Apache-2.0 OR MIT"),
                "sbom.componentsWithoutLicense", 1L,
                "sbom.documentNamespace",
                "https://stella-ops.org/spdxdocs/libtlsverify-3.4.1-6f1c0d8e-2b4a-4f7e-9c3d-1a5b7e9f2c4d"),
                factsOf("spdx-2.2.json"));
    }

    @Test
    void acceptsAContainerSpdx23DocumentLeavingLicenceExceptionsOutOfTheLicences() {
        Map<String, Object> facts = factsOf("spdx-2.3.json");

        assertEquals("2.3", facts.get("sbom.specVersion"));
        assertEquals(7L, facts.get("sbom.components"));
        assertEquals(1L, facts.get("sbom.files"));
        assertEquals(6, ((List<?>) facts.get("sbom.purls")).size());
        assertEquals(List.of("Apache-2.0", "GPL-2.0-only", "GPL-2.0-or-later", "LGPL-2.1-or-later", "MIT"),
                facts.get("sbom.licenses"));
        assertEquals(List.of("GPL-2.0-only AND LGPL-2.1-or-later AND (GPL-2.0-or-later WITH GCC-exception-2.0)"),
                facts.get("sbom.licenseExpressions"));
        assertEquals(3L, facts.get("sbom.componentsWithoutLicense"));
    }

    @Test
    void acceptsACycloneDx14BomUnderTheUnversionedType() {
        PredicateResult result = handler.validate(TestStatements.load("/sbom/cyclonedx-1.4.json")
                .predicateType("https://cyclonedx.org/bom").statement());

        assertEquals("1.4", assertInstanceOf(PredicateResult.Valid.class, result).facts().get("sbom.specVersion"));
    }

    @Test
    void acceptsAnSpdx23DocumentUnderItsVersionedType() {
        assertInstanceOf(PredicateResult.Valid.class, handler.validate(TestStatements.load("/sbom/spdx-2.3.json")
                .predicateType("https://spdx.dev/Document/v2.3").statement()));
    }

    @Test
    void acceptsTheLegacyToolsArrayThatCycloneDx15StillAllows() {
        PredicateResult result = handler.validate(TestStatements.load("/sbom/cyclonedx-1.5.json")
                .set("/predicate/metadata/tools", "[{\"vendor\": \"anchore\", \"name\": \"syft\", \"version\": \"1.4.1\"}]")
                .statement());

        assertInstanceOf(PredicateResult.Valid.class, result, () -> "result: " + result);
    }
}
