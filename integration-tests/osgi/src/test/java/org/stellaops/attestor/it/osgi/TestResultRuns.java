package org.stellaops.attestor.it.osgi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.dsse.DsseEnvelopes;

/**
 * A P-256 signer of statements of the sample plugin's type, {@value #PREDICATE_TYPE}, and the runs the plugin test
 * submits. Each call makes a statement about its own artifact, so no two envelopes are the same submission.
 */
final class TestResultRuns {

    static final String PREDICATE_TYPE = "https://example.com/attestation/test-results/v1";

    private final KeyPair pair;

    private TestResultRuns(KeyPair pair) {
        this.pair = pair;
    }

    static TestResultRuns newSigner() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return new TestResultRuns(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no P-256 key generator", e);
        }
    }

    String publicKeyPem() {
        return PublicKeys.toPem(pair.getPublic());
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
        ObjectNode statement = HttpApi.JSON.createObjectNode();
        statement.put("_type", "https://in-toto.io/Statement/v1");
        ObjectNode subject = statement.putArray("subject").addObject();
        subject.put("name", artifact);
        subject.putObject("digest").put("sha256", sha256Hex(artifact));
        statement.put("predicateType", PREDICATE_TYPE);
        statement.set("predicate", predicate);
        try {
            Envelope envelope = DsseEnvelopes.sign(Envelope.IN_TOTO_PAYLOAD_TYPE, HttpApi.JSON.writeValueAsBytes(statement),
                    pair.getPrivate(), KeyAlgorithm.ECDSA_P256_SHA256, PublicKeys.keyId(pair.getPublic()));
            return DsseEnvelopes.toJson(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
