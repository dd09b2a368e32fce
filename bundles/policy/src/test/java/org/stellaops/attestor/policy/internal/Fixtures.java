package org.stellaops.attestor.policy.internal;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Digest;
import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.api.model.Subject;
import org.stellaops.attestor.api.policy.CheckpointEvidence;
import org.stellaops.attestor.api.policy.Consistency;
import org.stellaops.attestor.api.policy.CosignatureEvidence;
import org.stellaops.attestor.api.policy.KeyLifecycle;
import org.stellaops.attestor.api.policy.LogEvidence;
import org.stellaops.attestor.api.policy.PolicyEnvironment;
import org.stellaops.attestor.api.policy.SignerKey;
import org.stellaops.attestor.api.policy.TimeSource;
import org.stellaops.attestor.api.policy.TrustedTime;
import org.stellaops.attestor.api.policy.VerificationContext;
import org.stellaops.attestor.policy.PolicyDocument;
import org.stellaops.attestor.policy.PolicyFormat;
import org.stellaops.attestor.policy.PolicyValidation;

/** Shared test data: real EC public keys (their SPKI digests identify signers), statements, contexts and logs. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    static final Instant LOGGED = Instant.parse("2026-05-01T09:00:00Z");
    static final Instant KEYS_FROM = Instant.parse("2026-01-01T00:00:00Z");
    static final String SCAN = "https://stella-ops.org/attestation/scan-results/v1";
    static final String VEX = "https://openvex.dev/ns/v0.2.0";
    static final Digest APP = new Digest("sha256", "a1".repeat(32));
    static final Digest OTHER = new Digest("sha256", "b2".repeat(32));
    static final String ROOT = "cd".repeat(32);

    static final String ALICE_SPKI = spki(newKey());
    static final String BOB_SPKI = spki(newKey());
    static final String CAROL_SPKI = spki(newKey());
    static final String DAVE_SPKI = spki(newKey());

    private Fixtures() {
    }

    /** The release key set alice, bob, carol; dave is trusted but in no set. */
    static PolicyEnvironment environment() {
        return PolicyEnvironment.builder()
                .keySet("release-signers", List.of("alice", "bob", "carol"))
                .keys("dave", "sha256:" + ALICE_SPKI)
                .logs("rekor.example", "mirror.example", "tlog.local", "00".repeat(32))
                .witnesses("w1", "w2", "w3")
                .build();
    }

    static SignerKey key(String name, String spki) {
        return key(name, 1, spki, KeyLifecycle.validSince(KEYS_FROM));
    }

    static SignerKey key(String name, int version, String spki, KeyLifecycle lifecycle) {
        List<String> sets = List.of("alice", "bob", "carol").contains(name) ? List.of("release-signers") : List.of();
        return new SignerKey(spki, name, version, spki, sets, lifecycle);
    }

    static Statement statement(String predicateType, Subject... subjects) {
        List<Subject> list = subjects.length == 0 ? List.of(new Subject("pkg:oci/acme/app", List.of(APP)))
                : List.of(subjects);
        return new Statement(Statement.TYPE_V1, list, predicateType, Map.of(),
                Bytes.of("{}".getBytes(StandardCharsets.UTF_8)));
    }

    /** A context for a scan statement, logged at {@link #LOGGED}, asked at {@link #NOW}. */
    static VerificationContext.Builder context() {
        return VerificationContext.builder().tenant("acme").envelopeDigest("sha256:" + "ee".repeat(32))
                .statement(statement(SCAN)).verificationTime(NOW)
                .trustedTime(TrustedTime.of(LOGGED, TimeSource.LOG, "rekor.example"));
    }

    static CheckpointEvidence checkpoint(Consistency consistency, CosignatureEvidence... cosignatures) {
        return new CheckpointEvidence(100, ROOT, true, consistency, List.of(cosignatures));
    }

    static LogEvidence entry(String origin, long index, CheckpointEvidence checkpoint) {
        return new LogEvidence(logId(origin), origin, index, 0, true, true, checkpoint.size(), checkpoint.rootHash(),
                checkpoint, null);
    }

    static CosignatureEvidence cosignature(String witness, Instant at) {
        return new CosignatureEvidence(witness, "0a0b0c0d", at, true);
    }

    static String logId(String origin) {
        return sha256Hex(origin.getBytes(StandardCharsets.UTF_8));
    }

    static PolicyDocument policy(Engine engine, String json) {
        PolicyValidation validation = engine.validate(json.getBytes(StandardCharsets.UTF_8), PolicyFormat.JSON,
                environment());
        if (!validation.valid()) {
            throw new AssertionError("test policy is invalid: " + validation.problems());
        }
        return validation.document();
    }

    /** A policy document with one rule of the given type and configuration (JSON text). */
    static String oneRule(String type, String config) {
        return "{\"apiVersion\":\"stella-ops.org/attestor/policy/v1\",\"kind\":\"VerificationPolicy\","
                + "\"id\":\"t\",\"version\":1,\"rules\":[{\"id\":\"r\",\"type\":\"" + type + "\",\"config\":" + config
                + "}]}";
    }

    /** @return a configuration object from JSON text, as the validator hands it to rules */
    @SuppressWarnings("unchecked")
    static Map<String, Object> config(String json) {
        return (Map<String, Object>) Tree.fromJson(org.stellaops.attestor.sdk.json.StrictJson.parse(
                json.getBytes(StandardCharsets.UTF_8), org.stellaops.attestor.sdk.json.JsonLimits.DEFAULT));
    }

    static Engine engine() {
        return new Engine(new RuleRegistry(), Engine.Limits.DEFAULT);
    }

    private static PublicKey newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair().getPublic();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String spki(PublicKey key) {
        return sha256Hex(key.getEncoded());
    }

    private static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
