package org.stellaops.attestor.predicate.scan;

import java.util.List;

import org.stellaops.attestor.predicate.support.SubjectPolicy;
import org.stellaops.attestor.testing.predicate.MutationFuzzTests;

/**
 * Fuzz-style: truncated and mutated versions of every sample, each from a fixed seed, are either valid with facts that
 * obey the contract or invalid with located errors; the handler never throws.
 */
class MutationFuzzTest extends MutationFuzzTests {

    private static final List<String> STRINGS = List.of("", " ", "CVE-2024-0001", "GHSA-xxxx-xxxx-xxxx", "pkg:",
            "pkg:npm/x@1", "2024-13-45T99:99:99Z", "2024-05-01T12:00:00Z", "0001-01-01T00:00:00Z", "fixed", "critical",
            "https://", "sha256", "\u0000\u001f", "é\u202e\uD83D\uDE00", "/", "~1", "null", "1e309", "a".repeat(5000));

    MutationFuzzTest() {
        super(new Fuzzing("scan",
                List.of(new ScanPredicateHandler(SubjectPolicy.WARNING), new ScanPredicateHandler(SubjectPolicy.ERROR)),
                List.of("/statements/scan-results-alpine.json", "/statements/cosign-vuln-spec-example.json",
                        "/statements/cosign-vuln-trivy.json", "/statements/cosign-vuln-grype.json",
                        "/statements/cosign-vuln-sarif.json", "/statements/cosign-vuln-unrecognised.json"),
                STRINGS, 300, 12,
                List.of("null", "[]", "42", "\"text\"", "{\"\": {}}", "[{\"scanner\": {}}]"),
                "/statements/scan-results-large.json", 8));
    }
}
