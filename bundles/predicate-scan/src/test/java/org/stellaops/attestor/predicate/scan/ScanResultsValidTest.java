package org.stellaops.attestor.predicate.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.predicate.support.SubjectPolicy;
import org.stellaops.attestor.testing.predicate.FactsContract;
import org.stellaops.attestor.testing.predicate.TestStatements;

/** ScanResults predicates that pass every check, and the facts they give. */
class ScanResultsValidTest {

    private final ScanPredicateHandler handler = new ScanPredicateHandler(SubjectPolicy.ERROR);

    private PredicateResult.Valid valid(TestStatements statement) {
        PredicateResult result = handler.validate(statement.statement());
        return assertInstanceOf(PredicateResult.Valid.class, result, () -> "invalid: " + result);
    }

    @Test
    void acceptsAnImageScanUsingEveryMemberAndExtractsItsFacts() {
        PredicateResult.Valid valid = valid(TestStatements.load("/statements/scan-results-alpine.json"));

        assertEquals(Map.ofEntries(
                Map.entry("scan.format", "scan-results/v1"),
                Map.entry("scan.scanner.name", "grype"),
                Map.entry("scan.scanner.version", "0.74.7"),
                Map.entry("scan.db.name", "grype-db"),
                Map.entry("scan.db.version", "5"),
                Map.entry("scan.db.updatedAt", "2024-05-01T01:23:45Z"),
                Map.entry("scan.finishedOn", "2024-05-01T09:30:12.250Z"),
                Map.entry("scan.artifact.name", "registry.stella-ops.org/edge/proxy:1.12.3"),
                Map.entry("scan.artifact.digests",
                        List.of("sha256:d9459083f962de6bd980ae6a05be2a4cf670df6a1d898157bceb420342bec280")),
                Map.entry("scan.severity.critical", 3),
                Map.entry("scan.severity.high", 2),
                Map.entry("scan.severity.medium", 1),
                Map.entry("scan.severity.low", 1),
                Map.entry("scan.severity.none", 1),
                Map.entry("scan.severity.unknown", 1),
                Map.entry("scan.findings.count", 9),
                Map.entry("scan.findings.fixable", 5),
                Map.entry("scan.findings.ids", List.of("CVE-2020-28928", "CVE-2021-28831", "CVE-2021-44228",
                        "CVE-2022-37434", "CVE-2023-0286", "CVE-2024-24790", "GHSA-4374-p667-p6c8",
                        "GHSA-jfh8-c2jp-5v3q", "GO-2024-2887", "RUSTSEC-2023-0071")),
                Map.entry("scan.components", List.of(
                        "pkg:apk/alpine/busybox@1.31.1-r21?arch=x86_64&distro=3.12.9",
                        "pkg:apk/alpine/libcrypto1.1@1.1.1k-r0?arch=x86_64&distro=3.12.9",
                        "pkg:apk/alpine/musl@1.1.24-r10?arch=x86_64&distro=3.12.9",
                        "pkg:apk/alpine/ssl_client@1.31.1-r21?arch=x86_64&distro=3.12.9",
                        "pkg:apk/alpine/zlib@1.2.12-r1?arch=x86_64&distro=3.12.9",
                        "pkg:cargo/rsa@0.9.6",
                        "pkg:golang/stdlib@v1.21.9",
                        "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
                        "pkg:npm/minimist@1.2.5"))),
                valid.facts());
        assertTrue(valid.warnings().isEmpty());
    }

    @Test
    void acceptsAScanWithFiveHundredFortyFindingsAndCountsThemBySeverity() {
        PredicateResult.Valid valid = valid(TestStatements.load("/statements/scan-results-large.json"));

        Map<String, Object> facts = valid.facts();
        assertEquals(540, facts.get("scan.findings.count"));
        assertEquals(31, facts.get("scan.severity.critical"));
        assertEquals(110, facts.get("scan.severity.high"));
        assertEquals(225, facts.get("scan.severity.medium"));
        assertEquals(137, facts.get("scan.severity.low"));
        assertEquals(0, facts.get("scan.severity.none"));
        assertEquals(37, facts.get("scan.severity.unknown"));
        assertEquals(340, facts.get("scan.findings.fixable"));
        assertEquals(737, ((List<?>) facts.get("scan.findings.ids")).size());
        assertEquals(539, ((List<?>) facts.get("scan.components")).size());
        FactsContract.assertObeyed(facts, "scan");
    }

    @Test
    void acceptsAScanThatFoundNothingWithZeroCounts() {
        PredicateResult.Valid valid = valid(TestStatements.load("/statements/scan-results-alpine.json")
                .set("/predicate/findings", "[]"));

        Map<String, Object> facts = valid.facts();
        for (Severity severity : Severity.values()) {
            assertEquals(0, facts.get(severity.factName()), severity::factName);
        }
        assertEquals(0, facts.get("scan.findings.count"));
        assertEquals(List.of(), facts.get("scan.findings.ids"));
        assertEquals(List.of(), facts.get("scan.components"));
    }

    @Test
    void leavesOutTheDatabaseNameFactWhenTheDatabaseHasNoName() {
        PredicateResult.Valid valid = valid(TestStatements.load("/statements/scan-results-alpine.json")
                .remove("/predicate/database/name").remove("/predicate/scan/startedOn"));

        assertTrue(!valid.facts().containsKey("scan.db.name"));
        assertEquals("5", valid.facts().get("scan.db.version"));
    }

    @Test
    void capsTheFindingIdsFactAtTenThousandAndSaysSo() {
        TestStatements statement = TestStatements.load("/statements/scan-results-alpine.json");
        ArrayNode findings = statement.document().withArray("/predicate/findings");
        findings.removeAll();
        for (int i = 0; i < 10_005; i++) {
            ObjectNode finding = findings.addObject();
            finding.put("id", String.format("CVE-2024-%05d", 10_000 + i));
            finding.put("severity", "low");
            finding.putObject("component").put("purl", "pkg:npm/left-pad@1.3.0");
            finding.putObject("fix").put("state", "unknown");
        }

        Map<String, Object> facts = valid(statement).facts();

        assertEquals(10_005, facts.get("scan.findings.count"));
        List<?> ids = (List<?>) facts.get("scan.findings.ids");
        assertEquals(10_000, ids.size());
        assertEquals("CVE-2024-10000", ids.get(0));
        assertEquals("CVE-2024-19999", ids.get(9_999));
        assertEquals(Boolean.TRUE, facts.get("scan.findings.ids.truncated"));
        assertTrue(!facts.containsKey("scan.components.truncated"));
        FactsContract.assertObeyed(facts, "scan");
    }

    @Test
    void givesFactsThatObeyTheFactsContract() {
        FactsContract.assertObeyed(valid(TestStatements.load("/statements/scan-results-alpine.json")).facts(), "scan");
    }
}
