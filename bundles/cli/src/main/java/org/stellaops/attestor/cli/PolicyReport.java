package org.stellaops.attestor.cli;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The policy part of a verify answer ({@code allowed}, {@code policySource}, {@code policy}: the decision report) and
 * how {@code stella attest verify --policy} prints it.
 *
 * @param allowed the overall verdict: verified and allowed by the policy
 * @param decision the decision report
 * @param source {@code store} or {@code inline}
 */
record PolicyReport(boolean allowed, JsonNode decision, String source) {

    /**
     * @param response the JSON body of a 2xx verify answer that named a policy
     * @return the report
     * @throws CliException {@code response.malformed}, exit 3, when the answer carries no decision
     */
    static PolicyReport parse(JsonNode response) {
        if (!response.path("allowed").isBoolean() || !response.path("policy").isObject()) {
            throw new CliException("response.malformed", ExitCodes.UNAVAILABLE,
                    "the service's answer carries no policy decision (\"allowed\", \"policy\")");
        }
        return new PolicyReport(response.get("allowed").asBoolean(), response.get("policy"),
                response.path("policySource").asText(""));
    }

    /** @return the policy line, one line per rule, then the verdict line */
    List<String> lines() {
        JsonNode policy = decision.path("policy");
        List<String> lines = new ArrayList<>();
        lines.add("policy " + policy.path("id").asText() + "@" + policy.path("version").asInt()
                + (source.isEmpty() ? "" : " (" + source + ")") + ": " + decision.path("verdict").asText() + "  "
                + decision.path("reason").asText());
        int width = 1;
        for (JsonNode rule : decision.path("rules")) {
            width = Math.max(width, rule.path("id").asText().length());
        }
        for (JsonNode rule : decision.path("rules")) {
            lines.add(mark(rule) + String.format("%-" + width + "s", rule.path("id").asText()) + "  "
                    + rule.path("type").asText() + "  " + rule.path("reason").asText());
        }
        lines.add(allowed ? "ALLOWED" : "NOT ALLOWED");
        return lines;
    }

    private static String mark(JsonNode rule) {
        String outcome = rule.path("outcome").asText();
        String effect = rule.path("effect").asText();
        if ("pass".equals(outcome)) {
            return "pass  ";
        }
        if ("not_applicable".equals(outcome)) {
            return "n/a   ";
        }
        return switch (effect) {
            case "warn" -> "WARN  ";
            case "audit" -> "audit ";
            default -> "FAIL  ";
        };
    }

    /** @return 0 when allowed, else 1 */
    int exitCode() {
        return allowed ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
