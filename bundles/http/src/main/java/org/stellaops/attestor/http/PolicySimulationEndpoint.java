package org.stellaops.attestor.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.stellaops.attestor.core.service.PolicyService;
import org.stellaops.attestor.core.service.PolicyService.PolicyDraft;
import org.stellaops.attestor.core.service.PolicyService.SimulatedRecord;
import org.stellaops.attestor.core.service.PolicyService.Simulation;
import org.stellaops.attestor.core.service.PolicyService.SimulationRequest;

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

    static SimulationRequest request(JsonNode json) {
        StrictBody body = StrictBody.of(json, MEMBERS);
        int drafts = (body.has("draft") ? 1 : 0) + (body.has("draftYaml") ? 1 : 0) + (body.has("draftVersion") ? 1 : 0);
        if (drafts != 1) {
            throw StrictBody.malformed("send exactly one of \"draft\" (a JSON policy document), \"draftYaml\" "
                    + "(YAML text) or \"draftVersion\" (a stored version)");
        }
        PolicyDraft draft = null;
        if (body.has("draft")) {
            draft = new PolicyDraft(body.objectText("draft").getBytes(StandardCharsets.UTF_8), "json", "");
        } else if (body.has("draftYaml")) {
            draft = new PolicyDraft(body.optionalNonEmptyText("draftYaml").getBytes(StandardCharsets.UTF_8), "yaml",
                    "");
        }
        Integer version = body.optionalInt("draftVersion", 1, Integer.MAX_VALUE, "a version number from 1");
        Instant since = body.time("since");
        Instant until = body.time("until");
        if (since != null && until != null && !until.isAfter(since)) {
            throw StrictBody.malformed("\"until\" must be later than \"since\"");
        }
        Integer limit = body.optionalInt("limit", 0, MAX_LIST, "a whole number from 0 to " + MAX_LIST);
        return new SimulationRequest(draft, version, since, until, body.optionalNonEmptyText("predicateType"),
                body.optionalNonEmptyText("subject"), limit == null ? DEFAULT_LIST : limit);
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
}
