package org.stellaops.attestor.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stellaops.attestor.store.AuditQuery;
import org.stellaops.attestor.store.EntryQuery;
import org.stellaops.attestor.store.Provenance;

/** Record search, audit trail, audit chain check and statistics over real HTTP, the core replaced by a recorder. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryApiTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    private ApiHarness api;

    @BeforeAll
    void startServer() throws Exception {
        api = new ApiHarness();
    }

    @AfterAll
    void stopServer() throws Exception {
        api.close();
    }

    private JsonNode ok(ApiHarness.Answer answer) {
        assertEquals(200, answer.status(), answer::body);
        assertTrue(answer.contentType().startsWith("application/json"), answer::contentType);
        return answer.json();
    }

    @Test
    void searchesWithTheDecodedFiltersAndAnswersAPage() {
        JsonNode page = ok(api.get("/api/v1/rekor/entries?subject=" + DIGEST
                + "&predicateType=https%3A%2F%2Fslsa.dev%2Fprovenance%2Fv1&since=2026-03-01T00:00:00%2B01:00&limit=5"));
        EntryQuery query = api.core.searches.get(api.core.searches.size() - 1);
        assertEquals(new EntryQuery(TokenTable.TENANT, DIGEST, "https://slsa.dev/provenance/v1", null,
                Instant.parse("2026-02-28T23:00:00Z"), null, 5, null), query);
        assertEquals(1, page.path("entries").size());
        assertFalse(page.path("entries").path(0).has("envelope"));
        assertEquals("cursor-2", page.path("nextCursor").asText());
    }

    @Test
    void searchesByFactsDecodedFromTheirParameters() {
        ok(api.get("/api/v1/rekor/entries?fact.sbom.format=CycloneDX&fact.vex.cves=CVE-2026-0001"
                + "&fact.purl=pkg%3Anpm%2F%2540scope%2Fname%401.0.0&predicateType=https%3A%2F%2Fcyclonedx.org%2Fbom"));
        EntryQuery query = api.core.searches.get(api.core.searches.size() - 1);
        assertEquals(java.util.Map.of("sbom.format", "CycloneDX", "vex.cves", "CVE-2026-0001",
                "purl", "pkg:npm/%40scope/name@1.0.0"), query.facts());
        assertEquals("https://cyclonedx.org/bom", query.predicateType());
    }

    @Test
    void refusesAnEmptyFactValueWithA400NamingTheParameter() {
        ApiHarness.Answer answer = api.get("/api/v1/rekor/entries?fact.sbom.format=");
        assertEquals(400, answer.status(), answer::body);
        assertEquals("request.invalid", answer.json().path("code").asText());
        assertTrue(answer.json().path("detail").asText().startsWith("query parameter fact.sbom.format:"),
                answer::body);
    }

    @Test
    void answersAFactSearchTheStoreCannotDoWith501() {
        api.core.searchFailure = new org.stellaops.attestor.sdk.AttestorException("storage.unsupported",
                "the record store in use cannot search by fact");
        try {
            ApiHarness.Answer answer = api.get("/api/v1/rekor/entries?fact.sbom.format=CycloneDX");
            assertEquals(501, answer.status(), answer::body);
            assertEquals("storage.unsupported", answer.json().path("code").asText());
            assertEquals("Not Implemented", answer.json().path("title").asText());
        } finally {
            api.core.searchFailure = null;
        }
    }

    @Test
    void refusesABadSearchParameterWithA400NamingIt() {
        ApiHarness.Answer answer = api.get("/api/v1/rekor/entries?limit=5000");
        assertEquals(400, answer.status(), answer::body);
        JsonNode problem = answer.json();
        assertEquals("request.invalid", problem.path("code").asText());
        assertTrue(problem.path("detail").asText().startsWith("query parameter limit:"), answer::body);
        assertEquals("/api/v1/rekor/entries", problem.path("instance").asText());
    }

    @Test
    void readsTheAuditTrailWithFiltersAndPagePosition() {
        JsonNode page = ok(api.get("/api/v1/audit?action=entry.submit&outcome=success&before=9&limit=2"));
        AuditQuery query = api.core.auditQueries.get(api.core.auditQueries.size() - 1);
        assertEquals(new AuditQuery(TokenTable.TENANT, null, "entry.submit", null, "success", null, null, 2, 9),
                query);
        JsonNode event = page.path("events").path(0);
        assertEquals(1, event.path("seq").asLong());
        assertEquals(64, event.path("hash").asText().length());
        assertEquals("entry.submit", event.path("action").asText());
        assertTrue(page.path("next").isNull(), page::toString);
    }

    @Test
    void keepsTheLimitOnlyAuditRequestWorking() {
        JsonNode page = ok(api.get("/api/v1/audit?limit=3"));
        assertEquals(AuditQuery.newest(TokenTable.TENANT, 3), api.core.auditQueries.get(api.core.auditQueries.size() - 1));
        assertTrue(page.path("events").isArray());
    }

    @Test
    void checksTheAuditChainAsTheCallerAndGivesATenantOnlyItsOwnView() {
        JsonNode report = ok(api.get("/api/v1/audit/verify"));
        assertEquals(List.of("intact", "checked", "reason"), fieldNames(report));
        assertTrue(report.path("intact").asBoolean());
        assertEquals(1, report.path("checked").asLong());
        assertEquals(TokenTable.TENANT, last(api.core.auditVerificationTenants));
        Provenance who = last(api.core.auditVerifications);
        assertEquals("GET /api/v1/audit/verify", who.api());
        assertEquals(TokenTable.TENANT, who.tenant());
    }

    @Test
    void givesTheOperatorTheWholeChainWithHeadAndAnchors() {
        JsonNode report = ok(api.getAs(TokenTable.OPERATOR, "/api/v1/audit/verify"));
        assertEquals(3, report.path("head").path("seq").asLong());
        assertTrue(report.path("firstBroken").isNull());
        assertTrue(report.path("anchors").isArray());
        assertEquals("*", last(api.core.auditVerificationTenants));
    }

    @Test
    void servesTheCallersOwnFiguresWithoutTheSharedCacheCounters() {
        JsonNode stats = ok(api.get("/api/v1/stats"));
        assertEquals(List.of("tenant", "entries", "trustedKeys"), fieldNames(stats));
        assertEquals(TokenTable.TENANT, stats.path("tenant").asText());
    }

    @Test
    void servesTheVerificationCacheCountersToTheOperator() {
        JsonNode stats = ok(api.getAs(TokenTable.OPERATOR, "/api/v1/stats"));
        assertEquals(TokenTable.OPERATOR_TENANT, stats.path("tenant").asText());
        assertEquals(5, stats.path("verificationCache").path("hits").asLong());
        assertEquals(7, stats.path("verificationCache").path("misses").asLong());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }
}
