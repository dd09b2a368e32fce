package org.stellaops.attestor.store.tck;

import java.math.BigDecimal;
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

/**
 * Realistic test values for the contract suite: records with subjects, signers, predicate types, signature coverage
 * and per-log targets; audit events; trusted keys. Everything is derived from a seed, so two calls with the same
 * arguments give equal values.
 */
public final class TckRecords {

    /** A fixed instant with sub-second precision, so stores must keep nanoseconds. */
    public static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456789Z");
    /** SLSA provenance. */
    public static final String SLSA = "https://slsa.dev/provenance/v1";
    /** An SPDX SBOM. */
    public static final String SPDX = "https://spdx.dev/Document";
    /** An OpenVEX document. */
    public static final String VEX = "https://openvex.dev/ns/v0.2.0";
    /** The primary log's name in {@link #uuid} and {@link #logId}. */
    public static final String PRIMARY = "primary";
    /** The mirror log's name. */
    public static final String MIRROR = "mirror";
    /** The tenant of every record, key and event this class makes unless told otherwise. */
    public static final String TENANT = "tenant-a";

    private TckRecords() {
    }

    /**
     * @param seed any text
     * @return lowercase hex SHA-256 of the seed
     */
    public static String hex(String seed) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /**
     * @param seed the record's seed
     * @return its envelope digest {@code sha256:<hex>}
     */
    public static String digest(String seed) {
        return "sha256:" + hex("envelope " + seed);
    }

    /**
     * @param seed the record's seed
     * @param signature the signature index
     * @return the uuid every log gives that signature's entry
     */
    public static String uuid(String seed, int signature) {
        return hex("leaf " + seed + " " + signature);
    }

    /**
     * @param log {@link #PRIMARY} or {@link #MIRROR}
     * @return the log's id
     */
    public static String logId(String log) {
        return hex("log id " + log);
    }

    /**
     * @param name a signer's name
     * @return its trusted key id
     */
    public static String keyId(String name) {
        return hex("spki " + name);
    }

    /**
     * @param name a subject's name
     * @return its sha256 digest
     */
    public static Digest subjectDigest(String name) {
        return new Digest("sha256", hex("subject " + name));
    }

    /**
     * @param name a subject's name
     * @return its digest as a search filter, {@code sha256:<hex>}
     */
    public static String subject(String name) {
        return subjectDigest(name).toString();
    }

    /**
     * @param seed the record's seed
     * @return a builder with defaults: created at {@link #T0}, SLSA, subject {@code seed}, signers a and b
     */
    public static RecordBuilder record(String seed) {
        return new RecordBuilder(seed);
    }

    /**
     * @param seed the record's seed
     * @return a record logged in both logs, created at {@link #T0}
     */
    public static EntryRecord logged(String seed) {
        return record(seed).logged();
    }

    /**
     * @param seed the record's seed
     * @param createdAt its creation time
     * @return a record logged in both logs
     */
    public static EntryRecord logged(String seed, Instant createdAt) {
        return record(seed).at(createdAt).logged();
    }

    /**
     * @param seed the record's seed
     * @param createdAt its creation time
     * @return a fresh outbox record: coverage planned, no log has answered yet
     */
    public static EntryRecord pending(String seed, Instant createdAt) {
        return record(seed).at(createdAt).pending();
    }

    /**
     * @param record a record from this class
     * @return the same record with the primary log settled and the mirror still pending (status pending)
     */
    public static EntryRecord primaryLogged(EntryRecord record) {
        LogTarget mirror = new LogTarget(logId(MIRROR), MIRROR + ".example/log", "embedded", LogTarget.ROLE_MIRROR,
                LogTarget.PENDING, 2, 0, "tlog.unavailable: connection refused", record.createdAt().plusSeconds(30),
                List.of());
        return record.withLogs(List.of(target(record, PRIMARY, LogTarget.ROLE_PRIMARY), mirror));
    }

    /**
     * @param record a record from this class
     * @return the same record with every log settled (status logged)
     */
    public static EntryRecord settled(EntryRecord record) {
        return record.withLogs(List.of(target(record, PRIMARY, LogTarget.ROLE_PRIMARY),
                target(record, MIRROR, LogTarget.ROLE_MIRROR)));
    }

