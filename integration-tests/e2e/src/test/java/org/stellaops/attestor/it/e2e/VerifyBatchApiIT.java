package org.stellaops.attestor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code POST /api/v1/rekor/verify:batch} and {@code GET /api/v1/stats}: many verifications in one request, each
 * reported as {@code POST /api/v1/rekor/verify} would, and the verification cache counting its hits.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerifyBatchApiIT {

    private AttestorProcess server;
    private ApiClient api;
    private BatchApiClient batch;
    private byte[] first;
    private byte[] second;
    private String firstUuid;

    @BeforeAll
    void submitTwoAttestations() {
        // the verification cache is shared by every tenant, so only the operator sees its counters
        Path data = AttestorProcess.freshDataDir();
        AttestorProcess.writeConfig(data, "org.stellaops.attestor.http.json",
                Map.of("operatorTenant", TestHttp.TENANT));
        server = AttestorProcess.start(data);
        api = new ApiClient(server);
        batch = new BatchApiClient(server);
        SigningKey key = SigningKey.generate();
        api.addTrustedKey("verify-signer", key.publicKeyPem());
        first = Attestations.json(key.sign(Attestations.bytes(Attestations.slsaStatement("verify-1.jar"))));
        second = Attestations.json(key.sign(Attestations.bytes(Attestations.slsaStatement("verify-2.jar"))));
        ApiResponse submitted = api.submit(first);
        assertEquals(201, submitted.status(), submitted::describe);
        firstUuid = submitted.json().path("uuid").asText();
        assertEquals(201, api.submit(second).status());
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    private static byte[] item(String member, Object value) {
        ObjectNode item = ApiClient.MAPPER.createObjectNode();
        item.set(member, ApiClient.MAPPER.valueToTree(value));
        return Attestations.bytes(item);
    }

    @Test
    void reportsEachItemAsTheSingleVerificationWouldAndFailsOnlyTheBadOnes() {
        byte[] body = BatchApiClient.jsonBatch("items", List.of(
                item("uuid", firstUuid),
                item("uuid", Attestations.envelopeDigest(second)),
                item("uuid", "00".repeat(32)),
                item("envelope", Attestations.tree(first)),
                "{\"uuid\":\"a\",\"envelope\":{}}".getBytes(StandardCharsets.UTF_8)));

        ApiResponse response = batch.post(BatchApiClient.VERIFY_BATCH, ApiClient.JSON, body);

        List<JsonNode> results = BatchApiClient.results(response);
        assertEquals(List.of(200, 200, 404, 200, 400), BatchApiClient.statuses(results), response::describe);
        assertEquals("entry.not_found", results.get(2).path("problem").path("code").asText());
        assertEquals("request.malformed", results.get(4).path("problem").path("code").asText());
        for (int i : new int[] {0, 1, 3}) {
            assertTrue(results.get(i).path("report").path("verified").asBoolean(false), response::describe);
        }
        ApiResponse single = api.postJson("/api/v1/rekor/verify", Map.of("uuid", firstUuid));
        assertEquals(single.json().path("envelopeDigest"), results.get(0).path("report").path("envelopeDigest"));
        assertEquals(checkOutcomes(single.json()), checkOutcomes(results.get(0).path("report")));
        JsonNode summary = response.json().path("summary");
        assertEquals(3, summary.path("verified").asInt(), response::describe);
        assertEquals(2, summary.path("failed").asInt(), response::describe);
    }

    /** Each check's name and outcome (details may mention sizes that move on). */
    private static List<String> checkOutcomes(JsonNode report) {
        List<String> outcomes = new java.util.ArrayList<>();
        report.path("checks").forEach(c -> outcomes.add(c.path("check").asText() + "=" + c.path("ok").asBoolean()));
        return outcomes;
    }

    @Test
    void verifiesNdjsonItemsLineByLine() {
        byte[] body = BatchApiClient.ndjson(List.of(item("uuid", firstUuid),
                "{\"uuid\":".getBytes(StandardCharsets.UTF_8), item("envelope", Attestations.tree(second))), "\n");
        List<JsonNode> lines = BatchApiClient.lines(batch.post(BatchApiClient.VERIFY_BATCH, BatchApiClient.NDJSON,
                body));
        assertEquals(List.of(200, 400, 200), BatchApiClient.statuses(lines), lines::toString);
        assertEquals("json.malformed", lines.get(1).path("problem").path("code").asText());
        assertTrue(lines.get(2).path("report").path("verified").asBoolean(false), lines::toString);
    }

    @Test
    void reportsAnEnvelopeThatWasNeverSubmittedAsNotVerified() {
        SigningKey stranger = SigningKey.generate();
        byte[] never = Attestations.json(stranger.sign(Attestations.bytes(Attestations.slsaStatement("never.jar"))));
        List<JsonNode> results = BatchApiClient.results(batch.post(BatchApiClient.VERIFY_BATCH, ApiClient.JSON,
                BatchApiClient.jsonBatch("items", List.of(item("envelope", Attestations.tree(never))))));
        assertEquals(200, results.get(0).path("status").asInt(), results::toString);
        assertFalse(results.get(0).path("report").path("verified").asBoolean(true), results::toString);
    }

    @Test
    void countsACacheHitWhenTheSameUuidIsVerifiedTwice() {
        JsonNode before = stats();
        for (int i = 0; i < 2; i++) {
            ApiResponse report = api.postJson("/api/v1/rekor/verify", Map.of("uuid", firstUuid));
            assertEquals(200, report.status(), report::describe);
        }
        JsonNode after = stats();
        assertTrue(after.path("hits").asLong() >= before.path("hits").asLong() + 1,
                () -> "before " + before + ", after " + after);
        assertTrue(after.path("entries").asLong() >= 1, after::toString);
    }

    private JsonNode stats() {
        ApiResponse response = batch.get("/api/v1/stats");
        assertEquals(200, response.status(), response::describe);
        JsonNode cache = response.json().path("verificationCache");
        for (String counter : List.of("hits", "misses", "entries", "invalidations")) {
            assertTrue(cache.path(counter).isIntegralNumber(), response::describe);
        }
        return cache;
    }

    @Test
    void refusesABatchThatIsNotAnItemsArray() {
        ArrayNode notAnObject = ApiClient.MAPPER.createArrayNode();
        batch.post(BatchApiClient.VERIFY_BATCH, ApiClient.JSON, Attestations.bytes(notAnObject))
                .assertProblem(400, "request.malformed");
    }
}
