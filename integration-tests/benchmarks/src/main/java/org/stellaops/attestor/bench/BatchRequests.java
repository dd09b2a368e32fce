package org.stellaops.attestor.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Request bodies and answer checks of {@code POST /api/v1/rekor/entries:batch} (JSON form).
 *
 * <p>The server archives each item as the exact bytes of its array element, so the envelopes are concatenated as
 * they were signed and never re-serialised: a batch then archives the same bytes as single submissions would.
 */
final class BatchRequests {

    /** The batch submission route. */
    static final String PATH = "/api/v1/rekor/entries:batch";

    private static final byte[] OPEN = "{\"envelopes\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "]}".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BatchRequests() {
    }

    /**
     * Builds {@code {"envelopes":[e0,e1,…]}} from the envelopes' bytes, copied verbatim.
     *
     * @param envelopes envelope JSON documents, at least one
     * @return the request body
     * @throws IllegalArgumentException if there is no envelope
     */
    static byte[] body(List<byte[]> envelopes) {
        if (envelopes.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one envelope");
        }
        int length = OPEN.length + CLOSE.length + envelopes.size() - 1;
        for (byte[] e : envelopes) {
            length += e.length;
        }
        byte[] body = new byte[length];
        int at = put(body, 0, OPEN);
        for (int i = 0; i < envelopes.size(); i++) {
            if (i > 0) {
                body[at++] = ',';
            }
            at = put(body, at, envelopes.get(i));
        }
        put(body, at, CLOSE);
        return body;
    }

    /**
     * Whether an answer says that every item of the batch was created: {@code summary.created == items},
     * {@code summary.failed == 0} and one result per item. A {@code 202} (pending) or {@code 200} (already known)
     * item is not a creation, so it makes the answer unexpected too.
     *
     * @param answer the 200 answer's body
     * @param items the number of envelopes sent
     * @return whether the batch was fully created
     * @throws UncheckedIOException if the answer is not JSON
     */
    static boolean allCreated(byte[] answer, int items) {
        JsonNode root = read(answer);
        JsonNode summary = root.path("summary");
        return summary.path("failed").isIntegralNumber() && summary.path("failed").asLong() == 0
                && summary.path("created").isIntegralNumber() && summary.path("created").asLong() == items
                && root.path("results").isArray() && root.path("results").size() == items;
    }

    /**
     * Explains an unexpected answer briefly: its summary, its number of results and the first result that is not
     * a creation (a batch answer is too long to be sampled by its first characters).
     *
     * @param answer the answer body
     * @return the explanation, at most {@value Call#MAX_SAMPLE} characters plus an ellipsis
     * @throws UncheckedIOException if the answer is not JSON
     */
    static String describe(byte[] answer) {
        JsonNode root = read(answer);
        if (!root.has("results") && !root.has("summary")) {
            return Call.excerpt(answer);
        }
        StringBuilder text = new StringBuilder("summary ").append(root.path("summary"))
                .append(", ").append(root.path("results").size()).append(" results");
        for (JsonNode result : root.path("results")) {
            if (result.path("status").asInt() != 201) {
                text.append(", first not created: ").append(result);
                break;
            }
        }
        return Call.excerpt(text.toString());
    }

    private static JsonNode read(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("the server answered with invalid JSON: " + e.getMessage(), e);
        }
    }

    private static int put(byte[] target, int at, byte[] source) {
        System.arraycopy(source, 0, target, at, source.length);
        return at + source.length;
    }
}
