package org.stellaops.attestor.console;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.stellaops.attestor.api.keys.Ceremony;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.core.service.AttestationService;
import org.stellaops.attestor.core.service.KeyService.Signed;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.json.StrictJson;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.TrustedKey;

/**
 * The JSON answers of the Security keys page's endpoints. Ceremony options go to the browser exactly as the key
 * driver wrote them (WebAuthn JSON, binary members base64url: docs/fido2-signatures.md); a key shows its public
 * identity and state, never private material.
 */
final class CeremonyViews {

    private CeremonyViews() {
    }

    /** @return {@code {ceremonyId, options, expiresAt}} */
    static Map<String, Object> ceremony(Ceremony ceremony) {
        JsonNode options = parse(ceremony.optionsJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (!options.isObject()) {
            throw new IllegalStateException("a key driver's ceremony options are not a JSON object");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ceremonyId", ceremony.id());
        m.put("options", options);
        m.put("expiresAt", ceremony.expiresAt().toString());
        return m;
    }

    /** @return {@code {name, version, keyId, algorithm, state, driver, createdAt}} */
    static Map<String, Object> key(TrustedKey key, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", key.name());
        m.put("version", key.version());
        m.put("keyId", key.keyId());
        m.put("algorithm", key.algorithm().name());
        m.put("state", key.state(now).name().toLowerCase(Locale.ROOT));
        m.put("driver", key.driver());
        m.put("createdAt", key.createdAt().toString());
        return m;
    }

    /** @return {@code {envelope, keyId, version, submission}}; {@code submission} is null when none was asked for */
    static Map<String, Object> signed(Signed signed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("envelope", parse(signed.envelopeJson()));
        m.put("keyId", signed.key().keyId());
        m.put("version", signed.key().version());
        m.put("submission", signed.submission() == null ? null : submission(signed.submission()));
        return m;
    }

    /** @return the record's identity, status and log entries (as {@code POST /api/v1/rekor/entries} names them) */
    static Map<String, Object> submission(AttestationService.Submission submission) {
        EntryRecord record = submission.record();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uuid", record.uuid());
        m.put("envelopeDigest", record.envelopeDigest());
        m.put("status", record.status());
        m.put("created", submission.created());
        m.put("createdAt", record.createdAt().toString());
        List<Map<String, Object>> entries = record.logEntries().stream().map(CeremonyViews::logEntry).toList();
        m.put("logEntries", entries);
        return m;
    }

    private static Map<String, Object> logEntry(LogEntry entry) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("origin", entry.origin());
        m.put("logId", entry.logId());
        m.put("logIndex", entry.logIndex());
        m.put("uuid", entry.uuid());
        m.put("treeSize", entry.inclusionProof().treeSize());
        return m;
    }

    /** The core's own output: an envelope of a 4 MiB payload is larger than a request may be, so no size limit. */
    private static JsonNode parse(byte[] json) {
        return StrictJson.parse(json, new JsonLimits(Integer.MAX_VALUE, 64));
    }
}
