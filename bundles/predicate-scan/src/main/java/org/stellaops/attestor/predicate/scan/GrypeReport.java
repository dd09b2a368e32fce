package org.stellaops.attestor.predicate.scan;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Grype's JSON report ({@code grype -o json}): {@code matches[]} with {@code vulnerability.id},
 * {@code vulnerability.severity}, {@code vulnerability.fix.state}, {@code relatedVulnerabilities[].id} and
 * {@code artifact.purl}; the tool names itself in {@code descriptor.name}.
 */
final class GrypeReport {

    private GrypeReport() {
    }

    /**
     * @param result a free-form report
     * @return whether it has Grype's {@code matches} array and {@code descriptor} object
     */
    static boolean recognises(JsonNode result) {
        return result.path("matches").isArray() && result.path("descriptor").isObject();
    }

    /**
     * @param result a report that {@link #recognises} accepted
     * @return its findings; entries of another shape are skipped
     */
    static ScanReport read(JsonNode result) {
        FindingTally tally = new FindingTally(true, true);
        for (JsonNode match : result.path("matches")) {
            JsonNode vulnerability = match.path("vulnerability");
            if (!vulnerability.isObject()) {
                continue;
            }
            List<String> ids = new ArrayList<>();
            ReportValues.id(vulnerability.path("id")).ifPresent(ids::add);
            match.path("relatedVulnerabilities").forEach(r -> ReportValues.id(r.path("id")).ifPresent(ids::add));
            tally.add(Severity.fromWord(vulnerability.path("severity").asText(null)), ids,
                    ReportValues.purl(match.path("artifact").path("purl")),
                    "fixed".equals(vulnerability.path("fix").path("state").asText()));
        }
        return new ScanReport("grype", tally, ReportValues.label(result.path("descriptor").path("name")));
    }
}
