package org.stellaops.attestor.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PolicyApiTest {

    private static final String POLICIES = "/api/v1/policies";
    private static final String DOC = "{\"apiVersion\":\"stella-ops.org/attestor/policy/v1\",\"id\":\"release\","
            + "\"version\":1}";
    private ApiHarness api;

    @BeforeEach
    void startServer() throws Exception {
        api = new ApiHarness();
    }

    @AfterEach
    void stopServer() throws Exception {
        api.close();
    }

    private ApiHarness.Answer create(String body) {
        return api.post(POLICIES + "?comment=first%20cut", "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void createsAPolicyFromTheBodyAndAnswers201WithItsLocationAndHistory() {
        ApiHarness.Answer answer = create(DOC);
        assertEquals(201, answer.status(), answer.body());
        assertEquals("/api/v1/policies/release", answer.headers().firstValue("Location").orElseThrow());
        JsonNode body = answer.json();
        assertEquals("release", body.get("id").asText());
        assertTrue(body.get("activeVersion").isNull(), "tenant default needs approval");
        JsonNode v1 = body.at("/versions/0");
        assertEquals("pending", v1.get("state").asText());
        assertEquals(DOC, v1.get("document").asText());
        assertEquals("first cut", v1.get("comment").asText());
        assertEquals("/api/v1/policies/release/versions/1", v1.get("url").asText());
        assertEquals("create default test#all-scopes json first cut", api.policies.changes.get(0));
    }

    @Test
    void takesYamlByItsMediaTypeAndRefusesOtherTypes() {
        ApiHarness.Answer yaml = api.post(POLICIES, "application/yaml", "id: scan\nversion: 1\n"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(201, yaml.status(), yaml.body());
        assertEquals("yaml", yaml.json().at("/versions/0/format").asText());
        ApiHarness.Answer text = api.post(POLICIES, "text/plain", "id: x".getBytes(StandardCharsets.UTF_8));
        assertEquals(415, text.status());
        assertEquals("request.unsupported_media_type", text.json().get("code").asText());
    }

    @Test
    void answersAnInvalidDocumentWith422AndItsProblems() {
        ApiHarness.Answer answer = create("{\"id\":\"invalid\"}");
        assertEquals(422, answer.status());
        assertEquals("policy.invalid", answer.json().get("code").asText());
        assertEquals("/rules/0/type", answer.json().at("/errors/0/pointer").asText());
        assertEquals("policy.unknown_rule_type", answer.json().at("/errors/0/code").asText());
    }

    @Test
    void listsShowsAndShowsOneVersionToReaders() {
        create(DOC);
        ApiHarness.Answer list = api.getAs(TokenTable.READ_ONLY, POLICIES);
        assertEquals(200, list.status(), list.body());
        assertEquals("release", list.json().at("/policies/0/id").asText());
        assertFalse(list.json().at("/policies/0/versions/0").has("document"), "a list carries no documents");
        ApiHarness.Answer one = api.getAs(TokenTable.READ_ONLY, POLICIES + "/release");
        assertEquals(DOC, one.json().at("/versions/0/document").asText());
        ApiHarness.Answer version = api.getAs(TokenTable.READ_ONLY, POLICIES + "/release/versions/1");
        assertEquals(1, version.json().get("version").asInt());
        assertEquals(404, api.getAs(TokenTable.READ_ONLY, POLICIES + "/release/versions/2").status());
        assertEquals("policy.not_found", api.getAs(TokenTable.READ_ONLY, POLICIES + "/release/versions/x").json()
                .get("code").asText());
    }

    @Test
    void refusesChangesToCallersWithoutTheAdminScope() {
        ApiHarness.Answer refused = api.sendAs(TokenTable.READ_ONLY, "POST", POLICIES, DOC);
        assertEquals(403, refused.status());
        assertEquals("auth.insufficient_scope", refused.json().get("code").asText());
        assertTrue(api.policies.changes.isEmpty());
    }

    @Test
    void keepsAnotherTenantsPolicyHidden() {
        create(DOC);
        ApiHarness.Answer other = api.getAs(TokenTable.OTHER, POLICIES + "/release");
        assertEquals(404, other.status());
        assertEquals("policy.not_found", other.json().get("code").asText());
        assertEquals(0, api.getAs(TokenTable.OTHER, POLICIES).json().get("policies").size());
    }

    @Test
    void approvesOnlyByAnotherPrincipal() {
        create(DOC);
        ApiHarness.Answer self = api.sendAs(TokenTable.ALL, "POST", POLICIES + "/release/versions/1/approve", null);
        assertEquals(403, self.status());
        assertEquals("policy.self_approval", self.json().get("code").asText());
        ApiHarness.Answer colleague = api.sendAs(TokenTable.COLLEAGUE, "POST",
                POLICIES + "/release/versions/1/approve", null);
        assertEquals(200, colleague.status(), colleague.body());
        assertEquals(1, colleague.json().get("activeVersion").asInt());
        assertEquals("test#colleague", colleague.json().at("/versions/0/approvals/0/approver").asText());
    }

    @Test
    void updatesWithPutAndDeletesWithATombstone() {
        create(DOC);
        ApiHarness.Answer put = api.sendAs(TokenTable.ALL, "PUT", POLICIES + "/release", DOC.replace("1}", "2}"));
        assertEquals(200, put.status(), put.body());
        assertEquals(2, put.json().get("latestVersion").asInt());
        ApiHarness.Answer deleted = api.sendAs(TokenTable.ALL, "DELETE", POLICIES + "/release?comment=gone", null);
        assertEquals(200, deleted.status(), deleted.body());
        assertTrue(deleted.json().get("deleted").asBoolean());
        assertEquals("deleted", deleted.json().at("/versions/2/state").asText());
        assertTrue(deleted.json().at("/versions/2/document").isNull());
        assertEquals("delete default test#all-scopes release gone", api.policies.changes.get(2));
    }

    @Test
    void loadsTheStarterPoliciesOnRequest() {
        ApiHarness.Answer answer = api.sendAs(TokenTable.ALL, "POST", POLICIES + ":load-starters", null);
        assertEquals(200, answer.status(), answer.body());
        assertEquals("loaded", answer.json().at("/results/0/outcome").asText());
        assertEquals("policy.unknown_key_set", answer.json().at("/results/1/errors/0/code").asText());
    }

    @Test
    void refusesUnknownQueryParameters() {
        for (String path : List.of(POLICIES + "?x=1", POLICIES + "/release?tenant=a")) {
            ApiHarness.Answer answer = api.get(path);
            assertEquals(400, answer.status(), path);
            assertEquals("request.invalid", answer.json().get("code").asText());
        }
    }
}
