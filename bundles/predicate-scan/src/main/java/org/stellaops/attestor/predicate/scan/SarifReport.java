package org.stellaops.attestor.predicate.scan;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * A SARIF 2.1.0 log ({@code trivy -f sarif}, {@code grype -o sarif}, and others): every {@code runs[].results[]}
 * entry is a finding. Its id comes from {@code ruleId}; its severity from the rule's
 * {@code properties.security-severity} score (GitHub's convention), else from a severity word among the rule's
 * {@code properties.tags} (Trivy's), else unknown. SARIF names no components and no fixes.
 */
final class SarifReport {

    private SarifReport() {
    }

    /**
     * @param result a free-form report
     * @return whether it is {@code version} 2.1.0 with a {@code runs} array
     */
    static boolean recognises(JsonNode result) {
        return "2.1.0".equals(result.path("version").asText(null)) && result.path("runs").isArray();
    }

    /**
     * @param result a log that {@link #recognises} accepted
     * @return its findings; entries of another shape are skipped
     */
    static ScanReport read(JsonNode result) {
        FindingTally tally = new FindingTally(false, false);
        Optional<String> scannerName = Optional.empty();
        for (JsonNode run : result.path("runs")) {
            JsonNode driver = run.path("tool").path("driver");
            if (scannerName.isEmpty()) {
                scannerName = ReportValues.label(driver.path("name"));
            }
            JsonNode rules = driver.path("rules");
            Map<String, JsonNode> rulesById = new HashMap<>();
            rules.forEach(rule -> {
                if (rule.path("id").isTextual()) {
                    rulesById.putIfAbsent(rule.path("id").asText(), rule);
                }
            });
            for (JsonNode finding : run.path("results")) {
                if (finding.isObject()) {
                    JsonNode rule = rule(finding, rules, rulesById);
                    tally.add(severity(rule), ReportValues.leadingId(finding.path("ruleId")).stream().toList(),
                            null, false);
                }
            }
        }
        return new ScanReport("sarif", tally, scannerName);
    }

    private static JsonNode rule(JsonNode finding, JsonNode rules, Map<String, JsonNode> rulesById) {
        JsonNode index = finding.path("ruleIndex");
        if (index.canConvertToInt() && index.isIntegralNumber() && rules.has(index.asInt())) {
            return rules.get(index.asInt());
        }
        JsonNode ruleId = finding.path("ruleId");
        JsonNode rule = ruleId.isTextual() ? rulesById.get(ruleId.asText()) : null;
        return rule == null ? MissingNode.getInstance() : rule;
    }

    private static Severity severity(JsonNode rule) {
        JsonNode properties = rule.path("properties");
        JsonNode score = properties.path("security-severity");
        if (score.isNumber() || score.isTextual()) {
            Optional<Double> value = number(score);
            if (value.isPresent()) {
                return Severity.fromScore(value.get());
            }
        }
        for (JsonNode tag : properties.path("tags")) {
            Severity fromTag = Severity.fromWord(tag.asText(null));
            if (fromTag != Severity.UNKNOWN) {
                return fromTag;
            }
        }
        return Severity.UNKNOWN;
    }

    private static Optional<Double> number(JsonNode score) {
        if (score.isNumber()) {
            return Optional.of(score.asDouble());
        }
        try {
            return Optional.of(Double.parseDouble(score.asText().strip()));
        } catch (NumberFormatException e) {
            // A score that is no number says nothing; the tags are tried next.
            return Optional.empty();
        }
    }
}
