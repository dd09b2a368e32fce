package org.stellaops.attestor.predicate.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.predicate.support.SubjectPolicy;
import org.stellaops.attestor.testing.predicate.FactsContract;
import org.stellaops.attestor.testing.predicate.TestStatements;

/** Cosign vulnerability predicates that pass every check, and the facts read from their results. */
class CosignVulnValidTest {

    private final ScanPredicateHandler handler = new ScanPredicateHandler(SubjectPolicy.ERROR);

    private Map<String, Object> facts(TestStatements statement) {
        PredicateResult result = handler.validate(statement.statement());
        PredicateResult.Valid valid = assertInstanceOf(PredicateResult.Valid.class, result, () -> "invalid: " + result);
        assertTrue(valid.warnings().isEmpty());
        FactsContract.assertObeyed(valid.facts(), "scan");
        return valid.facts();
    }

    private static Map<String, Object> severities(int critical, int high, int medium, int low, int none, int unknown) {
        return Map.of("scan.severity.critical", critical, "scan.severity.high", high, "scan.severity.medium", medium,
                "scan.severity.low", low, "scan.severity.none", none, "scan.severity.unknown", unknown);
    }

    @Test
    void acceptsTheSpecificationsExampleAndReadsItsTrivyResult() {
        Map<String, Object> facts = facts(TestStatements.load("/statements/cosign-vuln-spec-example.json"));

        Map<String, Object> expected = new java.util.HashMap<>(Map.of(
                "scan.format", "cosign-vuln/v1",
                "scan.scanner.uri", "pkg:github/aquasecurity/trivy@244fd47e07d1004f0aed9",
                "scan.scanner.version", "0.19.2",
                "scan.db.uri", "pkg:github/aquasecurity/trivy-db/commit/4c76bb580b2736d67751410fa4ab66d2b6b9b27d",
                "scan.db.version", "v1-2021080612",
                "scan.finishedOn", "2021-08-06T17:50:50.52Z",
                "scan.result.format", "trivy",
                "scan.findings.count", 2,
                "scan.findings.fixable", 2,
                "scan.findings.ids", List.of("CVE-2021-28831")));
        expected.put("scan.components", List.of());
        expected.putAll(severities(0, 2, 0, 0, 0, 0));
        assertEquals(expected, facts);
    }

    @Test
    void readsATrivyReportWithPurlsVendorIdsAndFixStatus() {
        Map<String, Object> facts = facts(TestStatements.load("/statements/cosign-vuln-trivy.json"));

        assertEquals("pkg:github/aquasecurity/trivy@v0.50.1", facts.get("scan.scanner.uri"));
        assertTrue(!facts.containsKey("scan.db.uri") && !facts.containsKey("scan.db.version"),
                "empty members are unset: " + facts);
        assertEquals("2024-05-01T12:00:01.481911356Z", facts.get("scan.finishedOn"));
        assertEquals(severities(1, 1, 1, 1, 0, 1), subMap(facts, "scan.severity."));
        assertEquals(5, facts.get("scan.findings.count"));
        assertEquals(3, facts.get("scan.findings.fixable"));
        assertEquals(List.of("CVE-2011-3374", "CVE-2023-44487", "CVE-2023-45853", "CVE-2024-2511", "CVE-2024-28085",
                "DSA-5678-1", "GHSA-qppj-fm5r-hxr3", "GO-2023-2102"), facts.get("scan.findings.ids"));
        assertEquals(List.of(
                "pkg:deb/debian/apt@2.6.1?arch=amd64&distro=debian-12.5",
                "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12.5",
                "pkg:deb/debian/util-linux@2.38.1-5+b1?arch=amd64&distro=debian-12.5",
                "pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&distro=debian-12.5",
                "pkg:golang/golang.org/x/net@v0.15.0"), facts.get("scan.components"));
    }

    @Test
    void readsAGrypeReportAndTakesTheScannerNameFromItsDescriptor() {
        Map<String, Object> facts = facts(TestStatements.load("/statements/cosign-vuln-grype.json"));

        assertEquals("grype", facts.get("scan.result.format"));
        assertEquals("grype", facts.get("scan.scanner.name"));
        assertEquals("5", facts.get("scan.db.version"));
        assertEquals(severities(1, 1, 1, 1, 0, 0), subMap(facts, "scan.severity."));
        assertEquals(4, facts.get("scan.findings.count"));
        assertEquals(2, facts.get("scan.findings.fixable"));
        assertEquals(List.of("CVE-2021-44228", "CVE-2022-28391", "CVE-2023-0286", "CVE-2024-0727",
                "GHSA-jfh8-c2jp-5v3q"), facts.get("scan.findings.ids"));
        assertEquals(4, ((List<?>) facts.get("scan.components")).size());
    }

