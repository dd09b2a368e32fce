package org.stellaops.attestor.store.embedded;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
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

    static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456Z");
    static final String TENANT = "tenant-a";

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

    /** A logged record with one entry per signature per log (two signatures, two logs). */
    static EntryRecord entry(String seed) {
        return entry(seed, "anonymous", T0);
    }

    static EntryRecord entry(String seed, String principal, Instant createdAt) {
        List<LogEntry> logEntries = new ArrayList<>();
        long index = Math.floorMod(seed.hashCode(), 1000);
        for (String log : List.of("primary", "mirror")) {
            for (int sig = 0; sig < 2; sig++) {
                logEntries.add(logEntry(seed, sig, log, index));
            }
        }
        return new EntryRecord(digest(seed), uuid(seed, 0, "primary"), EntryRecord.LOGGED, hex("cas " + seed),
                "application/vnd.in-toto+json", "https://in-toto.io/Statement/v1", "https://slsa.dev/provenance/v1",
                List.of(new Subject("pkg:oci/app@" + seed, List.of(new Digest("sha256", hex("subject " + seed))))),
                List.of(hex("key a"), hex("key b")), logEntries,
                Map.of("builderId", "https://github.com/actions/runner", "materials", 3,
                        "buildTypes", List.of("a", "b"), "ratio", new java.math.BigDecimal("0.25")),
                "org.stellaops.attestor.predicate-slsa/0.1.0", createdAt,
                new Provenance("POST /api/v1/rekor/entries", principal, "192.0.2.10", TENANT));
    }

    static LogEntry logEntry(String seed, int sig, String log, long index) {
        InclusionProof proof = new InclusionProof(index, index + 5, Bytes.fromHex(hex("root " + log)),
                List.of(Bytes.fromHex(hex("p1")), Bytes.fromHex(hex("p2"))),
                log + ".example/log\n" + (index + 5) + "\nAAAA\n\n— " + log + " sig\n");
        return new LogEntry(hex("log id " + log), log + ".example/log", index,
                uuid(seed, sig, log), Bytes.of(("{\"body\":\"" + seed + sig + "\"}").getBytes(StandardCharsets.UTF_8)),
                proof);
    }

    /** The same envelope while its logs have not answered yet: its uuid is known, no log entries yet. */
    static EntryRecord pending(String seed) {
        EntryRecord r = entry(seed);
        return new EntryRecord(r.envelopeDigest(), r.uuid(), EntryRecord.PENDING, r.casDigest(), r.payloadType(),
                r.statementType(), r.predicateType(), r.subjects(), r.signerKeyIds(), List.of(), r.facts(),
                r.derivedBy(), r.createdAt(), r.provenance());
    }

    /**
     * A record as the outbox writes it: signature 0 logged as itself, signature 1 through a receipt; logged in the
     * primary, still pending in the mirror.
     */
    static EntryRecord outbox(String seed, Instant createdAt) {
        EntryRecord r = entry(seed, "anonymous", createdAt);
        List<SignatureCoverage> coverage = List.of(
                new SignatureCoverage(0, hex("key a"), SignatureCoverage.VIA_SIGNATURE, uuid(seed, 0, "primary")),
                new SignatureCoverage(1, hex("key b"), SignatureCoverage.VIA_RECEIPT, uuid(seed, 1, "primary")));
        long index = Math.floorMod(seed.hashCode(), 1000);
        LogTarget primary = new LogTarget(hex("log id primary"), "primary.example/log", "rekor-v2",
                LogTarget.ROLE_PRIMARY, LogTarget.LOGGED, 0, 0, null, null, List.of(
                        new CoveredEntry(0, SignatureCoverage.VIA_SIGNATURE, logEntry(seed, 0, "primary", index)),
                        new CoveredEntry(1, SignatureCoverage.VIA_RECEIPT, logEntry(seed, 1, "primary", index))));
        LogTarget mirror = new LogTarget(hex("log id mirror"), "mirror.example/log", "embedded",
                LogTarget.ROLE_MIRROR, LogTarget.PENDING, 4, 1, "tlog.unavailable: connection refused",
                createdAt.plusSeconds(30), List.of());
        byte[] receiptBody = ("{\"_type\":\"" + Receipt.TYPE + "\"}").getBytes(StandardCharsets.UTF_8);
        Receipt receipt = new Receipt(1, Bytes.of(receiptBody), Bytes.fromHex(hex("service signature " + seed)),
                hex("service key"));
        List<LogTarget> logs = List.of(primary, mirror);
        return new EntryRecord(r.envelopeDigest(), uuid(seed, 0, "primary"), EntryRecord.statusOf(logs),
                r.casDigest(), r.payloadType(), r.statementType(), r.predicateType(), r.subjects(), r.signerKeyIds(),
                coverage, logs, List.of(receipt), r.facts(), r.derivedBy(), createdAt, r.provenance());
    }

    /** The same record once the mirror has answered too. */
    static EntryRecord logged(EntryRecord outbox) {
        LogTarget m = outbox.logs().get(1);
        LogTarget mirror = new LogTarget(m.logId(), m.origin(), m.kind(), m.role(), LogTarget.LOGGED, 0, 1, null,
                null, outbox.logs().get(0).entries());
        return outbox.withLogs(List.of(outbox.logs().get(0), mirror));
    }

    static TrustedKey key(String name, Instant createdAt) {
        return new TrustedKey(hex("spki " + name), name, KeyAlgorithm.ECDSA_P256_SHA256,
                "-----BEGIN PUBLIC KEY-----\nMFkw" + name + "\n-----END PUBLIC KEY-----\n", createdAt, null, TENANT, false);
    }

    static AuditEvent event(int i) {
        return new AuditEvent(T0.plusSeconds(i), "alice", "entry.submit", digest("e" + i), "success", "192.0.2.1",
                "event " + i, TENANT);
    }
}
