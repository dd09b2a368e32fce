package org.stellaops.attestor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stellaops.attestor.api.model.Envelope;

/**
 * {@code POST /api/v1/rekor/entries:batch} against one server with one trusted key: every item is answered as its
 * own submission would be, bad items fail alone, the bytes are kept exactly as sent, NDJSON round-trips, and a
 * repeated batch changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchApiIT {

    private AttestorProcess server;
    private ApiClient api;
    private BatchApiClient batch;
    private SigningKey key;

    @BeforeAll
    void startWithOneTrustedKey() {
        server = AttestorProcess.startFresh();
        api = new ApiClient(server);
        batch = new BatchApiClient(server);
        key = SigningKey.generate();
        api.addTrustedKey("batch-signer", key.publicKeyPem());
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    private byte[] valid(String artifact) {
        return Attestations.json(key.sign(Attestations.bytes(Attestations.slsaStatement(artifact))));
    }

    /** The same envelope laid out differently: same digest, other bytes; only a byte-exact server keeps these. */
    private byte[] validPretty(String artifact) {
        String compact = new String(valid(artifact), StandardCharsets.UTF_8);
        // whitespace inside the element is part of its bytes; whitespace after it belongs to the array
        return ("{\n  " + compact.substring(1, compact.length() - 1).replace(",\"", " ,\n  \"") + "\n}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private byte[] tampered(String artifact) {
        Envelope signed = key.sign(Attestations.bytes(Attestations.slsaStatement(artifact)));
        return Attestations.json(Attestations.withPayload(signed,
                Attestations.bytes(Attestations.slsaStatement(artifact + ".substituted"))));
    }

    private byte[] unknownPredicate(String artifact) {
        ObjectNode statement = Attestations.slsaStatement(artifact);
        statement.put("predicateType", "https://example.com/attestations/unknown/v1");
        return Attestations.json(key.sign(Attestations.bytes(statement)));
    }

    @Test
    void answersEachItemAsItsOwnSubmissionWouldAndFailsOnlyTheBadOnes() {
        byte[] good1 = validPretty("batch-good-1.jar");
        byte[] bad = tampered("batch-tampered.jar");
        byte[] good2 = valid("batch-good-2.jar");
        byte[] unknown = unknownPredicate("batch-unknown.jar");
        ApiClient.ServerState before = api.state();

        ApiResponse response = batch.post(BatchApiClient.ENTRIES_BATCH, ApiClient.JSON,
                BatchApiClient.jsonBatch("envelopes", List.of(good1, bad, good2, unknown)));

        List<JsonNode> results = BatchApiClient.results(response);
        assertEquals(List.of(201, 422, 201, 422), BatchApiClient.statuses(results), response::describe);
        for (int i = 0; i < results.size(); i++) {
            assertEquals(i, results.get(i).path("index").asInt(), response::describe);
        }
        assertEquals(Attestations.envelopeDigest(good1), results.get(0).path("envelopeDigest").asText());
        assertEquals(Attestations.envelopeDigest(good2), results.get(2).path("envelopeDigest").asText());
        JsonNode summary = response.json().path("summary");
        assertEquals(2, summary.path("created").asInt(), response::describe);
        assertEquals(2, summary.path("failed").asInt(), response::describe);
        assertEquals(0, summary.path("existing").asInt() + summary.path("pending").asInt(), response::describe);

        ApiClient.ServerState after = api.state();
        assertEquals(before.entries() + 2, after.entries(), "entries in /api/v1/stats");
        assertEquals(before.archivedObjects() + 2, after.archivedObjects(), "archived envelopes");
        assertEquals(before.logSize() + 2, after.logSize(), "primary log size");
        assertProblemAsSingleSubmission(bad, results.get(1), "signature.invalid");
        assertProblemAsSingleSubmission(unknown, results.get(3), "predicate.unknown_type");
    }

    /** The batch item's problem is the problem the same envelope gets on its own. */
    private void assertProblemAsSingleSubmission(byte[] envelope, JsonNode result, String code) {
        JsonNode single = api.submit(envelope).assertProblem(result.path("status").asInt(), code);
        JsonNode problem = result.path("problem");
        assertEquals(code, problem.path("code").asText(), result::toString);
        assertEquals(single.path("type"), problem.path("type"));
        assertEquals(single.path("status"), problem.path("status"));
        assertEquals(single.path("title"), problem.path("title"));
    }

    @Test
    void archivesEveryEnvelopeByteForByteAsItStoodInTheBatch() {
        byte[] pretty = validPretty("batch-bytes.jar");
        List<JsonNode> results = BatchApiClient.results(batch.post(BatchApiClient.ENTRIES_BATCH, ApiClient.JSON,
                BatchApiClient.jsonBatch("envelopes", List.of(pretty))));
        assertEquals(201, results.get(0).path("status").asInt(), results::toString);
        assertArrayEquals(pretty, batch.archivedBytes(pretty));
        ApiResponse fetched = api.get(results.get(0).path("statusUrl").asText());
        assertEquals(200, fetched.status(), fetched::describe);
        assertEquals(Attestations.tree(pretty), fetched.json().path("envelope"));
    }

    @Test
    void roundTripsNdjsonInRequestOrderWithLineNumbers() {
        byte[] a = valid("ndjson-a.jar");
        byte[] b = valid("ndjson-b.jar");
        byte[] c = valid("ndjson-c.jar");
        byte[] body = BatchApiClient.ndjson(List.of(a, "".getBytes(StandardCharsets.UTF_8), b,
                "{\"payloadType\":".getBytes(StandardCharsets.UTF_8), c), "\r\n");

        List<JsonNode> lines = BatchApiClient.lines(batch.post(BatchApiClient.ENTRIES_BATCH, BatchApiClient.NDJSON,
                body));

        assertEquals(List.of(201, 201, 400, 201), BatchApiClient.statuses(lines), lines::toString);
        assertEquals(List.of(1, 3, 4, 5), lines.stream().map(l -> l.path("line").asInt()).toList());
        assertEquals(List.of(0, 1, 2, 3), lines.stream().map(l -> l.path("index").asInt()).toList());
        assertEquals("json.malformed", lines.get(2).path("problem").path("code").asText(), lines::toString);
        List<byte[]> sent = List.of(a, b, c);
        List<JsonNode> created = List.of(lines.get(0), lines.get(1), lines.get(3));
        for (int i = 0; i < sent.size(); i++) {
            assertEquals(Attestations.envelopeDigest(sent.get(i)), created.get(i).path("envelopeDigest").asText());
            assertArrayEquals(sent.get(i), batch.archivedBytes(sent.get(i)));
            ApiResponse fetched = api.get("/api/v1/rekor/entries/" + created.get(i).path("uuid").asText());
            assertEquals(200, fetched.status(), fetched::describe);
        }
    }

    @Test
    void answersJsonWithNdjsonWhenAsked() {
        byte[] envelope = valid("accept-ndjson.jar");
        List<JsonNode> lines = BatchApiClient.lines(batch.post(BatchApiClient.ENTRIES_BATCH, ApiClient.JSON,
                BatchApiClient.jsonBatch("envelopes", List.of(envelope)), "Accept", BatchApiClient.NDJSON));
        assertEquals(List.of(201), BatchApiClient.statuses(lines));
    }

    @Test
    void answersARepeatedBatchWithTheSameRecordsAndChangesNothing() {
        byte[] body = BatchApiClient.jsonBatch("envelopes", List.of(valid("again-1.jar"), valid("again-2.jar")));
        List<JsonNode> first = BatchApiClient.results(batch.post(BatchApiClient.ENTRIES_BATCH, ApiClient.JSON, body));
        assertEquals(List.of(201, 201), BatchApiClient.statuses(first));
        ApiClient.ServerState before = api.state();

        ApiResponse again = batch.post(BatchApiClient.ENTRIES_BATCH, ApiClient.JSON, body);

        List<JsonNode> second = BatchApiClient.results(again);
        assertEquals(List.of(200, 200), BatchApiClient.statuses(second));
        for (int i = 0; i < 2; i++) {
            assertEquals(first.get(i).path("uuid"), second.get(i).path("uuid"));
            assertEquals(first.get(i).path("envelopeDigest"), second.get(i).path("envelopeDigest"));
        }
        assertEquals(2, again.json().path("summary").path("existing").asInt(), again::describe);
        assertEquals(before, api.state(), "a repeated batch changes nothing");
    }

    @Test
    void refusesABrokenWrapperAsAWholeAndChangesNothing() {
        ApiClient.ServerState before = api.state();
        byte[] body = BatchApiClient.jsonBatch("envelopes", List.of(valid("never-1.jar"), valid("never-2.jar")));
        byte[] truncated = java.util.Arrays.copyOf(body, body.length - 4);
        batch.post(BatchApiClient.ENTRIES_BATCH, ApiClient.JSON, truncated).assertProblem(400, "json.malformed");
        batch.post(BatchApiClient.ENTRIES_BATCH, ApiClient.JSON, "{\"envelopes\":[]}".getBytes(StandardCharsets.UTF_8))
                .assertProblem(400, "request.malformed");
        assertEquals(before, api.state());
    }

    @Test
    void failsAnItemOverTheEnvelopeLimitAloneWithContentTooLarge() {
        String padding = "A".repeat(4 * 1024 * 1024);
        byte[] huge = ("{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\"" + padding
                + "\",\"signatures\":[{\"sig\":\"AAAA\"}]}").getBytes(StandardCharsets.UTF_8);
        byte[] small = valid("beside-a-huge-one.jar");
        List<JsonNode> lines = BatchApiClient.lines(batch.post(BatchApiClient.ENTRIES_BATCH, BatchApiClient.NDJSON,
                BatchApiClient.ndjson(List.of(huge, small), "\n")));
        assertEquals(List.of(413, 201), BatchApiClient.statuses(lines), lines::toString);
        assertEquals("request.too_large", lines.get(0).path("problem").path("code").asText());
    }
}