    @Test
    void readsASarifLogBySecuritySeverityThenByTagsAndWithoutComponentsOrFixes() {
        Map<String, Object> facts = facts(TestStatements.load("/statements/cosign-vuln-sarif.json"));

        assertEquals("sarif", facts.get("scan.result.format"));
        assertEquals("Trivy", facts.get("scan.scanner.name"));
        assertEquals(severities(1, 2, 1, 1, 0, 1), subMap(facts, "scan.severity."));
        assertEquals(6, facts.get("scan.findings.count"));
        assertEquals(List.of("CVE-2011-3374", "CVE-2022-43680", "CVE-2023-44487", "CVE-2023-45853", "CVE-2024-2511",
                "unknown-rule"), facts.get("scan.findings.ids"));
        assertTrue(!facts.containsKey("scan.components") && !facts.containsKey("scan.findings.fixable"), facts::toString);
    }

    @Test
    void keepsOnlyScannerAndDatabaseFactsForAResultItDoesNotRecognise() {
        assertEquals(Map.of(
                "scan.format", "cosign-vuln/v1",
                "scan.scanner.uri", "https://scanner.internal.stella-ops.org",
                "scan.scanner.version", "2024.5",
                "scan.db.uri", "https://feeds.internal.stella-ops.org/vulndb",
                "scan.db.version", "2024-05-01",
                "scan.finishedOn", "2024-05-01T08:04:00Z",
                "scan.result.format", "unrecognised"),
                facts(TestStatements.load("/statements/cosign-vuln-unrecognised.json")));
    }

    @Test
    void acceptsAnEmptyResultObjectAsUnrecognised() {
        Map<String, Object> facts = facts(TestStatements.load("/statements/cosign-vuln-unrecognised.json")
                .set("/predicate/scanner/result", "{}"));

        assertEquals("unrecognised", facts.get("scan.result.format"));
    }

    @Test
    void acceptsMembersTheSpecificationDoesNotDefine() {
        Map<String, Object> facts = facts(TestStatements.load("/statements/cosign-vuln-grype.json")
                .set("/predicate/x-stellaops", "{\"pipeline\": 4711}")
                .set("/predicate/scanner/x-note", "\"nightly\""));

        assertEquals("grype", facts.get("scan.result.format"));
    }

    @Test
    void acceptsAStatementWhoseSubjectsSayNothingOfTheScannedArtifact() {
        // the cosign predicate gives no digest of what it scanned: there is nothing to compare
        Map<String, Object> facts = facts(TestStatements.load("/statements/cosign-vuln-trivy.json")
                .set("/subject/0/digest/sha256", "\"" + "00".repeat(32) + "\""));

        assertEquals(5, facts.get("scan.findings.count"));
    }

    @Test
    void treatsAReportOfAnUnexpectedShapeInsideARecognisedFormatAsFindingsWithoutDetails() {
        Map<String, Object> facts = facts(TestStatements.load("/statements/cosign-vuln-trivy.json")
                .set("/predicate/scanner/result/Results/0/Vulnerabilities/0", "{\"VulnerabilityID\": 42}")
                .set("/predicate/scanner/result/Results/0/Vulnerabilities/1", "\"not an object\"")
                .set("/predicate/scanner/result/Results/1/Vulnerabilities/0/VulnerabilityID", "\"has spaces in it\""));

        assertEquals(4, facts.get("scan.findings.count"));
        assertEquals(2, facts.get("scan.severity.unknown"));
        assertEquals(List.of("CVE-2011-3374", "CVE-2024-28085", "GHSA-qppj-fm5r-hxr3", "GO-2023-2102"),
                facts.get("scan.findings.ids"));
    }

    private static Map<String, Object> subMap(Map<String, Object> facts, String prefix) {
        Map<String, Object> selected = new java.util.HashMap<>();
        facts.forEach((name, value) -> {
            if (name.startsWith(prefix)) {
                selected.put(name, value);
            }
        });
        return selected;
    }
}
