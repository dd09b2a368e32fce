package org.stellaops.attestor.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.util.RawValue;

import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Digest;
import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.model.Subject;
import org.stellaops.attestor.api.tlog.LogDescriptor;
import org.stellaops.attestor.api.tlog.LogKeyVersion;
import org.stellaops.attestor.core.service.AttestationService.LogStatus;
import org.stellaops.attestor.core.service.AttestationService.Submission;
import org.stellaops.attestor.core.service.PolicyService;
import org.stellaops.attestor.core.service.VerificationReport;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.CoveredEntry;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.LogTarget;
import org.stellaops.attestor.store.Receipt;
import org.stellaops.attestor.store.SignatureCoverage;
import org.stellaops.attestor.store.TrustedKey;

/**
 * The JSON shapes of the v1 API, written out member by member so that the wire format is explicit and stable
 * (binary values are standard base64, as in Sigstore JSON). docs/api.md documents them.
 */
final class Views {

    /** The path under which records are served. */
    static final String ENTRIES_PATH = "/api/v1/rekor/entries/";

    private Views() {
    }

    /** Where a record can be fetched (and polled while it is pending). */
    static String statusUrl(EntryRecord r) {
        return ENTRIES_PATH + (r.uuid().isEmpty() ? r.envelopeDigest() : r.uuid());
    }

    /**
     * The status of a submission's answer: 201 (new) or 200 (duplicate) once the primary log holds every entry of
     * the record, or once nothing is pending any more; 202 while the primary log (or, without one, any log) has not
     * answered yet.
     */
    static int submissionStatus(Submission submission) {
        EntryRecord record = submission.record();
        if (submission.created()) {
            return submission.primaryLogged() ? 201 : 202;
        }
        return submission.primaryLogged() || !record.pending() ? 200 : 202;
    }

    static Map<String, Object> record(EntryRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uuid", r.uuid());
        m.put("envelopeDigest", r.envelopeDigest());
        m.put("status", r.status());
        m.put("statusUrl", statusUrl(r));
        m.put("createdAt", r.createdAt().toString());
        m.put("payloadType", r.payloadType());
        m.put("statementType", r.statementType());
        m.put("predicateType", r.predicateType());
        m.put("subjects", r.subjects().stream().map(Views::subject).toList());
        m.put("signerKeyIds", r.signerKeyIds());
        m.put("signatures", r.signatures().stream().map(Views::coverage).toList());
        m.put("logs", r.logs().stream().map(Views::target).toList());
        m.put("receipts", r.receipts().stream().map(Views::receipt).toList());
        m.put("logEntries", r.logEntries().stream().map(Views::logEntry).toList());
        Map<String, Object> derived = new LinkedHashMap<>();
        derived.put("derivedBy", r.derivedBy());
        derived.put("facts", r.facts());
        m.put("derived", derived);
        return m;
    }

    static Map<String, Object> subject(Subject s) {
        Map<String, Object> digests = new LinkedHashMap<>();
        for (Digest d : s.digests()) {
            digests.put(d.algorithm(), d.hex());
        }
        return Map.of("name", s.name(), "digest", digests);
    }

    static Map<String, Object> logEntry(LogEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("logId", e.logId());
        m.put("origin", e.origin());
        m.put("logIndex", e.logIndex());
        m.put("uuid", e.uuid());
        m.put("canonicalizedBody", e.canonicalizedBody().base64());
        m.put("inclusionProof", proof(e.inclusionProof()));
        return m;
    }

    static Map<String, Object> coverage(SignatureCoverage c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("signatureIndex", c.signatureIndex());
        m.put("signerKeyId", c.signerKeyId());
        m.put("via", c.via());
        m.put("uuid", c.uuid());
        return m;
    }

