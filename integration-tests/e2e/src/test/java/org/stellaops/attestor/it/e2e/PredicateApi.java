package org.stellaops.attestor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One producer of the predicate tests: a trusted signing key of the default tenant, submission of statements it
 * signs, reads by envelope digest and record searches. Every request is paced to at most {@link #MAX_RATE} per
 * second, half the per-principal rate limit (docs/api.md, {@code rateLimitPerSecond} 1000), so that no answer is a
 * {@code 429} of the test's own making.
 */
final class PredicateApi {

    /** Requests per second this client never exceeds. */
    static final int MAX_RATE = 500;

    private static final long INTERVAL_NANOS = Duration.ofSeconds(1).toNanos() / MAX_RATE;

    private final ApiClient api;
    private final BatchApiClient search;
    private final SigningKey key;
    private long nextSlot = System.nanoTime();
    private int requests;

    PredicateApi(AttestorProcess server) {
        this.api = new ApiClient(server);
        this.search = new BatchApiClient(server);
        this.key = SigningKey.generate();
        pace();
        api.addTrustedKey("predicate-producer", key.publicKeyPem());
    }

    /** @return the envelope JSON of the statement, signed properly by the trusted key */
    byte[] sign(JsonNode statement) {
        return sign(Attestations.bytes(statement));
    }

    /** @return the envelope JSON of these exact payload bytes, signed properly by the trusted key */
    byte[] sign(byte[] payload) {
        return Attestations.json(key.sign(payload));
    }

    /** {@code POST /api/v1/rekor/entries} */
    ApiResponse submit(byte[] envelopeJson) {
        pace();
        return api.submit(envelopeJson);
    }

    /** {@code GET /api/v1/rekor/entries/sha256:<hex>} */
    ApiResponse record(String envelopeDigest) {
        pace();
        return api.get("/api/v1/rekor/entries/" + envelopeDigest);
    }

    /** A GET of the API with the producer's token. */
    ApiResponse get(String path) {
        pace();
        return api.get(path);
    }

    /**
     * @param nameValuePairs query parameters (values are percent-encoded here)
     * @return the envelope digests of every record the search finds, following every page
     */
    Set<String> find(String... nameValuePairs) {
        Set<String> digests = new TreeSet<>();
        String filters = BatchApiClient.query(nameValuePairs);
        String cursor = null;
        for (int page = 0; page < 1000; page++) {
            String query = (filters.isEmpty() ? "" : filters + "&") + "limit=1000"
                    + (cursor == null ? "" : "&" + BatchApiClient.query("cursor", cursor));
            pace();
            ApiResponse response = search.get("/api/v1/rekor/entries?" + query);
            assertEquals(200, response.status(), response::describe);
            response.json().path("entries").forEach(e -> digests.add(e.path("envelopeDigest").asText()));
            if (response.json().path("nextCursor").isNull()) {
                return digests;
            }
            cursor = response.json().path("nextCursor").asText();
        }
        throw new AssertionError("the search never ended");
    }

    /**
     * @return the tenant's record count, the primary log's size and root, and the number of archived envelopes
     *     (three requests: stats, logs, checkpoint)
     */
    ApiClient.ServerState state() {
        pace();
        pace();
        pace();
        return api.state();
    }

    /** @return the envelope digests of every record of the tenant */
    Set<String> all() {
        return find();
    }

    /** @return the problem's {@code errors[].pointer} values, in order */
    static List<String> pointers(JsonNode problem) {
        List<String> pointers = new ArrayList<>();
        problem.path("errors").forEach(e -> pointers.add(e.path("pointer").asText(null)));
        return pointers;
    }

    /** @return how many requests this client sent */
    int requests() {
        return requests;
    }

    private void pace() {
        // parkNanos may return early: wait until the slot has really come
        for (long now = System.nanoTime(); now < nextSlot; now = System.nanoTime()) {
            LockSupport.parkNanos(nextSlot - now);
        }
        nextSlot = Math.max(System.nanoTime(), nextSlot) + INTERVAL_NANOS;
        requests++;
    }
}
