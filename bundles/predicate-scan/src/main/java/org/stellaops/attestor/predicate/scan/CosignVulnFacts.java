package org.stellaops.attestor.predicate.scan;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Extracts the facts of a cosign vulnerability predicate that passed every check: the scanner and database members
 * that are set, the finish time, and, when {@code scanner.result} is a report this bundle recognises (Trivy JSON,
 * Grype JSON, SARIF), the tally of its findings.
 */
final class CosignVulnFacts {

    private CosignVulnFacts() {
    }

    /**
     * @param predicate a valid cosign vulnerability predicate
     * @return the facts (names in docs/predicates/scan-results.md)
     */
    static Map<String, Object> extract(JsonNode predicate) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put(ScanFacts.FORMAT, ScanPredicateType.COSIGN_VULN.label());
        JsonNode scanner = predicate.path("scanner");
        ScanFacts.putIfText(facts, ScanFacts.SCANNER_URI, scanner.path("uri"));
        ScanFacts.putIfText(facts, ScanFacts.SCANNER_VERSION, scanner.path("version"));
        ScanFacts.putIfText(facts, ScanFacts.DB_URI, scanner.path("db").path("uri"));
        ScanFacts.putIfText(facts, ScanFacts.DB_VERSION, scanner.path("db").path("version"));
        facts.put(ScanFacts.FINISHED_ON, predicate.path("metadata").path("scanFinishedOn").asText());
        Optional<ScanReport> report = ScanReport.read(scanner.path("result"));
        if (report.isPresent()) {
            report.get().putFacts(facts);
        } else {
            facts.put(ScanFacts.RESULT_FORMAT, ScanReport.UNRECOGNISED);
        }
        return facts;
    }
}
