package org.stellaops.attestor.cli;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The answer of {@code POST /api/v1/rekor/verify}: {@code {"verified", "envelopeDigest", "checks": [{"check", "ok",
 * "detail"}]}}, and how {@code stella attest verify} prints it.
 *
 * @param verified the service's verdict
 * @param envelopeDigest {@code sha256:<hex>} of the envelope, or "" if the service did not say
 * @param checks one line per check, in the service's order
 */
record VerifyReport(boolean verified, String envelopeDigest, List<Check> checks) {

    /**
     * @param name the check's name, for example {@code signature}
     * @param ok whether it passed
     * @param detail the service's explanation, may be ""
     */
    record Check(String name, boolean ok, String detail) {
    }

    VerifyReport {
        checks = List.copyOf(checks);
    }

    /**
     * @param response the JSON body of a 2xx answer
     * @return the report
     * @throws CliException {@code response.malformed}, exit 3, when the body is not a verification result
     */
    static VerifyReport parse(JsonNode response) {
        if (!response.isObject() || !response.path("verified").isBoolean()) {
            throw malformed("it has no boolean \"verified\"");
        }
        JsonNode checks = response.path("checks");
        if (!checks.isMissingNode() && !checks.isNull() && !checks.isArray()) {
            throw malformed("\"checks\" is not an array");
        }
        List<Check> parsed = new ArrayList<>();
        for (JsonNode check : checks) {
            if (!check.isObject() || !check.path("check").isTextual() || !check.path("ok").isBoolean()) {
                throw malformed("a check lacks a \"check\" name or a boolean \"ok\"");
            }
            parsed.add(new Check(check.get("check").asText(), check.get("ok").asBoolean(),
                    check.path("detail").isTextual() ? check.get("detail").asText() : ""));
        }
        return new VerifyReport(response.get("verified").asBoolean(), response.path("envelopeDigest").asText(""), parsed);
    }

    /** @return one line per check, then the summary line */
    List<String> lines() {
        int width = checks.stream().mapToInt(c -> c.name().length()).max().orElse(0);
        List<String> lines = new ArrayList<>();
        for (Check check : checks) {
            String name = String.format("%-" + Math.max(width, 1) + "s", check.name());
            lines.add((check.ok() ? "ok    " : "FAIL  ") + name + (check.detail().isEmpty() ? "" : "  " + check.detail()));
        }
        long passed = checks.stream().filter(Check::ok).count();
        String subject = envelopeDigest.isEmpty() ? "" : " " + envelopeDigest;
        lines.add((verified ? "VERIFIED" : "NOT VERIFIED") + subject + " (" + passed + " of " + checks.size()
                + " checks passed)");
        return lines;
    }

    /** @return the exit code for this verdict */
    int exitCode() {
        return verified ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static CliException malformed(String why) {
        return new CliException("response.malformed", ExitCodes.UNAVAILABLE,
                "the service's answer is not a verification result: " + why);
    }
}