    static Map<String, Object> target(LogTarget t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("logId", t.logId());
        m.put("origin", t.origin());
        m.put("kind", t.kind());
        m.put("role", t.role());
        m.put("state", t.state());
        m.put("attempts", t.attempts());
        m.put("rejections", t.rejections());
        m.put("lastError", t.lastError());
        m.put("nextAttemptAt", t.nextAttemptAt() == null ? null : t.nextAttemptAt().toString());
        m.put("entries", t.entries().stream().map(Views::coveredEntry).toList());
        return m;
    }

    static Map<String, Object> coveredEntry(CoveredEntry c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("signatureIndex", c.signatureIndex());
        m.put("via", c.via());
        m.putAll(logEntry(c.entry()));
        return m;
    }

    static Map<String, Object> receipt(Receipt r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("signatureIndex", r.signatureIndex());
        m.put("body", r.body().base64());
        m.put("signature", r.signature().base64());
        m.put("serviceKeyId", r.serviceKeyId());
        return m;
    }

    static Map<String, Object> proof(InclusionProof p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("logIndex", p.logIndex());
        m.put("treeSize", p.treeSize());
        m.put("rootHash", p.rootHash().base64());
        m.put("hashes", p.hashes().stream().map(Bytes::base64).toList());
        m.put("checkpoint", p.checkpoint());
        return m;
    }

    static Map<String, Object> report(VerificationReport report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verified", report.verified());
        m.put("envelopeDigest", report.envelopeDigest());
        m.put("checks", report.checks().stream().map(c -> {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("check", c.check());
            check.put("ok", c.ok());
            check.put("detail", c.detail());
            return check;
        }).toList());
        m.put("logged", report.logged());
        m.put("entries", report.entries().stream().map(Views::entryResult).toList());
        return m;
    }

    /**
     * The answer of a verification under a policy: the report's members, then {@code allowed} (the report verified
     * and the policy allowed), {@code policy} (the decision, exactly as its canonical JSON), {@code policySource}
     * and, when asked for, {@code vsa} (the signed verification summary's DSSE envelope).
     */
    static Map<String, Object> report(PolicyService.PolicyVerification verification) {
        Map<String, Object> m = report(verification.report());
        m.put("allowed", verification.allowed());
        m.put("policySource", verification.policy().source());
        m.put("policy", tree(verification.policy().decisionJson()));
        if (verification.vsa() != null) {
            m.put("vsa", tree(verification.vsa()));
        }
        return m;
    }

    /** Embeds JSON the core wrote exactly as it is (canonical decisions stay byte for byte what the core made). */
    static RawValue tree(byte[] json) {
        return new RawValue(new String(json, StandardCharsets.UTF_8));
    }

    static Map<String, Object> entryResult(VerificationReport.EntryResult e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("logId", e.logId());
        m.put("origin", e.origin());
        m.put("signatureIndex", e.signatureIndex());
        m.put("via", e.via());
        m.put("state", e.state());
        m.put("logIndex", e.logIndex() < 0 ? null : e.logIndex());
        m.put("uuid", e.uuid());
        m.put("ok", e.ok());
        m.put("inclusion", e.inclusion());
        m.put("checkpoint", e.checkpoint());
        m.put("cosignatures", e.cosignatures());
        m.put("fresh", e.fresh() == null ? null : fresh(e.fresh()));
        m.put("detail", e.detail());
        return m;
    }

    private static Map<String, Object> fresh(VerificationReport.FreshProof f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", f.ok());
        m.put("treeSize", f.treeSize());
        m.put("cosignatures", f.cosignatures());
        m.put("detail", f.detail());
        return m;
    }

    static Map<String, Object> auditEvent(AuditEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", e.time().toString());
        m.put("actor", e.actor());
        m.put("action", e.action());
        m.put("target", e.target());
        m.put("outcome", e.outcome());
        m.put("remoteAddress", e.remoteAddress());
        m.put("detail", e.detail());
        if (!e.tenant().isEmpty()) {
            // as in the chain hash: the deployment's own events have no tenant member, so an export re-hashes as is
            m.put("tenant", e.tenant());
        }
        return m;
    }

