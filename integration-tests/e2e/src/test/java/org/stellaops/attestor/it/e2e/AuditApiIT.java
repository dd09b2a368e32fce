package org.stellaops.attestor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stellaops.attestor.auth.Scope;

/**
 * {@code GET /api/v1/audit} and {@code GET /api/v1/audit/verify} on a fresh server after a known set of actions:
 * two accepted submissions, one refused, one verification. The trail must filter exactly, page without gaps or
 * repeats, link every event to the one before by hash, and check out as intact.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditApiIT {

    private static final String GENESIS = "0".repeat(64);

    private AttestorProcess server;
    private ApiClient api;
    private BatchApiClient client;
    private String acceptedDigest;

    @BeforeAll
    void actAFewTimes() {
        // the trail and its verification are shared by every tenant: the test's tenant is the operator, who sees
        // them whole (tenant=*); theChainVerificationOfATenantSaysOnlyWhetherItIsIntact checks the tenant view
        Path data = AttestorProcess.freshDataDir();
        AttestorProcess.writeConfig(data, "org.stellaops.attestor.http.json",
                Map.of("operatorTenant", TestHttp.TENANT));
        server = AttestorProcess.start(data);
        api = new ApiClient(server);
        client = new BatchApiClient(server);
        SigningKey key = SigningKey.generate();
        api.addTrustedKey("audited", key.publicKeyPem());
        for (String artifact : List.of("audit-1.jar", "audit-2.jar")) {
            ApiResponse accepted = api.submit(Attestations.json(key.sign(Attestations.bytes(
                    Attestations.slsaStatement(artifact)))));
            assertEquals(201, accepted.status(), accepted::describe);
            acceptedDigest = accepted.json().path("envelopeDigest").asText();
        }
        byte[] stranger = Attestations.json(SigningKey.generate().sign(Attestations.bytes(
                Attestations.slsaStatement("audit-refused.jar"))));
        api.submit(stranger).assertProblem(422, "signature.untrusted_signer");
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    private JsonNode page(String query) {
        ApiResponse response = client.get("/api/v1/audit" + (query.isEmpty() ? "" : "?" + query));
        assertEquals(200, response.status(), response::describe);
        return response.json();
    }

    private static List<JsonNode> events(JsonNode page) {
        List<JsonNode> events = new ArrayList<>();
        page.path("events").forEach(events::add);
        return events;
    }

    /** Every event of the trail, oldest first, read page by page with {@code before}. */
    private List<JsonNode> wholeTrail(int pageSize) {
        List<JsonNode> newestFirst = new ArrayList<>();
        String before = null;
        for (int i = 0; i < 10_000; i++) {
            JsonNode page = page("tenant=*&limit=" + pageSize + (before == null ? "" : "&before=" + before));
            assertTrue(page.path("events").size() <= pageSize, page::toString);
            newestFirst.addAll(events(page));
            if (page.path("next").isNull()) {
                List<JsonNode> oldestFirst = new ArrayList<>(newestFirst);
                java.util.Collections.reverse(oldestFirst);
                return oldestFirst;
            }
            before = page.path("next").asText();
        }
        throw new AssertionError("the trail never ended");
    }

    @Test
    void filtersByActionAndOutcomeExactly() {
        List<JsonNode> accepted = events(page(BatchApiClient.query("action", "entry.submit", "outcome", "success")));
        assertEquals(2, accepted.size(), accepted::toString);
        List<JsonNode> refused = events(page(BatchApiClient.query("action", "entry.submit", "outcome",
                "signature.untrusted_signer")));
        assertEquals(1, refused.size(), refused::toString);
        List<JsonNode> byTestClient = events(page(BatchApiClient.query("actor", TestHttp.ACTOR, "action",
                "entry.submit")));
        assertEquals(3, byTestClient.size(), byTestClient::toString);
        for (JsonNode event : byTestClient) {
            assertEquals(TestHttp.ACTOR, event.path("actor").asText());
            assertEquals("entry.submit", event.path("action").asText());
        }
        List<JsonNode> onTarget = events(page(BatchApiClient.query("target", acceptedDigest)));
        assertTrue(onTarget.stream().allMatch(e -> acceptedDigest.equals(e.path("target").asText())),
                onTarget::toString);
        assertTrue(onTarget.stream().anyMatch(e -> e.path("action").asText().equals("entry.submit")
                && e.path("outcome").asText().equals("success")), onTarget::toString);
    }

    @Test
    void keepsAnswersToTheLimitOnlyRequestNewestFirst() {
        List<JsonNode> newest = events(page("tenant=*&limit=3"));
        assertEquals(3, newest.size(), newest::toString);
        for (int i = 1; i < newest.size(); i++) {
            assertEquals(newest.get(i - 1).path("seq").asLong() - 1, newest.get(i).path("seq").asLong(),
                    newest::toString);
        }
    }

    @Test
    void pagesThroughTheWholeTrailWithoutGapsAndLinksEveryEventByHash() {
        List<JsonNode> trail = wholeTrail(2);
        assertTrue(trail.size() >= 4, trail::toString);
        String previousHash = GENESIS;
        for (int i = 0; i < trail.size(); i++) {
            JsonNode event = trail.get(i);
            assertEquals(i + 1, event.path("seq").asLong(), "no gap and no repeat at " + event);
            assertEquals(previousHash, event.path("previousHash").asText(), "linked to the event before: " + event);
            assertTrue(event.path("hash").asText().matches("[0-9a-f]{64}"), event::toString);
            previousHash = event.path("hash").asText();
        }
    }

    @Test
    void limitsEventsToATimeWindow() {
        List<JsonNode> trail = wholeTrail(1000);
        String first = trail.get(0).path("time").asText();
        assertEquals(0, events(page(BatchApiClient.query("tenant", "*", "until", first))).size(),
                "until is exclusive");
        assertTrue(events(page(BatchApiClient.query("tenant", "*", "since", first, "limit", "1000"))).size()
                >= trail.size(),
                "since is inclusive");
    }

    @Test
    void checksTheChainAsIntactUpToItsHead() {
        Map<Long, String> hashes = new HashMap<>();
        wholeTrail(1000).forEach(e -> hashes.put(e.path("seq").asLong(), e.path("hash").asText()));

        ApiResponse response = client.get("/api/v1/audit/verify");

        assertEquals(200, response.status(), response::describe);
        JsonNode report = response.json();
        assertTrue(report.path("intact").asBoolean(false), response::describe);
        assertTrue(report.path("firstBroken").isNull(), response::describe);
        long head = report.path("head").path("seq").asLong();
        assertEquals(head, report.path("checked").asLong(), response::describe);
        assertTrue(head >= hashes.size(), response::describe);
        if (hashes.containsKey(head)) {
            assertEquals(hashes.get(head), report.path("head").path("hash").asText(), response::describe);
        }
        assertTrue(report.path("anchors").isArray(), response::describe);
    }

    @Test
    void theChainVerificationOfATenantSaysOnlyWhetherItIsIntact() {
        ApiClient other = new ApiClient(server, TestHttp.authorization(server, "another-team", Scope.values()));
        ApiResponse response = other.get("/api/v1/audit/verify");
        assertEquals(200, response.status(), response::describe);
        assertTrue(response.json().path("intact").asBoolean(false), response::describe);
        assertEquals(0, response.json().path("checked").asLong(), "the tenant has no events yet");
        assertTrue(response.json().path("head").isMissingNode() && response.json().path("anchors").isMissingNode(),
                response::describe);
    }

    @Test
    void refusesBadParametersNamingThem() {
        for (String query : List.of("limit=0", "before=0", "since=last-week", "subject=x")) {
            JsonNode problem = client.get("/api/v1/audit?" + query).assertProblem(400, "request.invalid");
            assertTrue(problem.path("detail").asText().contains(query.substring(0, query.indexOf('='))),
                    problem::toString);
        }
    }
}
