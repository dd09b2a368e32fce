package org.stellaops.attestor.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PolicyVerifyApiTest {

    private static final String VERIFY = "/api/v1/rekor/verify";
    private static final String BATCH = "/api/v1/rekor/verify:batch";
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
    void answersTheReportWithTheDecisionAndTheOverallVerdictForAStoredPolicy() {
        ApiHarness.Answer answer = api.postJson(VERIFY, "{\"uuid\":\"sha256:" + "ab".repeat(32)
                + "\",\"policy\":\"release@3\",\"subject\":\"sha256:" + "EF".repeat(32) + "\"}");
        assertEquals(200, answer.status(), answer.body());
        JsonNode body = answer.json();
        assertTrue(body.get("verified").asBoolean());
        assertTrue(body.get("allowed").asBoolean());
        assertEquals("store", body.get("policySource").asText());
        assertEquals("pass", body.at("/policy/verdict").asText());
        assertFalse(body.has("vsa"));
        RecordingPolicies.Call call = api.policies.calls.get(0);
        assertEquals("release", call.policy().policyId());
        assertEquals(3, call.policy().version());
        assertEquals("sha256:" + "EF".repeat(32), call.policy().subject());
        assertEquals(TokenTable.TENANT, call.provenance().tenant());
    }

    @Test
    void embedsTheCoresDecisionByteForByte() {
        ApiHarness.Answer answer = api.postJson(VERIFY, "{\"uuid\":\"sha256:" + "ab".repeat(32) + "\",\"policy\":\"p\"}");
        assertTrue(answer.body().contains("\"policy\":{\"allowed\":true,\"verdict\":\"pass\"}"), answer.body());
    }

    @Test
    void takesAPolicyDocumentByValueAndReturnsTheSignedSummaryWhenAsked() {
        ApiHarness.Answer answer = api.postJson(VERIFY, "{\"uuid\":\"sha256:" + "ab".repeat(32)
                + "\",\"policyDocument\":{\"id\":\"deny-all\"},\"vsa\":true}");
        assertEquals(200, answer.status(), answer.body());
        assertFalse(answer.json().get("allowed").asBoolean());
        assertEquals("inline", answer.json().get("policySource").asText());
        assertEquals("application/vnd.in-toto+json", answer.json().at("/vsa/payloadType").asText());
        assertEquals("{\"id\":\"deny-all\"}", new String(api.policies.calls.get(0).policy().inlineDocument(),
                StandardCharsets.UTF_8));
        assertTrue(api.policies.calls.get(0).policy().vsa());
    }

    @Test
    void leavesARequestWithoutPolicyToThePlainVerification() {
        // the recording core knows no stored record: its own answer shows the plain path was taken
        ApiHarness.Answer answer = api.postJson(VERIFY, "{\"uuid\":\"sha256:" + "ab".repeat(32) + "\"}");
        assertEquals("entry.not_found", answer.json().get("code").asText(), answer.body());
        assertTrue(api.policies.calls.isEmpty());
    }

    @Test
    void refusesMalformedPolicyOptions() {
        String id = "\"uuid\":\"sha256:" + "ab".repeat(32) + "\"";
        for (String body : List.of("{" + id + ",\"policy\":\"a\",\"policyDocument\":{}}",
                "{" + id + ",\"subject\":\"sha256:00\"}", "{" + id + ",\"vsa\":true}",
                "{" + id + ",\"policy\":\"a@0\"}", "{" + id + ",\"policy\":\"a@x\"}", "{" + id + ",\"policy\":7}",
                "{" + id + ",\"policyDocument\":[]}", "{" + id + ",\"policy\":\"a\",\"vsa\":\"yes\"}")) {
            ApiHarness.Answer answer = api.postJson(VERIFY, body);
            assertEquals(400, answer.status(), body);
            assertEquals("request.malformed", answer.json().get("code").asText(), body);
        }
        assertTrue(api.policies.calls.isEmpty());
    }

    @Test
    void answersAnInvalidDocumentWith422AndEveryProblem() {
        ApiHarness.Answer answer = api.postJson(VERIFY, "{\"uuid\":\"sha256:" + "ab".repeat(32)
                + "\",\"policyDocument\":{\"id\":\"invalid\"}}");
        assertEquals(422, answer.status(), answer.body());
        assertEquals("policy.invalid", answer.json().get("code").asText());
        JsonNode errors = answer.json().get("errors");
        assertEquals(2, errors.size());
        assertEquals("/rules/0/config/keys/0", errors.get(0).get("pointer").asText());
        assertEquals("policy.unknown_key", errors.get(0).get("code").asText());
    }

    @Test
    void answersAMissingEngineWith503AndAnUnknownPolicyWith404() {
        String id = "\"uuid\":\"sha256:" + "ab".repeat(32) + "\"";
        ApiHarness.Answer down = api.postJson(VERIFY, "{" + id + ",\"policy\":\"down\"}");
        assertEquals(503, down.status());
        assertEquals("policy.engine_unavailable", down.json().get("code").asText());
        ApiHarness.Answer missing = api.postJson(VERIFY, "{" + id + ",\"policy\":\"missing\"}");
        assertEquals(404, missing.status());
        assertEquals("policy.not_found", missing.json().get("code").asText());
    }

    @Test
    void verifiesBatchItemsUnderTheirOwnPoliciesAndCountsAllowedAndDenied() {
        String a = "\"uuid\":\"sha256:" + "ab".repeat(32) + "\"";
        String b = "\"uuid\":\"sha256:" + "cd".repeat(32) + "\"";
        ApiHarness.Answer answer = api.postJson(BATCH, "{\"items\":[{" + a + ",\"policy\":\"ok\"},{" + b
                + ",\"policy\":\"ok\"},{" + a + ",\"policy\":\"deny\"},{" + a + "},{" + a + ",\"policy\":\"missing\"}]}");
        assertEquals(200, answer.status(), answer.body());
        JsonNode results = answer.json().get("results");
        assertTrue(results.get(0).at("/report/allowed").asBoolean());
        assertTrue(results.get(1).at("/report/allowed").asBoolean());
        assertFalse(results.get(2).at("/report/allowed").asBoolean());
        assertNull(results.get(3).get("report").get("allowed"));
        assertEquals(404, results.get(4).get("status").asInt());
        JsonNode summary = answer.json().get("summary");
        assertEquals(2, summary.get("allowed").asInt());
        assertEquals(1, summary.get("denied").asInt());
        assertEquals(1, summary.get("failed").asInt());
        assertEquals(2, api.policies.calls.stream().filter(c -> "ok".equals(c.policy().policyId())).findFirst()
                .orElseThrow().requests().size(), "items naming the same policy go to the core together");
    }
}
