package org.stellaops.attestor.it.e2e;

import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the documentation (docs/predicates/*.md) says each format's valid statement yields: its facts, facts to
 * search it by, and one invalid variant with the members its errors must point at.
 */
final class PredicateExpectations {

    private PredicateExpectations() {
    }

    /**
     * A {@code fact.<name>=<value>} search term.
     *
     * @param name the fact name (after {@code fact.})
     * @param value the value as a search gives it
     */
    record Fact(String name, String value) {
        String parameter() {
            return "fact." + name;
        }
    }

    /**
     * How to search one format's record: a scalar fact, another (numeric where the format has one) fact, and a
     * list fact with one of its elements (null for SLSA, which has no list fact).
     */
    record Searches(Fact scalar, Fact other, Fact listMember) {
    }

    /**
     * An invalid variant of the valid statement.
     *
     * @param edit what breaks it
     * @param pointers JSON Pointers that its {@code errors} must contain
     * @param schemaThenRule whether the first pointer is a schema error and the second a semantic rule's, which
     *     the handlers report in that order (docs/dev/predicate-contracts.md, "Validation")
     */
    record Defect(Consumer<ObjectNode> edit, List<String> pointers, boolean schemaThenRule) {
        Defect(Consumer<ObjectNode> edit, List<String> pointers) {
            this(edit, pointers, false);
        }
    }

    /** @return the complete {@code derived.facts} of the format's valid statement */
    static JsonNode facts(PredicateFormat format) {
        return switch (format) {
            case CYCLONEDX_1_6 -> largeBomFacts();
            default -> Attestations.tree(ExpectedFacts.text(format).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        };
    }

    private static JsonNode largeBomFacts() {
        int n = PredicateFormat.LARGE_BOM_COMPONENTS;
        ObjectNode facts = ApiClient.MAPPER.createObjectNode();
        facts.put("sbom.format", "CycloneDX");
        facts.put("sbom.specVersion", "1.6");
        facts.put("sbom.components", n);
        CycloneDxBom.purls(n).forEach(facts.putArray("sbom.purls")::add);
        facts.putArray("sbom.licenses").add("Apache-2.0").add("MIT");
        facts.putArray("sbom.licenseExpressions").add(CycloneDxBom.EXPRESSION);
        facts.put("sbom.componentsWithoutLicense", CycloneDxBom.componentsWithoutLicense(n));
        facts.put("sbom.serialNumber", "urn:uuid:0e2e0e2e-1a2b-4c3d-8e4f-5a6b7c8d9e0f");
        // through text, so that numbers get the node types a parsed answer has
        return Attestations.tree(Attestations.bytes(facts));
    }

    static Searches searches(PredicateFormat format) {
        return switch (format) {
            case SLSA_V1 -> new Searches(
                    new Fact("builder.id", "https://github.com/stellaops/attestor/.github/workflows/release.yml@refs/tags/v1.4.2"),
                    new Fact("resolvedDependencies.count", "1"), null);
            case CYCLONEDX_1_6 -> new Searches(
                    new Fact("sbom.serialNumber", "urn:uuid:0e2e0e2e-1a2b-4c3d-8e4f-5a6b7c8d9e0f"),
                    new Fact("sbom.components", String.valueOf(PredicateFormat.LARGE_BOM_COMPONENTS)),
                    new Fact("sbom.purls", CycloneDxBom.purl(737)));
            case SPDX_2_3 -> new Searches(
                    new Fact("sbom.documentNamespace",
                            "https://stella-ops.org/spdxdocs/platform/scheduler-8d2f6b1e-3c5a-4e7d-9f1b-2a4c6e8f0b1d"),
                    new Fact("sbom.files", "1"),
                    new Fact("sbom.purls", "pkg:golang/github.com/robfig/cron/v3@v3.0.1"));
            case OPENVEX -> new Searches(
                    new Fact("vex.documentId", "https://openvex.dev/docs/public/vex-2e67563e128250cbcb3e98930df948dd053e43271d70dc50cfa22d57e03fe96f"),
                    new Fact("vex.format", "openvex"),
                    new Fact("vex.statements", "CVE-2021-44228|pkg:maven/org.springframework.boot/spring-boot@2.6.0-M3|not_affected"));
            case CYCLONEDX_VEX -> new Searches(
                    new Fact("vex.documentId", "urn:uuid:5d2f0a6e-8c8b-4a7e-9b0e-1d2c3b4a5f60"),
                    new Fact("vex.format", "cyclonedx"),
                    new Fact("vex.cyclonedx.states", "in_triage"));
            case SCAN_RESULTS -> new Searches(
                    new Fact("scan.format", "scan-results/v1"),
                    new Fact("scan.findings.count", "3"),
                    new Fact("scan.artifact.digests", "sha256:3c1e9f0b5d7a2486c1f0e93b7d5a8c2e4f6b1a0d9c8e7f6a5b4c3d2e1f0a9b8c"));
            case COSIGN_VULN -> new Searches(
                    new Fact("scan.format", "cosign-vuln/v1"),
                    new Fact("scan.findings.count", "5"),
                    new Fact("scan.findings.ids", "CVE-2011-3374"));
            case POLICY_EVALUATION -> new Searches(
                    new Fact("policy.id", "stellaops/release-gate"),
                    new Fact("policy.rules.count", "6"),
                    new Fact("policy.rules.failed", "no-critical-vulnerabilities"));
        };
    }

    /**
     * @return the member holding the digest the predicate gives for the artifact it describes, which the handler
     *     compares with the statement's subjects (docs/predicates/*.md, "Subject consistency"); null for SLSA and
     *     the cosign scan record, which give none
     */
    static String describedDigest(PredicateFormat format) {
        return switch (format) {
            case SLSA_V1, COSIGN_VULN -> null;
            case CYCLONEDX_1_6, CYCLONEDX_VEX -> "/predicate/metadata/component/hashes/0/content";
            case SPDX_2_3 -> "/predicate/packages/0/checksums/0/checksumValue";
            case OPENVEX -> "/predicate/statements/0/products/0/hashes/sha-256";
            case SCAN_RESULTS -> "/predicate/artifact/digest/sha256";
            case POLICY_EVALUATION -> "/predicate/inputs/0/digest/sha256";
        };
    }

    static Defect defect(PredicateFormat format) {
        return switch (format) {
            case SLSA_V1 -> new Defect(s -> {
                JsonEdits.remove(s, "/predicate/runDetails/builder/id");
                JsonEdits.set(s, "/predicate/runDetails/metadata/startedOn", "yesterday");
            }, List.of("/predicate/runDetails/builder/id", "/predicate/runDetails/metadata/startedOn"));
            case CYCLONEDX_1_6 -> new Defect(s -> {
                JsonEdits.remove(s, "/predicate/components/737/name");
                JsonEdits.set(s, "/predicate/components/900/bom-ref",
                        JsonEdits.at(s, "/predicate/components/12/bom-ref").asText());
            }, List.of("/predicate/components/737/name", "/predicate/components/900/bom-ref"), true);
            case SPDX_2_3 -> new Defect(s -> {
                JsonEdits.set(s, "/predicate/relationships/1/relationshipType", "INCLUDES_SOMEHOW");
                JsonEdits.remove(s, "/predicate/packages/3/downloadLocation");
            }, List.of("/predicate/relationships/1/relationshipType", "/predicate/packages/3/downloadLocation"));
            case OPENVEX -> new Defect(s -> {
                JsonEdits.remove(s, "/predicate/statements/0/justification");
                JsonEdits.remove(s, "/predicate/statements/0/impact_statement");
            }, List.of("/predicate/statements/0/justification"));
            case CYCLONEDX_VEX -> new Defect(s -> {
                JsonEdits.remove(s, "/predicate/vulnerabilities/1/analysis/justification");
                JsonEdits.set(s, "/predicate/vulnerabilities/2/affects/0/ref", "product-XYZ");
            }, List.of("/predicate/vulnerabilities/1/analysis/justification",
                    "/predicate/vulnerabilities/2/affects/0/ref"));
            case SCAN_RESULTS -> new Defect(s -> {
                JsonEdits.set(s, "/predicate/findings/2/severity", "severe");
                JsonEdits.set(s, "/predicate/database/updatedAt", "2024-05-02T00:00:00Z");
            }, List.of("/predicate/findings/2/severity", "/predicate/database/updatedAt"), true);
            case COSIGN_VULN -> new Defect(s -> {
                JsonEdits.set(s, "/predicate/scanner/result", ApiClient.MAPPER.createArrayNode());
                JsonEdits.remove(s, "/predicate/metadata/scanFinishedOn");
            }, List.of("/predicate/scanner/result", "/predicate/metadata/scanFinishedOn"));
            case POLICY_EVALUATION -> new Defect(s -> {
                JsonEdits.set(s, "/predicate/verdict", "pass");
                JsonEdits.set(s, "/predicate/rules/4/id", "provenance-present");
            }, List.of("/predicate/verdict", "/predicate/rules/4/id"));
        };
    }
}
