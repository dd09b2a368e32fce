package org.stellaops.attestor.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class BatchRequestsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void theBodyIsTheEnvelopesArrayOfTheRawEnvelopeBytesSeparatedByCommas() {
        byte[] a = utf8("{\"payloadType\":\"a\"}");
        byte[] b = utf8("{\"payloadType\":\"b\"}");
        assertEquals("{\"envelopes\":[{\"payloadType\":\"a\"},{\"payloadType\":\"b\"}]}",
                new String(BatchRequests.body(List.of(a, b)), StandardCharsets.UTF_8));
    }

    @Test
    void eachEnvelopeAppearsVerbatimEvenWhereAJsonWriterWouldRewriteIt() {
        // Whitespace, member order, a unicode escape and a number form that re-serialising would all change.
        byte[] odd = utf8("{ \"signatures\" : [ {\"sig\":\"c2ln\"} ],\n\t\"payload\":\"\\u0041\", \"payloadType\":"
                + "\"application/vnd.in-toto+json\", \"n\": 1.0E2 }");
        byte[] plain = utf8("{\"payloadType\":\"x\",\"payload\":\"eA==\",\"signatures\":[]}");
        byte[] body = BatchRequests.body(List.of(plain, odd, plain));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(utf8("{\"envelopes\":["));
        expected.writeBytes(plain);
        expected.write(',');
        expected.writeBytes(odd);
        expected.write(',');
        expected.writeBytes(plain);
        expected.writeBytes(utf8("]}"));
        assertArrayEquals(expected.toByteArray(), body);
    }

    @Test
    void signedEnvelopesAreCopiedByteForByteAndTheBodyIsOneJsonObjectWithOneElementPerEnvelope() throws Exception {
        ProvenanceStatements statements = new ProvenanceStatements("batchtest", 512);
        KeyPair key = BenchAlgorithm.ECDSA_P256.generate();
        List<byte[]> envelopes = AttestorSetup.presign(statements, 0, 5, key);
        byte[] body = BatchRequests.body(envelopes);
        int at = "{\"envelopes\":[".length();
        for (byte[] envelope : envelopes) {
            assertArrayEquals(envelope, Arrays.copyOfRange(body, at, at + envelope.length));
            at += envelope.length + 1;
        }
        JsonNode tree = MAPPER.readTree(body);
        assertEquals(1, tree.size());
        assertEquals(5, tree.path("envelopes").size());
    }

    @Test
    void aBatchOfOneHasNoSeparator() {
        assertEquals("{\"envelopes\":[{}]}",
                new String(BatchRequests.body(List.of(utf8("{}"))), StandardCharsets.UTF_8));
    }

    @Test
    void refusesAnEmptyBatch() {
        assertThrows(IllegalArgumentException.class, () -> BatchRequests.body(List.of()));
    }

    @Test
    void anAnswerIsCorrectWhenEveryItemWasCreated() {
        assertTrue(BatchRequests.allCreated(answer(3, 3, 0, 0, 0), 3));
    }

    @Test
    void anAnswerWithAFailedItemIsNotCorrect() {
        assertFalse(BatchRequests.allCreated(answer(3, 2, 0, 0, 1), 3));
    }

    @Test
    void anAnswerWithAPendingOrAlreadyKnownItemIsNotCorrect() {
        assertFalse(BatchRequests.allCreated(answer(3, 2, 0, 1, 0), 3));
        assertFalse(BatchRequests.allCreated(answer(3, 2, 1, 0, 0), 3));
    }

    @Test
    void anAnswerWithFewerResultsThanItemsIsNotCorrect() {
        assertFalse(BatchRequests.allCreated(answer(2, 3, 0, 0, 0), 3));
    }

    @Test
    void anAnswerWithoutSummaryIsNotCorrect() {
        assertFalse(BatchRequests.allCreated(utf8("{\"results\":[]}"), 0));
    }

    @Test
    void theDescriptionOfAnUnexpectedAnswerShowsItsSummaryAndFirstItemNotCreated() {
        String answer = "{\"results\":[{\"index\":0,\"status\":201,\"uuid\":\"aa\"},"
                + "{\"index\":1,\"status\":422,\"problem\":{\"code\":\"signature.invalid\"}},"
                + "{\"index\":2,\"status\":202,\"uuid\":\"bb\"}],"
                + "\"summary\":{\"created\":1,\"existing\":0,\"pending\":1,\"failed\":1}}";
        String text = BatchRequests.describe(utf8(answer));
        assertTrue(text.startsWith("summary {\"created\":1,\"existing\":0,\"pending\":1,\"failed\":1}, 3 results"),
                text);
        assertTrue(text.contains("first not created: {\"index\":1,\"status\":422"), text);
        assertTrue(text.contains("signature.invalid"), text);
    }

    @Test
    void theDescriptionOfAProblemDocumentIsTheDocumentItself() {
        String problem = "{\"status\":413,\"code\":\"request.batch_too_large\"}";
        assertEquals(problem, BatchRequests.describe(utf8(problem)));
    }

    @Test
    void theDescriptionOfAHugeAnswerIsCut() {
        StringBuilder results = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            results.append(i == 0 ? "" : ",").append("{\"index\":").append(i).append(",\"status\":500,\"problem\":")
                    .append("{\"detail\":\"").append("x".repeat(50)).append("\"}}");
        }
        String answer = "{\"results\":[" + results + "],\"summary\":{\"created\":0,\"failed\":1000}}";
        assertTrue(BatchRequests.describe(utf8(answer)).length() <= Call.MAX_SAMPLE + 1);
    }

    private static byte[] answer(int results, int created, int existing, int pending, int failed) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < results; i++) {
            items.add("{\"index\":" + i + ",\"status\":201,\"uuid\":\"" + "ab".repeat(32) + "\"}");
        }
        return utf8("{\"results\":[" + String.join(",", items) + "],\"summary\":{\"created\":" + created
                + ",\"existing\":" + existing + ",\"pending\":" + pending + ",\"failed\":" + failed + "}}");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
