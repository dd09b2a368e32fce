package org.stellaops.attestor.predicate.vex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.testing.predicate.Errors;
import org.stellaops.attestor.testing.predicate.TestStatements;

/** Valid CycloneDX VEX documents of each supported specVersion and the facts extracted from them. */
class CycloneDxDocumentsTest {

    private static final String LOG4J = "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar";

    private static PredicateResult.Valid validate(TestStatements sample) {
        return Errors.valid(Handlers.ERROR.validate(sample.statement()));
    }

    @Test
    void acceptsAnApplicationBomWith90AnalysedVulnerabilities() {
        PredicateResult.Valid valid = validate(Samples.load(Samples.APPLICATION));

        Map<String, Object> facts = valid.facts();
        assertEquals("cyclonedx", facts.get("vex.format"));
        assertEquals("1.6", facts.get("vex.specVersion"));
        assertEquals("urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79", facts.get("vex.documentId"));
        assertEquals(2L, facts.get("vex.documentVersion"));
        assertEquals("2024-06-02T08:15:00Z", facts.get("vex.timestamp"));
        assertEquals(90, facts.get("vex.statementCount"));
        assertEquals(90, ((List<?>) facts.get("vex.vulnerabilities")).size());
        assertEquals(List.of("exploitable", "false_positive", "in_triage", "not_affected", "resolved",
                "resolved_with_pedigree"), facts.get("vex.cyclonedx.states"));
        assertEquals(List.of("update", "workaround_available"), facts.get("vex.cyclonedx.responses"));
        assertEquals(9, ((List<?>) facts.get("vex.justifications")).size());
        assertTrue(valid.warnings().isEmpty(), valid.warnings()::toString);
    }

    @Test
    void resolvesAffectedBomRefsToThePurlsOfTheirComponents() {
        Map<String, Object> facts = validate(Samples.load(Samples.APPLICATION)).facts();

        List<?> products = (List<?>) facts.get("vex.products");
        assertTrue(products.contains(LOG4J), products::toString);
        assertTrue(products.contains("pkg:maven/net.minidev/json-smart-shaded@2.4.7?type=jar"), "nested component");
        assertFalse(products.stream().anyMatch(p -> p.toString().startsWith("component-")), products::toString);
        assertTrue(((List<?>) facts.get("vex.statements")).contains("CVE-2020-02000|" + LOG4J + "|not_affected"));
    }

    @Test
    void resolvesABomLinkIntoThisBomToThePurlOfItsElement() {
        Map<String, Object> facts = validate(Samples.load(Samples.APPLICATION)).facts();

        assertTrue(((List<?>) facts.get("vex.statements"))
                .contains("CVE-2020-02000|pkg:generic/payments-service@4.2.0|not_affected"), facts::toString);
    }

    @Test
    void keepsBomLinksIntoOtherBomsAndRefsOfElementsWithoutPurlAsWritten() {
        List<?> products = (List<?>) validate(Samples.load(Samples.APPLICATION)).facts()
                .get("vex.products");

        assertTrue(products.contains("service-ledger-api"), products::toString);
        assertTrue(products.contains("urn:cdx:7c8d2b3e-1f4a-4e5b-9c6d-2a3b4c5d6e7f/3"
                + "#pkg%3Amaven%2Fio.example%2Fshared-crypto%401.4.0"), products::toString);
    }

