package org.stellaops.attestor.it.e2e;

/**
 * The facts each handler page (docs/predicates/*.md, and the SLSA handler's fact list) says the valid test
 * statements yield, written out by hand from the documents in {@code src/test/resources/predicates/}. The OpenVEX,
 * CycloneDX VEX, ScanResults and PolicyEvaluation ones are the documentation's own examples.
 */
final class ExpectedFacts {

    private ExpectedFacts() {
    }

    static String text(PredicateFormat format) {
        return switch (format) {
            case SLSA_V1 -> """
                    {"slsa.version": "v1",
                     "buildType": "https://actions.github.io/buildtypes/workflow/v1",
                     "builder.id": "https://github.com/stellaops/attestor/.github/workflows/release.yml@refs/tags/v1.4.2",
                     "resolvedDependencies.count": 1,
                     "invocationId": "https://github.com/stellaops/attestor/actions/runs/9876543210/attempts/1"}""";
            case SPDX_2_3 -> """
                    {"sbom.format": "SPDX",
                     "sbom.specVersion": "2.3",
                     "sbom.components": 7,
                     "sbom.files": 1,
                     "sbom.purls": [
                       "pkg:deb/debian/libc6@2.36-9+deb12u4?arch=amd64&distro=debian-12",
                       "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12",
                       "pkg:deb/debian/tzdata@2024a-0+deb12u1?arch=all&distro=debian-12",
                       "pkg:golang/github.com/robfig/cron/v3@v3.0.1",
                       "pkg:golang/github.com/stellaops/scheduler@v0.14.2",
                       "pkg:oci/scheduler@sha256%3A3c9a7e5b1d2f4e6a8c0b2d4f6e8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a?repository_url=registry.stella-ops.org%2Fplatform%2Fscheduler"],
                     "sbom.licenses": ["Apache-2.0", "GPL-2.0-only", "GPL-2.0-or-later", "LGPL-2.1-or-later", "MIT"],
                     "sbom.licenseExpressions": ["GPL-2.0-only AND LGPL-2.1-or-later AND (GPL-2.0-or-later WITH GCC-exception-2.0)"],
                     "sbom.componentsWithoutLicense": 3,
                     "sbom.documentNamespace": "https://stella-ops.org/spdxdocs/platform/scheduler-8d2f6b1e-3c5a-4e7d-9f1b-2a4c6e8f0b1d"}""";
            case OPENVEX -> """
                    {"vex.format": "openvex",
                     "vex.specVersion": "0.2.0",
                     "vex.documentId": "https://openvex.dev/docs/public/vex-2e67563e128250cbcb3e98930df948dd053e43271d70dc50cfa22d57e03fe96f",
                     "vex.documentVersion": 1,
                     "vex.author": "Spring Builds <spring-builds@users.noreply.github.com>",
                     "vex.timestamp": "2023-01-16T19:07:16.853479631-06:00",
                     "vex.statementCount": 1,
                     "vex.vulnerabilities": ["CVE-2021-44228"],
                     "vex.aliases": ["GHSA-jfh8-c2jp-5v3q"],
                     "vex.products": ["pkg:maven/org.springframework.boot/spring-boot@2.6.0-M3"],
                     "vex.statements": ["CVE-2021-44228|pkg:maven/org.springframework.boot/spring-boot@2.6.0-M3|not_affected"],
                     "vex.status.notAffected": ["CVE-2021-44228"],
                     "vex.justifications": ["vulnerable_code_not_in_execute_path"]}""";
            case CYCLONEDX_VEX -> """
                    {"vex.format": "cyclonedx",
                     "vex.specVersion": "1.4",
                     "vex.documentId": "urn:uuid:5d2f0a6e-8c8b-4a7e-9b0e-1d2c3b4a5f60",
                     "vex.documentVersion": 1,
                     "vex.timestamp": "2022-03-03T00:00:00Z",
                     "vex.statementCount": 3,
                     "vex.vulnerabilities": ["CVE-2021-44228", "CVE-2021-45046", "CVE-2022-22965"],
                     "vex.products": ["product-ABC"],
                     "vex.statements": ["CVE-2021-44228|product-ABC|affected", "CVE-2021-45046|product-ABC|not_affected",
                                        "CVE-2022-22965|product-ABC|under_investigation"],
                     "vex.status.affected": ["CVE-2021-44228"],
                     "vex.status.notAffected": ["CVE-2021-45046"],
                     "vex.status.underInvestigation": ["CVE-2022-22965"],
                     "vex.justifications": ["code_not_reachable"],
                     "vex.cyclonedx.states": ["exploitable", "in_triage", "not_affected"],
                     "vex.cyclonedx.responses": ["update", "will_not_fix"]}""";
            case SCAN_RESULTS -> """
                    {"scan.format": "scan-results/v1",
                     "scan.scanner.name": "trivy",
                     "scan.scanner.version": "0.50.1",
                     "scan.db.name": "trivy-db",
                     "scan.db.version": "2",
                     "scan.db.updatedAt": "2024-05-01T06:11:04Z",
                     "scan.finishedOn": "2024-05-01T12:01:47Z",
                     "scan.artifact.name": "registry.stella-ops.org/platform/gateway:2.8.0",
                     "scan.artifact.digests": ["sha256:3c1e9f0b5d7a2486c1f0e93b7d5a8c2e4f6b1a0d9c8e7f6a5b4c3d2e1f0a9b8c"],
                     "scan.severity.critical": 1, "scan.severity.high": 1, "scan.severity.medium": 1,
                     "scan.severity.low": 0, "scan.severity.none": 0, "scan.severity.unknown": 0,
                     "scan.findings.count": 3,
                     "scan.findings.fixable": 2,
                     "scan.findings.ids": ["CVE-2023-44487", "CVE-2023-45853", "CVE-2024-2511", "DSA-5678-1",
                                           "GHSA-qppj-fm5r-hxr3", "GO-2023-2102"],
                     "scan.components": ["pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12",
                                         "pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&distro=debian-12",
                                         "pkg:golang/golang.org/x/net@v0.15.0"]}""";
            case COSIGN_VULN -> """
                    {"scan.format": "cosign-vuln/v1",
                     "scan.scanner.uri": "pkg:github/aquasecurity/trivy@v0.50.1",
                     "scan.scanner.version": "v0.50.1",
                     "scan.finishedOn": "2024-05-01T12:00:01.481911356Z",
                     "scan.result.format": "trivy",
                     "scan.severity.critical": 1, "scan.severity.high": 1, "scan.severity.medium": 1,
                     "scan.severity.low": 1, "scan.severity.none": 0, "scan.severity.unknown": 1,
                     "scan.findings.count": 5,
                     "scan.findings.fixable": 3,
                     "scan.findings.ids": ["CVE-2011-3374", "CVE-2023-44487", "CVE-2023-45853", "CVE-2024-2511",
                                           "CVE-2024-28085", "DSA-5678-1", "GHSA-qppj-fm5r-hxr3", "GO-2023-2102"],
                     "scan.components": ["pkg:deb/debian/apt@2.6.1?arch=amd64&distro=debian-12.5",
                                         "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12.5",
                                         "pkg:deb/debian/util-linux@2.38.1-5+b1?arch=amd64&distro=debian-12.5",
                                         "pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&distro=debian-12.5",
                                         "pkg:golang/golang.org/x/net@v0.15.0"]}""";
            case POLICY_EVALUATION -> """
                    {"policy.id": "stellaops/release-gate",
                     "policy.version": "1.4.0",
                     "policy.digest": "sha256:5f0c6b2e8a1d4c7f9e3b6a0d2c5f8e1b4a7d0c3f6e9b2a5d8c1f4e7b0a3d6c9f",
                     "policy.verdict": "fail",
                     "policy.evaluator.name": "stellaops-policy-engine",
                     "policy.evaluator.version": "2.3.1",
                     "policy.evaluatedOn": "2024-05-01T12:05:31Z",
                     "policy.rules.count": 6,
                     "policy.rules.failed": ["no-critical-vulnerabilities", "sbom-licenses-declared"],
                     "policy.rules.warned": ["no-fixable-high-vulnerabilities"],
                     "policy.inputs.artifacts": ["sha256:3c1e9f0b5d7a2486c1f0e93b7d5a8c2e4f6b1a0d9c8e7f6a5b4c3d2e1f0a9b8c"],
                     "policy.inputs.attestations": ["sha256:a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90",
                                                    "sha256:b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1",
                                                    "sha256:d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3"],
                     "policy.inputs.predicateTypes": ["https://cyclonedx.org/bom", "https://slsa.dev/provenance/v1",
                                                      "https://stella-ops.org/attestation/scan-results/v1"]}""";
            case CYCLONEDX_1_6 -> throw new IllegalArgumentException("generated: see PredicateExpectations.facts");
        };
    }
}
