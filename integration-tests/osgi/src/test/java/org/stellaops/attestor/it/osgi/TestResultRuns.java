package org.stellaops.attestor.it.osgi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A P-256 signer of statements of the sample plugin's type, {@value #PREDICATE_TYPE}, and the runs the plugin test
 * submits. Each call makes a statement about its own artifact, so no two envelopes are the same submission.
 */
final class TestResultRuns {

    static final String PREDICATE_TYPE = "https://example.com/attestation/test-results/v1";

    private final StatementSigner signer;

    private TestResultRuns(StatementSigner signer) {
        this.signer = signer;
    }

    static TestResultRuns newSigner() {
        return new TestResultRuns(StatementSigner.p256());
    }

    String publicKeyPem() {
        return signer.publicKeyPem();
    }

    /** Two passed tests and a runner version: valid under both rule sets. */
    byte[] passingRun(String artifact) {
        return signed(artifact, predicate("checkout unit tests", "3.5.2", false));
    }

    /** One failed test and no allowFailures: valid under the standard rules, refused by the strict ones. */
    byte[] failingRun(String artifact) {
        return signed(artifact, predicate("checkout unit tests", "3.5.2", true));
    }

    /** Like {@link #failingRun}, but says {@code "allowFailures": true}: valid under both rule sets. */
    byte[] allowedFailingRun(String artifact) {
        ObjectNode predicate = predicate("checkout flaky tests", "3.5.2", true);
        predicate.put("allowFailures", true);
        return signed(artifact, predicate);
    }

    /** No runner version and a failed test: the strict rules report both. */
    byte[] failingRunWithoutRunnerVersion(String artifact) {
        return signed(artifact, predicate("checkout unit tests", null, true));
    }

    private static ObjectNode predicate(String suite, String runnerVersion, boolean oneFails) {
        ObjectNode predicate = HttpApi.JSON.createObjectNode();
        predicate.putObject("suite").put("name", suite);
        ObjectNode runner = predicate.putObject("runner").put("name", "maven-surefire");
        if (runnerVersion != null) {
            runner.put("version", runnerVersion);
        }
        predicate.put("startedOn", "2026-03-01T10:15:00Z");
        predicate.put("finishedOn", "2026-03-01T10:15:02.500Z");
        predicate.putObject("summary").put("passed", oneFails ? 1 : 2).put("failed", oneFails ? 1 : 0).put("skipped", 0);
        ArrayNode tests = predicate.putArray("tests");
        tests.addObject().put("name", "com.example.shop.CartTest#addsAnItem").put("result", "passed")
                .put("durationMillis", 12);
        tests.addObject().put("name", "com.example.shop.PriceTest#roundsHalfUp").put("result", oneFails ? "failed" : "passed")
                .put("durationMillis", 4);
        return predicate;
    }

    private byte[] signed(String artifact, ObjectNode predicate) {
        return signer.sign(artifact, PREDICATE_TYPE, predicate);
    }
}
