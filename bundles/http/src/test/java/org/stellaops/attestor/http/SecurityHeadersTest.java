package org.stellaops.attestor.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SecurityHeadersTest {

    @Test
    void apiAnswersForbidFramingSniffingCachingAndActiveContent() throws Exception {
        try (ApiHarness api = new ApiHarness()) {
            ApiHarness.Answer answer = api.get("/api/v1/rekor/entries?limit=1");
            assertEquals(200, answer.status());
            assertEquals("nosniff", answer.headers().firstValue("X-Content-Type-Options").orElse(""));
            assertEquals("DENY", answer.headers().firstValue("X-Frame-Options").orElse(""));
            assertEquals("no-referrer", answer.headers().firstValue("Referrer-Policy").orElse(""));
            assertEquals("no-store", answer.headers().firstValue("Cache-Control").orElse(""));
            assertEquals("default-src 'none'; frame-ancestors 'none'",
                    answer.headers().firstValue("Content-Security-Policy").orElse(""));
        }
    }

    @Test
    void refusalsCarryTheSameHeaders() throws Exception {
        try (ApiHarness api = new ApiHarness()) {
            ApiHarness.Answer answer = api.send("GET", "/api/v1/stats");
            assertEquals(401, answer.status());
            assertEquals("DENY", answer.headers().firstValue("X-Frame-Options").orElse(""));
        }
    }
}
