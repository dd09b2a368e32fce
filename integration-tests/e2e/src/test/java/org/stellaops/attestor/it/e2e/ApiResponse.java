package org.stellaops.attestor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One HTTP response, kept as text so that assertion messages can show exactly what the server said.
 *
 * @param request method and URI, for messages
 * @param status the status code
 * @param contentType the Content-Type header, or empty
 * @param body the body as UTF-8 text
 */
record ApiResponse(String request, int status, String contentType, String body) {

    JsonNode json() {
        try {
            return ApiClient.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + describe(), e);
        }
    }

    String describe() {
        return request + " -> " + status + " [" + contentType + "] " + (body.length() > 2000
                ? body.substring(0, 2000) + "…(" + body.length() + " chars)" : body);
    }

    /** Requires an RFC 9457 problem with this status and code. */
    JsonNode assertProblem(int expectedStatus, String expectedCode) {
        assertEquals(expectedStatus, status, this::describe);
        assertTrue(contentType.startsWith("application/problem+json"), () -> "problem content type: " + describe());
        JsonNode problem = json();
        assertEquals(expectedCode, problem.path("code").asText(), this::describe);
        assertEquals(expectedStatus, problem.path("status").asInt(), this::describe);
        return problem;
    }
}
