package org.stellaops.attestor.store.mongo;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Digest;
import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.model.Subject;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.CoveredEntry;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.LogTarget;
import org.stellaops.attestor.store.Provenance;
import org.stellaops.attestor.store.Receipt;
import org.stellaops.attestor.store.SignatureCoverage;
import org.stellaops.attestor.store.TrustedKey;

/** Realistic test values. */
final class Records {

    static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456789Z");
    static final String SLSA = "https://slsa.dev/provenance/v1";
    /** The tenant of the records, keys and events below unless a test names another. */
    static final String TENANT = "acme";

    private Records() {
    }

    static String hex(String seed) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static String digest(String seed) {
        return "sha256:" + hex("envelope " + seed);
    }

    static String uuid(String seed, int signature, String log) {
        return hex("leaf " + seed + " " + signature + " " + log);
    }

    static String subject(String seed) {
        return "sha256:" + hex("subject " + seed);
    }

    static String signer(String name) {
        return hex("key " + name);
    }

    /**
     * A record as the outbox writes it: signature 0 logged as itself, signature 1 through a receipt; logged in the
     * primary, still pending in the mirror.
     */
    static EntryRecord pending(String seed, Instant createdAt) {
        return pending(seed, createdAt, SLSA, List.of(signer("a"), signer("b")));
    }

    static EntryRecord pending(String seed, Instant createdAt, String predicateType, List<String> signers) {
        return pending(seed, createdAt, predicateType, signers, TENANT);
    }

    /** The same envelope as {@code pending(seed)}, submitted by {@code tenant}. */
    static EntryRecord pending(String seed, String tenant) {
        return pending(seed, T0, SLSA, List.of(signer("a"), signer("b")), tenant);
    }

    static EntryRecord pending(String seed, Instant createdAt, String predicateType, List<String> signers,
                               String tenant) {
        List<SignatureCoverage> coverage = List.of(
                new SignatureCoverage(0, signers.get(0), SignatureCoverage.VIA_SIGNATURE, uuid(seed, 0, "primary")),
                new SignatureCoverage(1, signers.get(signers.size() - 1), SignatureCoverage.VIA_RECEIPT,
                        uuid(seed, 1, "primary")));
        LogTarget primary = new LogTarget(hex("log id primary"), "primary.example/log", "rekor-v2",
                LogTarget.ROLE_PRIMARY, LogTarget.LOGGED, 0, 0, null, null, List.of(
                        new CoveredEntry(0, SignatureCoverage.VIA_SIGNATURE, logEntry(seed, 0, "primary")),
                        new CoveredEntry(1, SignatureCoverage.VIA_RECEIPT, logEntry(seed, 1, "primary"))));
        LogTarget mirror = new LogTarget(hex("log id mirror"), "mirror.example/log", "embedded",
                LogTarget.ROLE_MIRROR, LogTarget.PENDING, 4, 1, "tlog.unavailable: connection refused",
                createdAt.plusSeconds(30), List.of());
        byte[] receiptBody = ("{\"_type\":\"" + Receipt.TYPE + "\"}").getBytes(StandardCharsets.UTF_8);
        Receipt receipt = new Receipt(1, Bytes.of(receiptBody), Bytes.fromHex(hex("service signature " + seed)),
                hex("service key"));
        List<LogTarget> logs = List.of(primary, mirror);
        return new EntryRecord(digest(seed), uuid(seed, 0, "primary"), EntryRecord.statusOf(logs),
                hex("cas " + seed), "application/vnd.in-toto+json", "https://in-toto.io/Statement/v1",
                predicateType,
                List.of(new Subject("pkg:oci/app@" + seed, List.of(Digest.parse(subject(seed)),
                        new Digest("sha512", hex("a") + hex("b")))), new Subject("shared", List.of(
                        Digest.parse(subject("shared"))))),
                signers, coverage, logs, List.of(receipt),
                Map.of("builderId", "https://github.com/actions/runner", "materials", 3,
                        "buildTypes", List.of("a", "b"), "ratio", new BigDecimal("0.250"),
                        "nested", Map.of("z", 1, "a", List.of(Map.of("k", "v")))),
                "org.stellaops.attestor.predicate-slsa/0.1.0", createdAt,
                new Provenance("POST /api/v1/rekor/entries", "alice", "192.0.2.10", tenant));
    }

    static EntryRecord pending(String seed) {
        return pending(seed, T0);
    }

    /** The same record once the mirror has answered too. */
    static EntryRecord logged(EntryRecord pending) {
        LogTarget m = pending.logs().get(1);
        LogTarget mirror = new LogTarget(m.logId(), m.origin(), m.kind(), m.role(), LogTarget.LOGGED, 0, 1, null,
                null, List.of(new CoveredEntry(0, SignatureCoverage.VIA_SIGNATURE,
                        logEntry(seed(pending), 0, "mirror"))));
        return pending.withLogs(List.of(pending.logs().get(0), mirror));
    }

    /** The same record after a failed mirror attempt (still pending, one more attempt counted). */
    static EntryRecord retried(EntryRecord pending) {
        LogTarget m = pending.logs().get(1);
        LogTarget mirror = new LogTarget(m.logId(), m.origin(), m.kind(), m.role(), LogTarget.PENDING,
                m.attempts() + 1, m.rejections(), "tlog.unavailable: timeout", m.nextAttemptAt(), m.entries());
        return pending.withLogs(List.of(pending.logs().get(0), mirror));
    }

    private static String seed(EntryRecord record) {
        return record.subjects().get(0).name().substring("pkg:oci/app@".length());
    }

    static LogEntry logEntry(String seed, int sig, String log) {
        long index = Math.floorMod((seed + log).hashCode(), 1000);
        InclusionProof proof = new InclusionProof(index, index + 5, Bytes.fromHex(hex("root " + log)),
                List.of(Bytes.fromHex(hex("p1")), Bytes.fromHex(hex("p2"))),
                log + ".example/log\n" + (index + 5) + "\nAAAA\n\n— " + log + " sig\n");
        return new LogEntry(hex("log id " + log), log + ".example/log", index, uuid(seed, sig, log),
                Bytes.of(("{\"body\":\"" + seed + sig + "\"}").getBytes(StandardCharsets.UTF_8)), proof);
    }

    static TrustedKey key(String name, Instant createdAt) {
        return key(name, createdAt, TENANT, false);
    }

    static TrustedKey key(String name, Instant createdAt, String tenant, boolean shared) {
        return new TrustedKey(hex("spki " + name), name, KeyAlgorithm.ECDSA_P256_SHA256,
                "-----BEGIN PUBLIC KEY-----\nMFkw" + name + "\n-----END PUBLIC KEY-----\n", createdAt, null, tenant,
                shared);
    }

    /** @return the key, revoked at {@code at} */
    static TrustedKey revoked(TrustedKey key, Instant at) {
        return new TrustedKey(key.keyId(), key.name(), key.algorithm(), key.publicKeyPem(), key.createdAt(), at,
                key.tenant(), key.shared());
    }

    static AuditEvent event(int i) {
        return event(i, "alice", "entry.submit");
    }

    static AuditEvent event(int i, String actor, String action) {
        return event(i, actor, action, TENANT);
    }

    static AuditEvent event(int i, String actor, String action, String tenant) {
        return new AuditEvent(T0.plusSeconds(i), actor, action, digest("e" + i), "success", "192.0.2.1",
                "event " + i, tenant);
    }
}
