package org.stellaops.attestor.it.e2e;

import java.util.List;

/**
 * Where each format's valid statement can be broken so that it is invalid by construction, read off the handler
 * pages and the shipped schemas (docs/predicates/*.md): members the schema or a documented rule requires, members
 * of exactly one JSON type, strings with an enum, pattern or format (a value with spaces matches none of them),
 * one such member for a huge value, and one free-text member where a huge value may well stay valid.
 *
 * @param required members whose removal must be reported at their own pointer
 * @param typed members of one JSON type (a value of another type must be reported at the member)
 * @param constrained strings with an enum, pattern or format
 * @param huge a constrained string to replace with a huge one
 * @param free a free-text string (a huge value there may be valid), or null when the format has none
 * @param fact an unconstrained string that becomes a fact (a huge value there makes a huge fact term), or null
 */
record FuzzTargets(List<String> required, List<String> typed, List<String> constrained, String huge, String free,
                   String fact) {

    static FuzzTargets of(PredicateFormat format) {
        return switch (format) {
            case SLSA_V1 -> new FuzzTargets(
                    List.of("/predicate/buildDefinition", "/predicate/runDetails", "/predicate/buildDefinition/buildType",
                            "/predicate/buildDefinition/externalParameters", "/predicate/runDetails/builder",
                            "/predicate/runDetails/builder/id"),
                    List.of("/predicate/buildDefinition", "/predicate/buildDefinition/externalParameters",
                            "/predicate/runDetails/builder", "/predicate/buildDefinition/buildType"),
                    List.of("/predicate/buildDefinition/buildType", "/predicate/runDetails/builder/id",
                            "/predicate/buildDefinition/resolvedDependencies/0/digest/gitCommit",
                            "/predicate/buildDefinition/resolvedDependencies/0/uri"),
                    "/predicate/runDetails/builder/id",
                    "/predicate/buildDefinition/externalParameters/workflow/path",
                    "/predicate/runDetails/metadata/invocationId");
            case CYCLONEDX_1_6 -> new FuzzTargets(
                    List.of("/predicate/bomFormat", "/predicate/specVersion", "/predicate/components/3/name",
                            "/predicate/components/7/type", "/predicate/metadata/component/name"),
                    List.of("/predicate/components", "/predicate/metadata", "/predicate/version",
                            "/predicate/components/2/name"),
                    List.of("/predicate/serialNumber", "/predicate/metadata/timestamp", "/predicate/components/4/type",
                            "/predicate/components/5/licenses/0/license/id", "/predicate/metadata/component/hashes/0/alg"),
                    "/predicate/components/1/type",
                    "/predicate/components/1/description",
                    "/predicate/components/1/purl");
            case SPDX_2_3 -> new FuzzTargets(
                    List.of("/predicate/spdxVersion", "/predicate/SPDXID", "/predicate/name",
                            "/predicate/documentNamespace", "/predicate/creationInfo", "/predicate/creationInfo/created",
                            "/predicate/packages/2/downloadLocation", "/predicate/dataLicense"),
                    List.of("/predicate/packages", "/predicate/creationInfo", "/predicate/creationInfo/creators",
                            "/predicate/packages/0/filesAnalyzed"),
                    List.of("/predicate/relationships/1/relationshipType",
                            "/predicate/packages/2/externalRefs/0/referenceCategory",
                            "/predicate/packages/0/checksums/0/algorithm", "/predicate/packages/5/primaryPackagePurpose"),
                    "/predicate/packages/2/primaryPackagePurpose",
                    "/predicate/packages/2/sourceInfo",
                    "/predicate/packages/2/externalRefs/1/referenceLocator");
            case OPENVEX -> new FuzzTargets(
                    List.of("/predicate/@context", "/predicate/@id", "/predicate/author", "/predicate/timestamp",
                            "/predicate/version", "/predicate/statements", "/predicate/statements/0/vulnerability",
                            "/predicate/statements/0/status", "/predicate/statements/0/vulnerability/name"),
                    List.of("/predicate/version", "/predicate/statements", "/predicate/statements/0/products",
                            "/predicate/statements/0/vulnerability", "/predicate/author"),
                    List.of("/predicate/timestamp", "/predicate/statements/0/status",
                            "/predicate/statements/0/justification", "/predicate/@id"),
                    "/predicate/statements/0/status",
                    "/predicate/statements/0/impact_statement",
                    "/predicate/statements/0/vulnerability/name");
            case CYCLONEDX_VEX -> new FuzzTargets(
                    List.of("/predicate/bomFormat", "/predicate/specVersion", "/predicate/vulnerabilities",
                            "/predicate/vulnerabilities/0/id", "/predicate/vulnerabilities/0/analysis",
                            "/predicate/vulnerabilities/0/analysis/state",
                            "/predicate/vulnerabilities/1/analysis/justification"),
                    List.of("/predicate/vulnerabilities", "/predicate/vulnerabilities/0/analysis",
                            "/predicate/vulnerabilities/0/affects", "/predicate/version"),
                    List.of("/predicate/vulnerabilities/0/analysis/state",
                            "/predicate/vulnerabilities/1/analysis/justification",
                            "/predicate/vulnerabilities/0/analysis/response/0", "/predicate/metadata/timestamp",
                            "/predicate/serialNumber"),
                    "/predicate/vulnerabilities/0/analysis/state",
                    "/predicate/vulnerabilities/0/analysis/detail",
                    "/predicate/vulnerabilities/0/id");
            case SCAN_RESULTS -> new FuzzTargets(
                    List.of("/predicate/scanner", "/predicate/database", "/predicate/scan", "/predicate/artifact",
                            "/predicate/findings", "/predicate/scanner/name", "/predicate/database/updatedAt",
                            "/predicate/scan/finishedOn", "/predicate/artifact/digest", "/predicate/findings/1/fix",
                            "/predicate/findings/2/component/purl"),
                    List.of("/predicate/findings", "/predicate/findings/0/cvss/0/score", "/predicate/artifact/digest",
                            "/predicate/scanner/version"),
                    List.of("/predicate/findings/0/severity", "/predicate/findings/1/fix/state",
                            "/predicate/database/updatedAt", "/predicate/artifact/digest/sha256",
                            "/predicate/findings/0/id"),
                    "/predicate/scanner/version",
                    null,
                    null);
            case COSIGN_VULN -> new FuzzTargets(
                    List.of("/predicate/scanner", "/predicate/metadata", "/predicate/scanner/result",
                            "/predicate/metadata/scanStartedOn", "/predicate/metadata/scanFinishedOn"),
                    List.of("/predicate/scanner", "/predicate/scanner/result", "/predicate/metadata",
                            "/predicate/metadata/scanFinishedOn", "/predicate/scanner/version"),
                    List.of("/predicate/metadata/scanStartedOn", "/predicate/metadata/scanFinishedOn",
                            "/predicate/scanner/uri"),
                    "/predicate/scanner/uri",
                    "/predicate/scanner/result/ArtifactName",
                    "/predicate/scanner/version");
            case POLICY_EVALUATION -> new FuzzTargets(
                    List.of("/predicate/policy", "/predicate/evaluator", "/predicate/evaluatedOn", "/predicate/inputs",
                            "/predicate/verdict", "/predicate/rules", "/predicate/policy/digest",
                            "/predicate/rules/2/message", "/predicate/inputs/1/predicateType",
                            "/predicate/inputs/0/kind"),
                    List.of("/predicate/rules", "/predicate/inputs/0/digest", "/predicate/policy/version",
                            "/predicate/rules/0/evidence"),
                    List.of("/predicate/verdict", "/predicate/rules/1/verdict", "/predicate/rules/3/enforcement",
                            "/predicate/evaluatedOn", "/predicate/policy/digest/sha256",
                            "/predicate/rules/1/evidence/0/pointer"),
                    "/predicate/rules/0/message",
                    null,
                    null);
        };
    }
}
