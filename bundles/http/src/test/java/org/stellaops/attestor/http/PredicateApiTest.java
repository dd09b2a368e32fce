package org.stellaops.attestor.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The predicate handler listing and schemas over real HTTP, the core's catalog replaced by a fixed one. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PredicateApiTest {

    private ApiHarness api;

    @BeforeAll
    void startServer() throws Exception {
        api = new ApiHarness();
    }

    @AfterAll
    void stopServer() throws Exception {
        api.close();
    }

    private JsonNode handlers() {
        ApiHarness.Answer answer = api.getAs(TokenTable.READ_ONLY, "/api/v1/predicates");
        assertEquals(200, answer.status(), answer::body);
        assertTrue(answer.contentType().startsWith("application/json"), answer::contentType);
        return answer.json().path("handlers");
    }

    @Test
    void listsEveryHandlerWithBundleVersionRankingAndTypes() {
        JsonNode handlers = handlers();
        assertEquals(3, handlers.size());
        JsonNode sbom = handlers.path(0);
        assertEquals("org.stellaops.attestor.predicate-sbom", sbom.path("bundle").asText());
        assertEquals("1.0.0.SNAPSHOT", sbom.path("version").asText());
        assertEquals(10, sbom.path("ranking").asInt());
        assertEquals(41, sbom.path("serviceId").asLong());
        assertEquals(List.of(FixedCatalog.CYCLONEDX, FixedCatalog.SPDX),
                sbom.path("predicateTypes").findValuesAsText("type"));
        assertTrue(sbom.path("predicateTypes").path(0).path("active").asBoolean());
    }

    @Test
    void linksTheSchemaOfEachActiveTypeThatHasOne() {
        JsonNode handlers = handlers();
        assertEquals("/api/v1/predicates/schema?type=https%3A%2F%2Fcyclonedx.org%2Fbom",
                handlers.path(0).path("predicateTypes").path(0).path("schema").asText());
        JsonNode vex = handlers.path(1).path("predicateTypes").path(0);
        assertTrue(vex.path("active").asBoolean());
        assertTrue(vex.path("schema").isNull(), "the VEX handler publishes no schema");
        JsonNode shadowed = handlers.path(2).path("predicateTypes").path(0);
        assertEquals(false, shadowed.path("active").asBoolean());
        assertTrue(shadowed.path("schema").isNull(), "a shadowed type links no schema: the active one is served");
    }

    @Test
    void servesTheSchemaAtItsLinkAsSchemaJson() {
        String link = handlers().path(0).path("predicateTypes").path(0).path("schema").asText();
        ApiHarness.Answer answer = api.getAs(TokenTable.READ_ONLY, link);
        assertEquals(200, answer.status(), answer::body);
        assertTrue(answer.contentType().startsWith("application/schema+json"), answer::contentType);
        assertEquals(FixedCatalog.CYCLONEDX_SCHEMA, answer.body());
        assertEquals("nosniff", answer.headers().firstValue("X-Content-Type-Options").orElse(""));
    }

    @Test
    void answersAnUnknownTypeWith404PredicateNotFound() {
        ApiHarness.Answer answer = api.get("/api/v1/predicates/schema?type=https%3A%2F%2Fexample.com%2Fnone");
        assertEquals(404, answer.status(), answer::body);
        assertEquals("predicate.not_found", answer.json().path("code").asText());
    }

    @Test
    void answersATypeWithoutSchemaWith404SchemaNotFound() {
        ApiHarness.Answer answer = api.get("/api/v1/predicates/schema?type="
                + java.net.URLEncoder.encode(FixedCatalog.VEX, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(404, answer.status(), answer::body);
        assertEquals("predicate.schema_not_found", answer.json().path("code").asText());
    }

    @Test
    void refusesASchemaRequestWithoutTypeOrWithUnknownParameters() {
        ApiHarness.Answer missing = api.get("/api/v1/predicates/schema");
        assertEquals(400, missing.status(), missing::body);
        assertTrue(missing.json().path("detail").asText().startsWith("query parameter type:"), missing::body);
        ApiHarness.Answer unknown = api.get("/api/v1/predicates?bundle=x");
        assertEquals(400, unknown.status(), unknown::body);
        assertTrue(unknown.json().path("detail").asText().startsWith("query parameter bundle:"), unknown::body);
        assertTrue(unknown.json().path("detail").asText().endsWith("this operation takes none"), unknown::body);
    }

    @Test
    void refusesCallersWithoutAToken() {
        assertEquals(401, api.send("GET", "/api/v1/predicates").status());
        assertEquals(401, api.send("GET", "/api/v1/predicates/schema?type=x").status());
    }
}
