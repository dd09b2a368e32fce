package org.stellaops.attestor.predicate.policyeval;

import java.util.List;

import org.stellaops.attestor.predicate.support.SubjectPolicy;
import org.stellaops.attestor.testing.predicate.MutationFuzzTests;

/**
 * Fuzz-style: truncated and mutated versions of every sample, each from a fixed seed, are either valid with facts that
 * obey the contract or invalid with located errors; the handler never throws.
 */
class MutationFuzzTest extends MutationFuzzTests {

    private static final List<String> STRINGS = List.of("", " ", "pass", "fail", "warn", "skip", "advisory", "enforce",
            "artifact", "attestation", "2024-13-45T99:99:99Z", "2024-05-01T12:00:00Z", "https://", "/predicate/x", "~2",
            "sha256", "3c1e9f0b5d7a2486c1f0e93b7d5a8c2e4f6b1a0d9c8e7f6a5b4c3d2e1f0a9b8c", "\u0000\u001f",
            "é\u202e\uD83D\uDE00", "/", "~1", "null", "a".repeat(5000));

    MutationFuzzTest() {
        super(new Fuzzing("policy",
                List.of(new PolicyEvaluationHandler(SubjectPolicy.WARNING),
                        new PolicyEvaluationHandler(SubjectPolicy.ERROR)),
                List.of("/statements/release-gate-fail.json", "/statements/release-gate-pass.json"),
                STRINGS, 600, 8,
                List.of("null", "[]", "42", "\"text\"", "{\"\": {}}", "[{\"rules\": {}}]"),
                "/statements/fleet-baseline-large.json", 12));
    }
}