    private static LogTarget target(EntryRecord record, String log, String role) {
        List<CoveredEntry> entries = new ArrayList<>();
        long index = Math.floorMod(record.envelopeDigest().hashCode(), 100_000);
        for (SignatureCoverage s : record.signatures()) {
            entries.add(new CoveredEntry(s.signatureIndex(), s.via(), logEntry(record, s, log, index)));
        }
        return new LogTarget(logId(log), log + ".example/log", PRIMARY.equals(log) ? "rekor-v2" : "embedded", role,
                LogTarget.LOGGED, 0, 0, null, null, entries);
    }

    private static LogEntry logEntry(EntryRecord record, SignatureCoverage s, String log, long index) {
        long logIndex = index * 4 + s.signatureIndex();
        InclusionProof proof = new InclusionProof(logIndex, logIndex + 5, Bytes.fromHex(hex("root " + log)),
                List.of(Bytes.fromHex(hex("p1 " + logIndex)), Bytes.fromHex(hex("p2"))),
                log + ".example/log\n" + (logIndex + 5) + "\nAAAA\n\n— " + log + " sig\n");
        byte[] body = ("{\"envelope\":\"" + record.envelopeDigest() + "\",\"signature\":" + s.signatureIndex() + "}")
                .getBytes(StandardCharsets.UTF_8);
        return new LogEntry(logId(log), log + ".example/log", logIndex, s.uuid(), Bytes.of(body), proof);
    }

    /**
     * @param name the key's name
     * @param createdAt when it was added
     * @return a trusted (not revoked), unshared ECDSA key of {@link #TENANT}
     */
    public static TrustedKey key(String name, Instant createdAt) {
        return key(name, createdAt, TENANT, false);
    }

    /**
     * @param name the key's name (the same name gives the same key id in every tenant)
     * @param createdAt when it was added
     * @param tenant the tenant that owns it
     * @param shared whether every tenant trusts it
     * @return a trusted (not revoked) ECDSA key
     */
    public static TrustedKey key(String name, Instant createdAt, String tenant, boolean shared) {
        return new TrustedKey(keyId(name), name, KeyAlgorithm.ECDSA_P256_SHA256,
                "-----BEGIN PUBLIC KEY-----\nMFkw" + name + "\n-----END PUBLIC KEY-----\n", createdAt, null, tenant,
                shared);
    }

    /**
     * @param key a key
     * @param at the revocation time
     * @return the key, revoked (same tenant, same sharing)
     */
    public static TrustedKey revoked(TrustedKey key, Instant at) {
        return new TrustedKey(key.keyId(), key.name(), key.algorithm(), key.publicKeyPem(), key.createdAt(), at,
                key.tenant(), key.shared());
    }

    /**
     * @param i a number
     * @return a successful submission by alice of {@link #TENANT} at {@code T0 + i s}
     */
    public static AuditEvent event(int i) {
        return event(T0.plusSeconds(i), "alice", "entry.submit", digest("e" + i), "success");
    }

    /**
     * @param time when
     * @param actor who
     * @param action what
     * @param target on what
     * @param outcome success or an error code
     * @return the event of {@link #TENANT}, from 192.0.2.1
     */
    public static AuditEvent event(Instant time, String actor, String action, String target, String outcome) {
        return event(time, actor, action, target, outcome, TENANT);
    }

    /**
     * @param time when
     * @param actor who
     * @param action what
     * @param target on what
     * @param outcome success or an error code
     * @param tenant the tenant the actor acted for, or {@link org.stellaops.attestor.store.Tenants#OPERATOR}
     * @return the event, from 192.0.2.1
     */
    public static AuditEvent event(Instant time, String actor, String action, String target, String outcome,
                                   String tenant) {
        return new AuditEvent(time, actor, action, target, outcome, "192.0.2.1",
                action + " of " + target + " by " + actor, tenant);
    }

    /** Builds records from a seed; every part has a default. */
    public static final class RecordBuilder {
        private final String seed;
        private Instant createdAt = T0;
        private String predicateType = SLSA;
        private List<String> subjects;
        private List<String> signers = List.of("a", "b");
        private String principal = "anonymous";
        private String tenant = TENANT;
        private Map<String, Object> facts = Map.of("builderId", "https://github.com/actions/runner", "materials", 3,
                "buildTypes", List.of("a", "b"), "ratio", new BigDecimal("0.250"));

