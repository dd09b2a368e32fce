package org.stellaops.attestor.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.core.service.PolicyService.SimulationRequest;

class PolicySimulationApiTest {

    private static final String SIMULATE = "/api/v1/policies/release/simulate";
    private ApiHarness api;

    @BeforeEach
    void startServer() throws Exception {
        api = new ApiHarness();
    }

    @AfterEach
    void stopServer() throws Exception {
        api.close();
    }

    @Test
    void answersTheSummaryAndTheBoundedListsOfChanges() {
        ApiHarness.Answer answer = api.postJson(SIMULATE, "{\"draft\":{\"id\":\"release\",\"version\":2},"
                + "\"since\":\"2026-04-01T00:00:00Z\",\"until\":\"2026-05-01T00:00:00+02:00\","
                + "\"predicateType\":\"https://slsa.dev/provenance/v1\",\"subject\":\"sha256:" + "ab".repeat(32)
                + "\",\"limit\":5}");
        assertEquals(200, answer.status(), answer.body());
        JsonNode body = answer.json();
        assertEquals(1, body.at("/summary/newlyFailing").asInt());
        assertEquals(2, body.at("/summary/unchangedPassing").asInt());
        assertEquals("fail", body.at("/newlyFailing/0/draft").asText());
        assertEquals("two-signers", body.at("/newlyFailing/0/draftFailures/0").asText());
        SimulationRequest request = api.policies.simulations.get(0);
        assertEquals("json", request.draft().format());
        assertEquals(Instant.parse("2026-04-01T00:00:00Z"), request.since());
        assertEquals(Instant.parse("2026-04-30T22:00:00Z"), request.until());
        assertEquals(5, request.listLimit());
        assertEquals("https://slsa.dev/provenance/v1", request.predicateType());
    }

    @Test
    void takesAYamlDraftOrAStoredVersion() {
        assertEquals(200, api.postJson(SIMULATE, "{\"draftYaml\":\"id: release\\nversion: 2\\n\"}").status());
        assertEquals("yaml", api.policies.simulations.get(0).draft().format());
        ApiHarness.Answer byVersion = api.postJson(SIMULATE, "{\"draftVersion\":3}");
        assertEquals(200, byVersion.status(), byVersion.body());
        assertNull(api.policies.simulations.get(1).draft());
        assertEquals(3, api.policies.simulations.get(1).draftVersion());
        assertEquals(100, api.policies.simulations.get(1).listLimit());
    }

    @Test
    void refusesMalformedRequests() {
        for (String body : List.of("{}", "{\"draft\":{},\"draftVersion\":2}", "{\"draftVersion\":0}",
                "{\"draftVersion\":\"2\"}", "{\"draft\":[]}", "{\"draftVersion\":2,\"since\":\"yesterday\"}",
                "{\"draftVersion\":2,\"since\":\"2026-05-01T00:00:00Z\",\"until\":\"2026-05-01T00:00:00Z\"}",
                "{\"draftVersion\":2,\"limit\":1001}", "{\"draftVersion\":2,\"other\":1}",
                "{\"draftYaml\":\"\"}")) {
            ApiHarness.Answer answer = api.postJson(SIMULATE, body);
            assertEquals(400, answer.status(), body);
            assertEquals("request.malformed", answer.json().get("code").asText(), body);
        }
        assertTrue(api.policies.simulations.isEmpty());
    }

    @Test
    void answersATooLargeSelectionWith422() {
        ApiHarness.Answer answer = api.postJson("/api/v1/policies/huge/simulate", "{\"draftVersion\":2}");
        assertEquals(422, answer.status());
        assertEquals("policy.simulation_too_large", answer.json().get("code").asText());
    }

    @Test
    void needsTheAdminScope() {
        ApiHarness.Answer answer = api.sendAs(TokenTable.READ_ONLY, "POST", SIMULATE, "{\"draftVersion\":2}");
        assertEquals(403, answer.status());
    }
}
