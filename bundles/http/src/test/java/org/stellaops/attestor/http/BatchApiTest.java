package org.stellaops.attestor.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.core.service.AttestationService.VerifyRequest;
import org.stellaops.attestor.sdk.AttestorException;

/** {@code entries:batch} and {@code verify:batch} over real HTTP, with the core replaced by a recorder. */
class BatchApiTest {

    private static final String ENTRIES = "/api/v1/rekor/entries:batch";
    private static final String VERIFY = "/api/v1/rekor/verify:batch";
    private static final String JSON = "application/json";
    private static final String NDJSON = "application/x-ndjson";
    private static final String GOOD_1 = "{ \"payloadType\" : \"t\",\n \"payload\":\"caf\u00e9 \\\"]}\" , \"signatures\":[{\"sig\":\"ok\"}] }";
    private static final String BAD = "{\"payloadType\":\"t\",\"payload\":\"x\",\"signatures\":[{\"sig\":\"bad\"}]}";
    private static final String GOOD_2 = "{\"payloadType\":\"t\",\"payload\":\"\uD834\uDD1E\",\"signatures\":[{\"sig\":\"ok2\"}]}";

    private ApiHarness api;

    @BeforeEach
    void startServer() throws Exception {
        api = new ApiHarness();
    }

    @AfterEach
    void stopServer() throws Exception {
        api.close();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] batchOf(String... envelopes) {
        return utf8("{\"envelopes\" : [\n  " + String.join(" ,\n  ", envelopes) + "\n]}");
    }

