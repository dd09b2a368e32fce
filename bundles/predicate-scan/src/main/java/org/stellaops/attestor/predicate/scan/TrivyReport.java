package org.stellaops.attestor.predicate.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Trivy's JSON report ({@code trivy image -f json}, schema version 2): {@code Results[].Vulnerabilities[]} with
 * {@code VulnerabilityID}, {@code VendorIDs}, {@code Severity}, {@code PkgIdentifier.PURL}, {@code FixedVersion}
 * and {@code Status}.
 */
final class TrivyReport {

    private TrivyReport() {
    }

    /**
     * @param result a free-form report
     * @return whether it has Trivy's integer {@code SchemaVersion}, string {@code ArtifactName} and, when present,
     *         an array of {@code Results}
     */
    static boolean recognises(JsonNode result) {
        JsonNode results = result.path("Results");
        return result.path("SchemaVersion").isIntegralNumber() && result.path("ArtifactName").isTextual()
                && (results.isMissingNode() || results.isArray());
    }

    /**
     * @param result a report that {@link #recognises} accepted
     * @return its findings; entries of another shape are skipped
     */
    static ScanReport read(JsonNode result) {
        FindingTally tally = new FindingTally(true, true);
        for (JsonNode target : result.path("Results")) {
            for (JsonNode vulnerability : target.path("Vulnerabilities")) {
                if (vulnerability.isObject()) {
                    add(vulnerability, tally);
                }
            }
        }
        return new ScanReport("trivy", tally, Optional.empty());
    }

    private static void add(JsonNode vulnerability, FindingTally tally) {
        List<String> ids = new ArrayList<>();
        ReportValues.id(vulnerability.path("VulnerabilityID")).ifPresent(ids::add);
        vulnerability.path("VendorIDs").forEach(vendorId -> ReportValues.id(vendorId).ifPresent(ids::add));
        JsonNode fixedVersion = vulnerability.path("FixedVersion");
        boolean fixed = fixedVersion.isTextual() && !fixedVersion.asText().isBlank()
                || "fixed".equals(vulnerability.path("Status").asText());
        tally.add(Severity.fromWord(vulnerability.path("Severity").asText(null)), ids,
                ReportValues.purl(vulnerability.path("PkgIdentifier").path("PURL")), fixed);
    }
}
