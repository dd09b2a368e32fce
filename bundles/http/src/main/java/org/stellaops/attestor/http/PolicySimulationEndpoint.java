package org.stellaops.attestor.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.stellaops.attestor.core.service.PolicyService;
import org.stellaops.attestor.core.service.PolicyService.PolicyDraft;
import org.stellaops.attestor.core.service.PolicyService.SimulatedRecord;
import org.stellaops.attestor.core.service.PolicyService.Simulation;
import org.stellaops.attestor.core.service.PolicyService.SimulationRequest;
import org.stellaops.attestor.sdk.AttestorException;

/**
 * {@code POST /api/v1/policies/{id}/simulate}: what a draft of a policy would change over the tenant's stored
 * attestations (docs/api.md). The body names the draft — {@code draft} (a JSON document), {@code draftYaml} (YAML
 * text) or {@code draftVersion} (a stored version) — and optionally the selection: {@code since}, {@code until},
 * {@code predicateType}, {@code subject}, and {@code limit} (how many records each list of changes holds).
 */
final class PolicySimulationEndpoint {

    static final int DEFAULT_LIST = 100;
    static final int MAX_LIST = 1000;
    private static final Set<String> MEMBERS = Set.of("draft", "draftYaml", "draftVersion", "since", "until",
            "predicateType", "subject", "limit");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PolicyService policies;
    private final int maxBodyBytes;

    PolicySimulationEndpoint(PolicyService policies, int maxBodyBytes) {
        this.policies = policies;
        this.maxBodyBytes = maxBodyBytes;
    }

    void simulate(HttpExchange exchange, List<String> params) throws IOException {
        QueryParameters.of(exchange.queryParameters(), Set.of());
        JsonNode body = VerifyRequests.object(exchange.jsonBody(maxBodyBytes));
        Simulation result = policies.simulate(params.get(0), request(body), exchange.provenance());
        exchange.json(200, view(result));
    }

    static SimulationRequest request(JsonNode body) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MEMBERS.contains(name)) {
                throw malformed("unknown member \"" + name + "\"; a simulation takes " + String.join(", ",
                        new java.util.TreeSet<>(MEMBERS)));
            }
        }
        int drafts = (body.has("draft") ? 1 : 0) + (body.has("draftYaml") ? 1 : 0) + (body.has("draftVersion") ? 1 : 0);
        if (drafts != 1) {
            throw malformed("send exactly one of \"draft\" (a JSON policy document), \"draftYaml\" (YAML text) or "
                    + "\"draftVersion\" (a stored version)");
        }
        PolicyDraft draft = null;
        Integer version = null;
        if (body.has("draft")) {
            if (!body.get("draft").isObject()) {
                throw malformed("\"draft\" must be a policy document (a JSON object)");
            }
            draft = new PolicyDraft(bytes(body.get("draft")), "json", "");
        } else if (body.has("draftYaml")) {
            draft = new PolicyDraft(text(body, "draftYaml").getBytes(StandardCharsets.UTF_8), "yaml", "");
        } else {
            JsonNode v = body.get("draftVersion");
            if (!v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < 1) {
                throw malformed("\"draftVersion\" must be a version number from 1");
            }
            version = v.intValue();
        }
        Instant since = time(body, "since");
        Instant until = time(body, "until");
        if (since != null && until != null && !until.isAfter(since)) {
            throw malformed("\"until\" must be later than \"since\"");
        }
        int limit = DEFAULT_LIST;
        if (body.has("limit")) {
            JsonNode l = body.get("limit");
            if (!l.isIntegralNumber() || !l.canConvertToInt() || l.intValue() < 0 || l.intValue() > MAX_LIST) {
                throw malformed("\"limit\" must be a whole number from 0 to " + MAX_LIST);
            }
            limit = l.intValue();
        }
        return new SimulationRequest(draft, version, since, until, optionalText(body, "predicateType"),
                optionalText(body, "subject"), limit);
    }

    static Map<String, Object> view(Simulation s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("policyId", s.policyId());
        m.put("activeVersion", s.activeVersion());
        m.put("activeDigest", s.activeDigest());
        m.put("draftVersion", s.draftVersion());
        m.put("draftDigest", s.draftDigest());
        m.put("evaluatedAt", s.evaluatedAt().toString());
        m.put("evaluated", s.evaluated());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("newlyFailing", s.newlyFailing());
        summary.put("newlyPassing", s.newlyPassing());
        summary.put("unchangedPassing", s.unchangedPassing());
        summary.put("unchangedFailing", s.unchangedFailing());
        summary.put("errors", s.errors());
        m.put("summary", summary);
        m.put("newlyFailing", s.newlyFailingRecords().stream().map(PolicySimulationEndpoint::record).toList());
        m.put("newlyPassing", s.newlyPassingRecords().stream().map(PolicySimulationEndpoint::record).toList());
        m.put("truncated", s.truncated());
        return m;
    }

    private static Map<String, Object> record(SimulatedRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("envelopeDigest", r.envelopeDigest());
        m.put("uuid", r.uuid());
        m.put("predicateType", r.predicateType());
        m.put("createdAt", r.createdAt().toString());
        m.put("active", r.active());
        m.put("draft", r.draft());
        m.put("activeFailures", r.activeFailures());
        m.put("draftFailures", r.draftFailures());
        return m;
    }

    private static Instant time(JsonNode body, String member) {
        String value = optionalText(body, member);
        if (value == null) {
            return null;
        }
        if (!QueryParameters.RFC3339.matcher(value).matches()) {
            throw malformed("\"" + member + "\" must be an RFC 3339 date-time such as 2026-03-01T12:00:00Z");
        }
        try {
            return OffsetDateTime.parse(value.toUpperCase(Locale.ROOT)).toInstant();
        } catch (DateTimeParseException e) {
            throw malformed("\"" + member + "\" is not a valid date-time: " + value);
        }
    }

    private static String optionalText(JsonNode body, String member) {
        return body.has(member) ? text(body, member) : null;
    }

    private static String text(JsonNode body, String member) {
        JsonNode node = body.get(member);
        if (!node.isTextual() || node.asText().isEmpty()) {
            throw malformed("\"" + member + "\" must be a non-empty string");
        }
        return node.asText();
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException("a parsed JSON tree cannot be written", e);
        }
    }

    private static AttestorException malformed(String detail) {
        return new AttestorException("request.malformed", detail);
    }
}
