package org.stellaops.attestor.cli;

import java.io.PrintWriter;

import com.fasterxml.jackson.databind.JsonNode;

/** The human form of the policy API's answers. */
final class PolicyOutput {

    private PolicyOutput() {
    }

    /** One line per policy: id, active and latest version, deletion, and versions waiting for approval. */
    static void listing(PrintWriter out, JsonNode answer) {
        JsonNode policies = answer.path("policies");
        if (policies.isEmpty()) {
            out.println("no policies");
            return;
        }
        for (JsonNode policy : policies) {
            out.println(summary(policy));
        }
    }

    private static String summary(JsonNode policy) {
        StringBuilder pending = new StringBuilder();
        for (JsonNode v : policy.path("versions")) {
            if ("pending".equals(v.path("state").asText())) {
                pending.append(pending.isEmpty() ? "" : ",").append('v').append(v.path("version").asInt());
            }
        }
        JsonNode active = policy.path("activeVersion");
        return policy.path("id").asText() + "  " + (active.isIntegralNumber() ? "active v" + active.asInt()
                : policy.path("deleted").asBoolean() ? "deleted" : "no active version")
                + "  latest v" + policy.path("latestVersion").asInt()
                + (pending.isEmpty() ? "" : "  pending approval: " + pending);
    }

    /** The summary line, then one line per version, oldest first. */
    static void policy(PrintWriter out, JsonNode policy) {
        out.println(summary(policy));
        for (JsonNode v : policy.path("versions")) {
            out.println("  " + version(v));
        }
    }

    /** {@code v2  active  sha256:…  by alice at …  approved by bob  "comment"}. */
    static String version(JsonNode v) {
        StringBuilder line = new StringBuilder("v").append(v.path("version").asInt()).append("  ")
                .append(v.path("state").asText());
        if (!v.path("deleted").asBoolean()) {
            line.append("  ").append(v.path("format").asText()).append(' ').append(v.path("digest").asText());
        }
        line.append("  by ").append(v.path("author").asText()).append(" at ").append(v.path("createdAt").asText());
        if (v.path("approvalRequired").asBoolean()) {
            StringBuilder approvers = new StringBuilder();
            v.path("approvals").forEach(a -> approvers.append(approvers.isEmpty() ? "" : ", ")
                    .append(a.path("approver").asText()));
            line.append(approvers.isEmpty() ? "  awaiting approval" : "  approved by " + approvers);
        }
        if (!v.path("comment").asText().isEmpty()) {
            line.append("  \"").append(v.path("comment").asText()).append('"');
        }
        return line.toString();
    }

    /** The counts, then the listed changes. */
    static void simulation(PrintWriter out, JsonNode s) {
        JsonNode summary = s.path("summary");
        JsonNode active = s.path("activeVersion");
        out.println("policy " + s.path("policyId").asText() + ": active " + (active.isIntegralNumber()
                ? "v" + active.asInt() : "none") + " vs draft " + s.path("draftDigest").asText() + " at "
                + s.path("evaluatedAt").asText());
        out.println(s.path("evaluated").asLong() + " records: " + summary.path("newlyFailing").asLong()
                + " newly failing, " + summary.path("newlyPassing").asLong() + " newly passing, "
                + summary.path("unchangedPassing").asLong() + " still passing, "
                + summary.path("unchangedFailing").asLong() + " still failing, " + summary.path("errors").asLong()
                + " errors");
        changes(out, "newly failing", s.path("newlyFailing"));
        changes(out, "newly passing", s.path("newlyPassing"));
        if (s.path("truncated").asBoolean()) {
            out.println("(lists truncated: raise --limit to see more)");
        }
    }

    private static void changes(PrintWriter out, String what, JsonNode records) {
        for (JsonNode r : records) {
            out.println(what + "  " + r.path("envelopeDigest").asText() + "  " + r.path("predicateType").asText()
                    + "  " + r.path("active").asText() + " -> " + r.path("draft").asText()
                    + (r.path("draftFailures").isEmpty() ? "" : "  failing " + r.path("draftFailures")));
        }
    }
}