        private RecordBuilder(String seed) {
            this.seed = seed;
            this.subjects = List.of(seed);
        }

        /**
         * @param time the creation time
         * @return this
         */
        public RecordBuilder at(Instant time) {
            this.createdAt = time;
            return this;
        }

        /**
         * @param type the predicate type
         * @return this
         */
        public RecordBuilder predicate(String type) {
            this.predicateType = type;
            return this;
        }

        /**
         * @param names subject names (see {@link #subject(String)}); the first one also gets a sha512 digest
         * @return this
         */
        public RecordBuilder subjects(String... names) {
            this.subjects = List.of(names);
            return this;
        }

        /**
         * @param names signer names (see {@link #keyId(String)}), one signature each, in signature order
         * @return this
         */
        public RecordBuilder signers(String... names) {
            if (names.length == 0) {
                throw new IllegalArgumentException("a record has at least one signer");
            }
            this.signers = List.of(names);
            return this;
        }

        /**
         * @param name the submitting principal
         * @return this
         */
        public RecordBuilder principal(String name) {
            this.principal = name;
            return this;
        }

        /**
         * @param derived the record's derived facts (default: SLSA-like facts with a string, an integer, a list
         *                and a decimal)
         * @return this
         */
        public RecordBuilder facts(Map<String, Object> derived) {
            this.facts = Map.copyOf(derived);
            return this;
        }

        /**
         * @param name the tenant that owns the record
         * @return this
         */
        public RecordBuilder tenant(String name) {
            this.tenant = name;
            return this;
        }

        /** @return the record as first stored: coverage planned, both log targets pending without entries */
        public EntryRecord pending() {
            List<SignatureCoverage> coverage = new ArrayList<>();
            List<Receipt> receipts = new ArrayList<>();
            for (int i = 0; i < signers.size(); i++) {
                // odd signatures stand for algorithms a log refuses, covered by a service receipt
                boolean viaReceipt = i % 2 == 1;
                coverage.add(new SignatureCoverage(i, keyId(signers.get(i)),
                        viaReceipt ? SignatureCoverage.VIA_RECEIPT : SignatureCoverage.VIA_SIGNATURE, uuid(seed, i)));
                if (viaReceipt) {
                    byte[] body = ("{\"_type\":\"" + Receipt.TYPE + "\",\"signatureIndex\":" + i + "}")
                            .getBytes(StandardCharsets.UTF_8);
                    receipts.add(new Receipt(i, Bytes.of(body), Bytes.fromHex(hex("service signature " + seed + i)),
                            hex("service key")));
                }
            }
            List<LogTarget> logs = List.of(
                    LogTarget.pending(logId(PRIMARY), PRIMARY + ".example/log", "rekor-v2", LogTarget.ROLE_PRIMARY),
                    LogTarget.pending(logId(MIRROR), MIRROR + ".example/log", "embedded", LogTarget.ROLE_MIRROR));
            List<String> keyIds = signers.stream().map(TckRecords::keyId).distinct().sorted().toList();
            return new EntryRecord(digest(seed), uuid(seed, 0), EntryRecord.statusOf(logs), hex("cas " + seed),
                    "application/vnd.in-toto+json", "https://in-toto.io/Statement/v1", predicateType, subjectList(),
                    keyIds, coverage, logs, receipts,
                    facts, "org.stellaops.attestor.predicate-slsa/0.1.0", createdAt,
                    new Provenance("POST /api/v1/attestations", principal, "192.0.2.10", tenant));
        }

        /** @return the record once every log holds every entry */
        public EntryRecord logged() {
            return settled(pending());
        }

        private List<Subject> subjectList() {
            List<Subject> list = new ArrayList<>();
            for (int i = 0; i < subjects.size(); i++) {
                String name = subjects.get(i);
                List<Digest> digests = i == 0
                        ? List.of(subjectDigest(name), new Digest("sha512", hex("512a " + name) + hex("512b " + name)))
                        : List.of(subjectDigest(name));
                list.add(new Subject("pkg:oci/" + name, digests));
            }
            return list;
        }
    }
}