    /**
     * @param operator whether the caller is the operator, who alone is shown which tenant a key belongs to (a
     *                 tenant sees its own keys and shared ones, and does not learn who shared a key)
     */
    static Map<String, Object> trustedKey(TrustedKey k, boolean operator) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("keyId", k.keyId());
        m.put("name", k.name());
        m.put("algorithm", k.algorithm().name());
        m.put("publicKeyPem", k.publicKeyPem());
        m.put("createdAt", k.createdAt().toString());
        m.put("revoked", k.revoked());
        m.put("revokedAt", k.revoked() ? k.revokedAt().toString() : null);
        m.put("shared", k.shared());
        if (operator) {
            m.put("tenant", k.tenant());
        }
        return m;
    }

    static Map<String, Object> log(LogDescriptor d) {
        return log(d, Instant.now());
    }

    /**
     * The log with every version of its checkpoint key ({@code keys}, oldest first); the top-level {@code logId} and
     * {@code publicKeyPem} stay those of the current version.
     *
     * @param now the instant the key states are judged at
     */
    static Map<String, Object> log(LogDescriptor d, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("origin", d.origin());
        m.put("logId", d.logId());
        m.put("kind", d.kind());
        m.put("publicKeyPem", d.publicKeyPem());
        m.put("readUrl", d.readUrl());
        m.put("keys", d.keyVersions().stream().map(v -> logKey(v, now)).toList());
        return m;
    }

    /** Optional members are left out rather than null, so a key that never retired reads as such. */
    static Map<String, Object> logKey(LogKeyVersion v, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", v.version());
        m.put("logId", v.logId());
        m.put("publicKeyPem", v.publicKeyPem());
        if (v.verifierKey() != null) {
            m.put("verifierKey", v.verifierKey());
        }
        m.put("state", v.state(now).name().toLowerCase(Locale.ROOT));
        m.put("validFrom", v.validFrom().toString());
        if (v.retiredAt() != null) {
            m.put("retiredAt", v.retiredAt().toString());
        }
        if (v.revokedAt() != null) {
            m.put("revokedAt", v.revokedAt().toString());
        }
        if (v.revocationReason() != null) {
            m.put("reason", v.revocationReason());
        }
        return m;
    }

    /**
     * @param backlog whether to show {@code pendingTargets}: the outbox serves every tenant, so its backlog counts
     *                every tenant's records and is shown to the operator only
     */
    static Map<String, Object> log(LogStatus status, boolean backlog) {
        Map<String, Object> m = log(status.descriptor());
        m.put("role", status.role());
        m.put("available", status.available());
        if (backlog) {
            m.put("pendingTargets", status.pendingTargets());
        }
        m.put("lastError", status.lastError());
        return m;
    }

    static List<Map<String, Object>> logs(List<LogStatus> logs, boolean backlog) {
        return logs.stream().map(status -> log(status, backlog)).toList();
    }

    /**
     * Adds the split-view monitor's view of each log ({@code monitor: {state, lastVerifiedSize, lastCheck,
     * detail}}), matched by {@code logId}; logs the monitor does not report are left as they are.
     *
     * @param logs views from {@link #logs(List)}
     * @param monitor the monitor's status lines (bundle tlog-witness), each with a {@code logId}
     * @return the views with the monitor's state
     */
    static List<Map<String, Object>> withMonitor(List<Map<String, Object>> logs, List<Map<String, Object>> monitor) {
        Map<Object, Map<String, Object>> byLogId = new LinkedHashMap<>();
        monitor.forEach(line -> byLogId.putIfAbsent(line.get("logId"), line));
        return logs.stream().map(log -> {
            Map<String, Object> line = byLogId.get(log.get("logId"));
            if (line == null) {
                return log;
            }
            Map<String, Object> state = new LinkedHashMap<>();
            for (String key : List.of("state", "lastVerifiedSize", "lastCheck", "detail")) {
                state.put(key, line.get(key));
            }
            Map<String, Object> merged = new LinkedHashMap<>(log);
            merged.put("monitor", state);
            return merged;
        }).toList();
    }
}
