package org.stellaops.attestor.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;

import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.json.StrictJson;

/** What the key API tests share: a statement to sign and the shape of a refusal. */
final class KeyTests {

    static final String STATEMENT = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"app\","
            + "\"digest\":{\"sha256\":\"" + "ab".repeat(32) + "\"}}],\"predicateType\":\"https://slsa.dev/provenance/v1\","
            + "\"predicate\":{\"buildDefinition\":{\"buildType\":\"https://example.com/build\",\"count\":1.50}}}";

    private KeyTests() {
    }

    static void assertProblem(ApiHarness.Answer answer, int status, String code) {
        assertEquals(status, answer.status(), answer::body);
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer::contentType);
        assertEquals(code, answer.json().path("code").asText(), answer::body);
    }

    /** @return the statement's RFC 8785 form, which the service signs */
    static JsonNode statement() {
        return StrictJson.parse(STATEMENT.getBytes(StandardCharsets.UTF_8), JsonLimits.DEFAULT);
    }
}
