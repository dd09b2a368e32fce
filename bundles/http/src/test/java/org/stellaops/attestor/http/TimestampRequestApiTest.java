package org.stellaops.attestor.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stellaops.attestor.core.service.AttestationService.VerifyRequest;

/** {@code rfc3161Timestamps} of {@code POST /api/v1/rekor/verify} and of {@code verify:batch} items, over HTTP. */
class TimestampRequestApiTest {

    private static final String VERIFY = "/api/v1/rekor/verify";
    private static final String BATCH = "/api/v1/rekor/verify:batch";
    private static final String UUID = "\"uuid\":\"sha256:" + "ab".repeat(32) + "\"";
    private ApiHarness api;

    @BeforeEach
    void startServer() throws Exception {
        api = new ApiHarness();
    }

    @AfterEach
    void stopServer() throws Exception {
        api.close();
    }

    private static String item(byte[] der) {
        return "{\"signedTimestamp\":\"" + Base64.getEncoder().encodeToString(der) + "\"}";
    }

    @Test
    void handsEachDecodedTokenToTheCoreInOrder() {
        byte[] first = {0x30, 0x01, 0x00};
        byte[] second = {(byte) 0xfb, (byte) 0xff, 0x01};
        String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(second);
        ApiHarness.Answer answer = api.postJson(VERIFY, "{" + UUID + ",\"rfc3161Timestamps\":[" + item(first)
                + ",{\"signedTimestamp\":\"" + urlSafe + "\"}]}");
        assertEquals(200, answer.status(), answer.body());
        assertTrue(answer.json().get("verified").asBoolean());
        VerifyRequest request = api.core.verifiedRequests.get(0);
        assertEquals("sha256:" + "ab".repeat(32), request.id());
        assertEquals(2, request.rfc3161Timestamps().size());
        assertArrayEquals(first, request.rfc3161Timestamps().get(0));
        assertArrayEquals(second, request.rfc3161Timestamps().get(1));
    }

    @Test
    void takesTokensWithAnEnvelopeToo() {
        ApiHarness.Answer answer = api.postJson(VERIFY, "{\"envelope\":{\"payloadType\":\"t\"},\"rfc3161Timestamps\":["
                + item(new byte[] {1}) + "]}");
        assertEquals(200, answer.status(), answer.body());
        assertEquals(1, api.core.verifiedRequests.get(0).rfc3161Timestamps().size());
    }

    @Test
    void leavesARequestWithoutTokensToTheKindOfVerificationItNames() {
        ApiHarness.Answer answer = api.postJson(VERIFY, "{" + UUID + "}");
        assertEquals("entry.not_found", answer.json().path("code").asText(), "verifyStored answered: "
                + answer.body());
        assertTrue(api.core.verifiedRequests.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "[]", "\"MAo=\"", "[{}]", "[1]", "[{\"signedTimestamp\":1}]",
            "[{\"signedTimestamp\":\"\"}]", "[{\"signedTimestamp\":\"a b\"}]", "[{\"signedTimestamp\":\"MA=\"}]",
            "[{\"signedTimestamp\":\"MAo-+A==\"}]", "[{\"signed_timestamp\":\"MAo=\"}]"})
    void refusesAnUnreadableTimestampsMember(String member) {
        ApiHarness.Answer answer = api.postJson(VERIFY, "{" + UUID + ",\"rfc3161Timestamps\":" + member + "}");
        assertEquals(400, answer.status(), answer.body());
        assertEquals("request.malformed", answer.json().path("code").asText(), answer.body());
        assertTrue(answer.json().path("detail").asText().contains("rfc3161Timestamps"), answer.body());
        assertTrue(api.core.verifiedRequests.isEmpty());
    }

    @Test
    void namesTheItemThatCannotBeRead() {
        ApiHarness.Answer answer = api.postJson(VERIFY, "{" + UUID + ",\"rfc3161Timestamps\":[" + item(new byte[] {1})
                + ",{\"signedTimestamp\":\"***\"}]}");
        assertEquals(400, answer.status(), answer.body());
        assertTrue(answer.json().path("detail").asText().startsWith("rfc3161Timestamps[1].signedTimestamp is not "
                + "base64"), answer.body());
    }

    @Test
    void refusesSeventeenTokens() {
        String items = String.join(",", java.util.Collections.nCopies(17, item(new byte[] {1})));
        ApiHarness.Answer answer = api.postJson(VERIFY, "{" + UUID + ",\"rfc3161Timestamps\":[" + items + "]}");
        assertEquals(400, answer.status(), answer.body());
        assertTrue(answer.json().path("detail").asText().contains("1 to 16"), answer.body());
    }

    @Test
    void refusesOnlyTheBatchItemWhoseTokensCannotBeRead() {
        ApiHarness.Answer answer = api.postJson(BATCH, "{\"items\":[{" + UUID + ",\"rfc3161Timestamps\":["
                + item(new byte[] {7}) + "]},{" + UUID + ",\"rfc3161Timestamps\":[{\"signedTimestamp\":7}]}]}");
        assertEquals(200, answer.status(), answer.body());
        List<JsonNode> results = new java.util.ArrayList<>();
        answer.json().path("results").forEach(results::add);
        assertEquals(200, results.get(0).path("status").asInt(), answer.body());
        assertEquals(400, results.get(1).path("status").asInt(), answer.body());
        assertEquals("request.malformed", results.get(1).path("problem").path("code").asText());
        assertTrue(results.get(1).path("problem").path("detail").asText().startsWith("rfc3161Timestamps[0]"),
                answer.body());
        List<VerifyRequest> sent = api.core.verifiedBatches.get(0);
        assertEquals(1, sent.size());
        assertArrayEquals(new byte[] {7}, sent.get(0).rfc3161Timestamps().get(0));
    }
}
