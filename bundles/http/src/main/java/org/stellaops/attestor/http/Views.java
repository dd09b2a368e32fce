package org.stellaops.attestor.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Digest;
import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.model.Subject;
import org.stellaops.attestor.api.tlog.LogDescriptor;
import org.stellaops.attestor.core.service.VerificationReport;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.TrustedKey;

/**
 * The JSON shapes of the v1 API, written out member by member so that the wire format is explicit and stable
 * (binary values are standard base64, as in Sigstore JSON). docs/api.md documents them.
 */
final class Views {

    private Views() {
    }

    static Map<String, Object> record(EntryRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uuid", r.uuid());
        m.put("envelopeDigest", r.envelopeDigest());
        m.put("status", r.status());
        m.put("createdAt", r.createdAt().toString());
        m.put("payloadType", r.payloadType());
        m.put("statementType", r.statementType());
        m.put("predicateType", r.predicateType());
        m.put("subjects", r.subjects().stream().map(Views::subject).toList());
        m.put("signerKeyIds", r.signerKeyIds());
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
        return m;
    }

    static Map<String, Object> trustedKey(TrustedKey k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("keyId", k.keyId());
        m.put("name", k.name());
        m.put("algorithm", k.algorithm().name());
        m.put("publicKeyPem", k.publicKeyPem());
        m.put("createdAt", k.createdAt().toString());
        m.put("revoked", k.revoked());
        m.put("revokedAt", k.revoked() ? k.revokedAt().toString() : null);
        return m;
    }

    static Map<String, Object> log(LogDescriptor d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("origin", d.origin());
        m.put("logId", d.logId());
        m.put("kind", d.kind());
        m.put("publicKeyPem", d.publicKeyPem());
        m.put("readUrl", d.readUrl());
        return m;
    }

    static List<Map<String, Object>> logs(List<LogDescriptor> logs) {
        return logs.stream().map(Views::log).toList();
    }
}