    private static void assertProblem(ApiHarness.Answer answer, int status, String code) {
        assertEquals(status, answer.status(), answer::body);
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer::contentType);
        assertEquals(code, answer.json().path("code").asText(), answer::body);
    }

    private static List<Integer> statuses(List<JsonNode> results) {
        return results.stream().map(r -> r.path("status").asInt()).toList();
    }

    @Test
    void answersEachItemAsTheSingleSubmissionWouldAndFailsOnlyTheBadOne() {
        ApiHarness.Answer answer = api.post(ENTRIES, JSON, batchOf(GOOD_1, BAD, GOOD_2));
        assertEquals(200, answer.status(), answer::body);
        assertTrue(answer.contentType().startsWith("application/json"), answer::contentType);
        JsonNode body = answer.json();
        List<JsonNode> results = List.copyOf(iterable(body.path("results")));
        assertEquals(List.of(201, 422, 201), statuses(results));
        assertEquals(List.of(0, 1, 2), results.stream().map(r -> r.path("index").asInt()).toList());
        assertEquals("signature.invalid", results.get(1).path("problem").path("code").asText());
        assertEquals(422, results.get(1).path("problem").path("status").asInt());
        String digest = "sha256:" + RecordingService.sha256Hex(utf8(GOOD_1));
        assertEquals(digest, results.get(0).path("envelopeDigest").asText());
        assertEquals("/api/v1/rekor/entries/" + results.get(0).path("uuid").asText(),
                results.get(0).path("statusUrl").asText());
        assertEquals(ApiHarness.JSON.valueToTree(java.util.Map.of("created", 2, "existing", 0, "pending", 0,
                "failed", 1)), body.path("summary"));
    }

    @Test
    void handsTheCoreEveryEnvelopeByteForByteAsSent() {
        api.post(ENTRIES, JSON, batchOf(GOOD_1, BAD, GOOD_2));
        List<byte[]> received = api.core.submittedBatches.get(0);
        assertEquals(3, received.size());
        assertArrayEquals(utf8(GOOD_1), received.get(0));
        assertArrayEquals(utf8(BAD), received.get(1));
        assertArrayEquals(utf8(GOOD_2), received.get(2));
    }

    @Test
    void answersAResubmittedBatchWithTheExistingRecords() {
        api.post(ENTRIES, JSON, batchOf(GOOD_1, GOOD_2));
        JsonNode again = api.post(ENTRIES, JSON, batchOf(GOOD_1, GOOD_2)).json();
        assertEquals(List.of(200, 200), statuses(List.copyOf(iterable(again.path("results")))));
        assertEquals(2, again.path("summary").path("existing").asInt());
        assertEquals(0, again.path("summary").path("created").asInt());
    }

    @Test
    void answersNdjsonWithNdjsonLineByLineAndFailsAnOversizedLineAlone() {
        String oversized = "{\"payload\":\"" + "x".repeat(ApiHarness.MAX_REQUEST_BYTES) + "\"}";
        byte[] body = utf8(GOOD_1.replace("\n", " ") + "\r\n\r\n" + oversized + "\n" + BAD + "\n" + GOOD_2);
        ApiHarness.Answer answer = api.post(ENTRIES, NDJSON, body);
        assertEquals(200, answer.status(), answer::body);
        assertTrue(answer.contentType().startsWith(NDJSON), answer::contentType);
        List<JsonNode> lines = answer.lines();
        assertEquals(List.of(201, 413, 422, 201), statuses(lines));
        assertEquals(List.of(1, 3, 4, 5), lines.stream().map(r -> r.path("line").asInt()).toList());
        assertEquals("request.too_large", lines.get(1).path("problem").path("code").asText());
        List<byte[]> received = api.core.submittedBatches.get(0);
        assertEquals(3, received.size(), "the oversized line never reaches the core");
        assertArrayEquals(utf8(GOOD_1.replace("\n", " ")), received.get(0));
        assertArrayEquals(utf8(GOOD_2), received.get(2));
    }

    @Test
    void answersJsonWithNdjsonWhenTheClientAsksForIt() {
        ApiHarness.Answer answer = api.post(ENTRIES, JSON, batchOf(GOOD_1, BAD), "Accept", NDJSON);
        assertTrue(answer.contentType().startsWith(NDJSON), answer::contentType);
        assertEquals(List.of(201, 422), statuses(answer.lines()));
        assertTrue(answer.lines().stream().noneMatch(l -> l.has("line")), "JSON items have no line numbers");
    }

    @Test
    void readsAChunkedNdjsonBody() {
        byte[] body = utf8(BAD + "\n" + GOOD_2 + "\n");
        ApiHarness.Answer answer = api.postChunked(ENTRIES, NDJSON, body);
        assertEquals(List.of(422, 201), statuses(answer.lines()));
    }

    @Test
    void refusesABrokenWrapperAsAWholeAndHandsTheCoreNothing() {
        assertProblem(api.post(ENTRIES, JSON, utf8("{\"envelopes\":[" + GOOD_1 + ",{]}")), 400, "json.malformed");
        assertProblem(api.post(ENTRIES, JSON, utf8("{\"items\":[" + GOOD_1 + "]}")), 400, "request.malformed");
        assertEquals(0, api.core.submittedBatches.size());
    }

    @Test
    void refusesABatchWithoutItems() {
        assertProblem(api.post(ENTRIES, JSON, utf8("{\"envelopes\":[]}")), 400, "request.malformed");
        assertProblem(api.post(ENTRIES, NDJSON, utf8("\r\n\n")), 400, "request.malformed");
    }

    @Test
    void refusesABodyOverTheBatchLimitWithContentTooLarge() {
        String[] many = new String[ApiHarness.MAX_BATCH_BYTES / GOOD_2.length() + 1];
        java.util.Arrays.fill(many, GOOD_2);
        assertProblem(api.post(ENTRIES, JSON, batchOf(many)), 413, "request.too_large");
        assertProblem(api.postChunked(ENTRIES, NDJSON, utf8(String.join("\n", many))), 413, "request.too_large");
        assertEquals(0, api.core.submittedBatches.size());
    }

    @Test
    void refusesAnotherMediaType() {
        assertProblem(api.post(ENTRIES, "text/plain", batchOf(GOOD_1)), 415, "request.unsupported_media_type");
    }

    @Test
    void streamsAnNdjsonAnswerSoTheFirstLineArrivesBeforeTheNextSliceIsProcessed() throws Exception {
        try (ApiHarness slicing = ApiHarness.slicing(1)) {
            CountDownLatch firstLineRead = new CountDownLatch(1);
            slicing.core.beforeBatch = n -> {
                if (n == 2) {
                    awaitQuietly(firstLineRead);
                }
            };
            byte[] body = utf8(GOOD_1.replace("\n", " ") + "\n" + BAD + "\n" + GOOD_2);
            try (Stream<String> lines = slicing.postReadingLines(ENTRIES, NDJSON, body)) {
                Iterator<String> answer = lines.iterator();
                String first = answer.next();
                firstLineRead.countDown();
                List<String> all = new java.util.ArrayList<>(List.of(first));
                answer.forEachRemaining(all::add);
                assertEquals(List.of(201, 422, 201), all.stream()
                        .map(line -> ApiHarness.Answer.parse(line).path("status").asInt()).toList());
            }
            assertEquals(3, slicing.core.submittedBatches.size(), "one core call per slice");
        }
    }

    /** Holds slice 2 until the client has read line 1; without streaming the client never would, and slice 2 fails. */
    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the first line was not read while the batch was being processed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void failsTheItemsOfASliceTheCoreFailsWholeAndAnswersTheOthers() throws Exception {
        try (ApiHarness slicing = ApiHarness.slicing(1)) {
            slicing.core.beforeBatch = n -> {
                if (n == 2) {
                    throw new org.stellaops.attestor.cas.StorageException("storage.failure", "disk gone", null);
                }
            };
            List<JsonNode> lines = slicing.post(ENTRIES, NDJSON, utf8(GOOD_2 + "\n" + BAD + "\n" + GOOD_1
                    .replace("\n", " "))).lines();
            assertEquals(List.of(201, 503, 201), statuses(lines));
            assertEquals("storage.failure", lines.get(1).path("problem").path("code").asText());
        }
    }

    @Test
    void handsAnNdjsonBatchOverTheCoresLimitToTheCoreWholeSoItIsRefusedBeforeAnyLine() {
        api.core.batchMaxItems = 1;
        api.core.batchRefusal = new AttestorException("request.batch_too_large", "at most 1 item per batch");
        assertProblem(api.post(ENTRIES, NDJSON, utf8(GOOD_2 + "\n" + BAD)), 413, "request.batch_too_large");
        assertEquals(1, api.core.submittedBatches.size());
    }

    @Test
    void passesOnTheCoresRefusalOfTooManyItems() {
        api.core.batchRefusal = new AttestorException("request.batch_too_large", "at most 1 item per batch");
        assertProblem(api.post(ENTRIES, JSON, batchOf(GOOD_1, GOOD_2)), 413, "request.batch_too_large");
    }

    @Test
    void reportsABugInOneItemAsThatItemsInternalError() {
        JsonNode results = api.post(ENTRIES, JSON, batchOf("{\"boom\":1}", GOOD_2)).json().path("results");
        assertEquals(500, results.path(0).path("status").asInt());
        assertEquals("internal.error", results.path(0).path("problem").path("code").asText());
        assertEquals(201, results.path(1).path("status").asInt());
    }

    @Test
    void refusesOtherMethodsOnTheBatchPaths() {
        assertProblem(api.get(ENTRIES), 405, "request.method_not_allowed");
        assertProblem(api.get(VERIFY), 405, "request.method_not_allowed");
    }

    @Test
    void verifiesEachItemAndReportsTheBadOnesAlone() {
        byte[] body = utf8("{\"items\":[{\"uuid\":\"" + "ab".repeat(32) + "\"},{\"uuid\":\"unknown\"},"
                + "{\"envelope\":" + GOOD_2 + "},{\"uuid\":\"a\",\"envelope\":{}},{\"uuid\":\"a\",\"uuid\":\"b\"}]}");
        ApiHarness.Answer answer = api.post(VERIFY, JSON, body);
        assertEquals(200, answer.status(), answer::body);
        JsonNode json = answer.json();
        List<JsonNode> results = List.copyOf(iterable(json.path("results")));
        assertEquals(List.of(200, 404, 200, 400, 400), statuses(results));
        assertTrue(results.get(0).path("report").path("verified").asBoolean());
        assertEquals("entry.not_found", results.get(1).path("problem").path("code").asText());
        assertEquals("request.malformed", results.get(3).path("problem").path("code").asText());
        assertEquals("json.duplicate_member", results.get(4).path("problem").path("code").asText());
        assertEquals(ApiHarness.JSON.valueToTree(java.util.Map.of("verified", 1, "unverified", 1, "failed", 3)),
                json.path("summary"));
        List<VerifyRequest> sent = api.core.verifiedBatches.get(0);
        assertEquals(3, sent.size(), "only well-formed items reach the core");
        assertEquals("ab".repeat(32), sent.get(0).id());
    }

    @Test
    void verifiesNdjsonItemsLineByLine() {
        byte[] body = utf8("{\"uuid\":\"" + "ab".repeat(32) + "\"}\n{\"uuid\":\n{\"envelope\":" + GOOD_2 + "}");
        ApiHarness.Answer answer = api.post(VERIFY, NDJSON, body);
        assertTrue(answer.contentType().startsWith(NDJSON), answer::contentType);
        List<JsonNode> lines = answer.lines();
        assertEquals(List.of(200, 400, 200), statuses(lines));
        assertEquals("json.malformed", lines.get(1).path("problem").path("code").asText());
        assertEquals(List.of(1, 2, 3), lines.stream().map(r -> r.path("line").asInt()).toList());
        assertTrue(lines.get(2).path("report").has("checks"));
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> out = new java.util.ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
