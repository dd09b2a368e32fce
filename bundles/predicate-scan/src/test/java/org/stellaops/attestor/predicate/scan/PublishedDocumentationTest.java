package org.stellaops.attestor.predicate.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.predicate.support.SubjectPolicy;
import org.stellaops.attestor.testing.predicate.TestStatements;

/** docs/predicates/scan-results.md publishes exactly what the bundle ships, and its examples are valid. */
class PublishedDocumentationTest {

    private static final Path DOC = Path.of(System.getProperty("basedir", "."))
            .resolve("../../docs/predicates/scan-results.md").normalize();

    private final ScanPredicateHandler handler = new ScanPredicateHandler(SubjectPolicy.ERROR);

    static String block(String text, String marker) {
        int at = text.indexOf("<!-- " + marker + " -->\n```json\n");
        assertTrue(at >= 0, () -> "no block marked " + marker);
        int start = text.indexOf("```json\n", at) + "```json\n".length();
        int end = text.indexOf("\n```", start) + 1;
        return text.substring(start, end);
    }

    private static String doc() throws IOException {
        return Files.readString(DOC, StandardCharsets.UTF_8);
    }

    private static String shipped(String name) throws IOException {
        try (InputStream in = ScanPredicateHandler.class.getResourceAsStream("/schemas/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void publishesTheShippedScanResultsSchemaByteForByte() throws IOException {
        assertEquals(shipped("scan-results-v1.schema.json"), block(doc(), "schema: scan-results-v1.schema.json"));
    }

    @Test
    void publishesTheShippedCosignVulnSchemaByteForByte() throws IOException {
        assertEquals(shipped("cosign-vuln-v1.schema.json"), block(doc(), "schema: cosign-vuln-v1.schema.json"));
    }

    @Test
    void servesTheShippedSchemasAsTheirJsonSchema() throws IOException {
        assertEquals(shipped("scan-results-v1.schema.json"),
                handler.jsonSchema("https://stella-ops.org/attestation/scan-results/v1").orElseThrow());
        assertEquals(shipped("cosign-vuln-v1.schema.json"),
                handler.jsonSchema("https://cosign.sigstore.dev/attestation/vuln/v1").orElseThrow());
    }

    @Test
    void documentsAScanResultsExampleThatIsValidWithTheFactsItClaims() throws IOException {
        Map<String, Object> facts = validFacts(block(doc(), "example: scan-results"));

        assertEquals(1, facts.get("scan.severity.critical"));
        assertEquals(1, facts.get("scan.severity.high"));
        assertEquals(1, facts.get("scan.severity.medium"));
        assertEquals(0, facts.get("scan.severity.low"));
        assertEquals(3, facts.get("scan.findings.count"));
        assertEquals(2, facts.get("scan.findings.fixable"));
        assertEquals(List.of("CVE-2023-44487", "CVE-2023-45853", "CVE-2024-2511", "DSA-5678-1", "GHSA-qppj-fm5r-hxr3",
                "GO-2023-2102"), facts.get("scan.findings.ids"));
    }

    @Test
    void documentsACosignExampleThatIsValidWithTheFactsItClaims() throws IOException {
        Map<String, Object> facts = validFacts(block(doc(), "example: cosign-vuln"));

        assertEquals("trivy", facts.get("scan.result.format"));
        assertEquals(2, facts.get("scan.severity.high"));
        assertEquals(List.of("CVE-2021-28831"), facts.get("scan.findings.ids"));
        assertEquals(2, facts.get("scan.findings.fixable"));
    }

    private Map<String, Object> validFacts(String json) throws IOException {
        ObjectNode statement = (ObjectNode) TestStatements.MAPPER.readTree(json);
        PredicateResult result = handler.validate(TestStatements.of(statement).statement());
        return assertInstanceOf(PredicateResult.Valid.class, result, () -> "invalid: " + result).facts();
    }
}