    @Test
    void acceptsTheCisaUseCaseShapeInCycloneDx14() {
        Map<String, Object> facts = validate(Samples.load(Samples.PRODUCT)).facts();

        assertEquals(Map.ofEntries(
                Map.entry("vex.format", "cyclonedx"),
                Map.entry("vex.specVersion", "1.4"),
                Map.entry("vex.documentId", "urn:uuid:5d2f0a6e-8c8b-4a7e-9b0e-1d2c3b4a5f60"),
                Map.entry("vex.documentVersion", 1L),
                Map.entry("vex.timestamp", "2022-03-03T00:00:00Z"),
                Map.entry("vex.statementCount", 3),
                Map.entry("vex.vulnerabilities", List.of("CVE-2021-44228", "CVE-2021-45046", "CVE-2022-22965")),
                Map.entry("vex.products", List.of("product-ABC")),
                Map.entry("vex.statements", List.of("CVE-2021-44228|product-ABC|affected",
                        "CVE-2021-45046|product-ABC|not_affected", "CVE-2022-22965|product-ABC|under_investigation")),
                Map.entry("vex.status.affected", List.of("CVE-2021-44228")),
                Map.entry("vex.status.notAffected", List.of("CVE-2021-45046")),
                Map.entry("vex.status.underInvestigation", List.of("CVE-2022-22965")),
                Map.entry("vex.justifications", List.of("code_not_reachable")),
                Map.entry("vex.cyclonedx.states", List.of("exploitable", "in_triage", "not_affected")),
                Map.entry("vex.cyclonedx.responses", List.of("update", "will_not_fix"))),
                facts);
    }

    @Test
    void acceptsAnIndependentCycloneDx15VexThatPointsIntoAnotherBom() {
        Map<String, Object> facts = validate(Samples.load(Samples.INDEPENDENT)).facts();

        String sbom = "urn:cdx:9b2c4e6a-7d1f-4c3b-8a5e-6f7d8e9a0b1c/1";
        assertEquals(List.of("CVE-2023-39325|" + sbom + "#pkg:golang/golang.org/x/net@v0.17.0|not_affected",
                "CVE-2023-44487|" + sbom + "#pkg:golang/golang.org/x/net@v0.17.0|fixed",
                "CVE-2024-24790|" + sbom + "#pkg:golang/stdlib@1.21.6|affected",
                "CVE-2024-3094|" + sbom + "#pkg:deb/debian/xz-utils@5.4.1-0.2|not_affected"),
                facts.get("vex.statements"));
        assertEquals(List.of("GHSA-qppj-fm5r-hxr3"), facts.get("vex.aliases"));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"not_affected, vex.status.notAffected", "false_positive, vex.status.notAffected",
            "exploitable, vex.status.affected", "resolved, vex.status.fixed", "resolved_with_pedigree, vex.status.fixed",
            "in_triage, vex.status.underInvestigation"})
    void mapsEachAnalysisStateToTheVexStatus(String state, String fact) {
        Map<String, Object> facts = validate(Samples.load(Samples.PRODUCT)
                .set("/predicate/vulnerabilities/2/analysis",
                        "{\"state\": \"" + state + "\", \"justification\": \"code_not_present\", \"response\": [\"update\"]}"))
                .facts();

        assertTrue(((List<?>) facts.get(fact)).contains("CVE-2022-22965"), facts::toString);
    }

    @Test
    void inheritsTheProductsOfAVulnerabilityWithoutAffectsFromTheSubjects() {
        Map<String, Object> facts = validate(Samples.load(Samples.PRODUCT)
                .remove("/predicate/vulnerabilities/2/affects")).facts();

        assertTrue(((List<?>) facts.get("vex.statements"))
                .contains("CVE-2022-22965|product-abc-2.4.zip|under_investigation"), facts::toString);
    }

    @Test
    void validatesEachBomAgainstTheSchemaOfItsOwnSpecVersion() {
        Errors.assertOnly(Handlers.ERROR.validate(Samples.load(Samples.PRODUCT)
                        .set("/predicate/vulnerabilities/1/analysis/firstIssued", "\"2022-03-01T00:00:00Z\"")
                        .statement()),
                "/predicate/vulnerabilities/1/analysis/firstIssued", "member 'firstIssued' is not allowed here");
        Errors.valid(Handlers.ERROR.validate(Samples.load(Samples.PRODUCT)
                .set("/predicate/specVersion", "\"1.5\"")
                .set("/predicate/vulnerabilities/1/analysis/firstIssued", "\"2022-03-01T00:00:00Z\"")
                .statement()));
    }
}
