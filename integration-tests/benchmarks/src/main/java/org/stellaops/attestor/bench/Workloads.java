package org.stellaops.attestor.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The submit, batch, verify and mixed workloads over the Attestor HTTP API. */
final class Workloads {

    static final String ENTRIES = "/api/v1/rekor/entries";
    static final String VERIFY = "/api/v1/rekor/verify";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Workloads() {
    }

    /**
     * Submits each envelope once, in order; 201 expected.
     *
     * @param envelopes pre-signed, distinct envelopes
     * @param uuids receives the uuid of every created entry, or null
     * @return the workload; it ends when the envelopes run out
     */
    static Workload submit(List<byte[]> envelopes, UuidPool uuids) {
        return sequence -> sequence < envelopes.size() ? submitCall(envelopes.get((int) sequence), uuids) : null;
    }

    /**
     * Submits the envelopes in batches of {@code batchSize}, each envelope once: request n carries envelopes
     * {@code n·batchSize} to {@code (n+1)·batchSize − 1}. 200 with every item created is expected.
     *
     * @param envelopes pre-signed, distinct envelopes
     * @param batchSize envelopes per request, at least 1
     * @return the workload; it ends when fewer than {@code batchSize} envelopes are left
     */
    static Workload batch(List<byte[]> envelopes, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, not " + batchSize);
        }
        long batches = envelopes.size() / batchSize;
        return sequence -> {
            if (sequence >= batches) {
                return null;
            }
            int from = (int) (sequence * batchSize);
            byte[] body = BatchRequests.body(envelopes.subList(from, from + batchSize));
            return new Call(BatchRequests.PATH, body, 200, answer -> BatchRequests.allCreated(answer, batchSize),
                    answer -> { }, BatchRequests::describe);
        };
    }

    /**
     * Verifies known entries by uuid, round robin; 200 with {@code "verified":true} expected.
     *
     * @param uuids entries that exist on the server
     * @return the endless workload
     */
    static Workload verify(UuidPool uuids) {
        return sequence -> verifyCall(uuids.get(sequence));
    }

    /**
     * Alternates a new submission and the verification of a random known entry.
     *
     * @param envelopes pre-signed envelopes, each submitted once
     * @param uuids known entries; the created ones are added
     * @return the workload; it ends when the envelopes run out
     */
    static Workload mixed(List<byte[]> envelopes, UuidPool uuids) {
        Workload submit = submit(envelopes, uuids);
        return sequence -> sequence % 2 == 0
                ? submit.next(sequence / 2)
                : verifyCall(uuids.get(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE)));
    }

    private static Call submitCall(byte[] envelope, UuidPool uuids) {
        return new Call(ENTRIES, envelope, 201, body -> true,
                uuids == null ? body -> { } : body -> uuids.add(field(body, "uuid").asText()));
    }

    private static Call verifyCall(String uuid) {
        byte[] body = ("{\"uuid\":\"" + uuid + "\"}").getBytes(StandardCharsets.US_ASCII);
        return new Call(VERIFY, body, 200, response -> field(response, "verified").asBoolean(false), response -> { });
    }

    private static JsonNode field(byte[] json, String name) {
        try {
            return MAPPER.readTree(json).path(name);
        } catch (IOException e) {
            throw new IllegalStateException("the server answered with invalid JSON: " + e.getMessage(), e);
        }
    }
}
