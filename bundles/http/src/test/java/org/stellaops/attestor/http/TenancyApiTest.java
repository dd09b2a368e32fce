package org.stellaops.attestor.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.store.EntryCursor;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.LogTarget;
import org.stellaops.attestor.store.Tenants;

/**
 * Tenant isolation and the operator's rules over real HTTP (docs/dev/tenancy.md), the core replaced by a recorder
 * that keeps records and keys per tenant as the real core does. Callers: {@link TokenTable#ALL} (tenant
 * {@value TokenTable#TENANT}), {@link TokenTable#OTHER} ({@value TokenTable#OTHER_TENANT}) and
 * {@link TokenTable#OPERATOR} (the configured operator tenant {@value TokenTable#OPERATOR_TENANT}).
 */
class TenancyApiTest {

    private static final String PEM = "-----BEGIN PUBLIC KEY-----\\nMFkw\\n-----END PUBLIC KEY-----\\n";

    private ApiHarness api;
    private EntryRecord theirs;

    @BeforeEach
    void startServer() throws Exception {
        api = new ApiHarness();
        theirs = Fixtures.record("cd".repeat(32), LogTarget.LOGGED, TokenTable.OTHER_TENANT);
        api.core.store(theirs);
    }

    @AfterEach
    void stopServer() throws Exception {
        api.close();
    }

    private static void assertProblem(ApiHarness.Answer answer, int status, String code) {
        assertEquals(status, answer.status(), answer::body);
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer::contentType);
        assertEquals(code, answer.json().path("code").asText(), answer::body);
    }

    /** The problem with the asked id replaced, so that two answers about different ids compare. */
    private static JsonNode withoutId(ApiHarness.Answer answer, String id) {
        return ApiHarness.JSON.valueToTree(answer.body().replace(id, "<id>"));
    }

    @Test
    void anotherTenantsRecordIsNotFoundExactlyLikeAnUnknownId() {
        for (String id : List.of(theirs.uuid(), theirs.envelopeDigest())) {
            String unknown = id.substring(0, id.length() - 4) + "ffff";
            ApiHarness.Answer other = api.get("/api/v1/rekor/entries/" + id);
            ApiHarness.Answer none = api.get("/api/v1/rekor/entries/" + unknown);
            assertProblem(other, 404, "entry.not_found");
            assertEquals(withoutId(none, unknown), withoutId(other, id));
            assertEquals(none.headers().map().keySet(), other.headers().map().keySet());
        }
        assertEquals(200, api.getAs(TokenTable.OTHER, "/api/v1/rekor/entries/" + theirs.uuid()).status());
        assertEquals(List.of(TokenTable.TENANT, TokenTable.TENANT, TokenTable.TENANT, TokenTable.TENANT,
                TokenTable.OTHER_TENANT), api.core.fetchTenants);
    }

    @Test
    void anotherTenantsProofIsNotFoundExactlyLikeAnUnknownId() {
        String unknown = "ef".repeat(32);
        ApiHarness.Answer other = api.get("/api/v1/rekor/entries/" + theirs.uuid() + "/tlog-proof");
        ApiHarness.Answer none = api.get("/api/v1/rekor/entries/" + unknown + "/tlog-proof");
        assertProblem(other, 404, "entry.not_found");
        assertEquals(withoutId(none, unknown), withoutId(other, theirs.uuid()));
    }

    @Test
    void verifyingAnotherTenantsStoredIdIsNotFound() {
        ApiHarness.Answer answer = api.sendAs(TokenTable.ALL, "POST", "/api/v1/rekor/verify",
                "{\"uuid\":\"" + theirs.uuid() + "\"}");
        assertProblem(answer, 404, "entry.not_found");
        assertEquals(TokenTable.TENANT, api.core.provenances.get(0).tenant());
        ApiHarness.Answer owner = api.sendAs(TokenTable.OTHER, "POST", "/api/v1/rekor/verify",
                "{\"uuid\":\"" + theirs.uuid() + "\"}");
        assertEquals(200, owner.status(), owner::body);
    }

    @Test
    void writesBelongToTheCallersTenant() {
        ApiHarness.Answer answer = api.sendAs(TokenTable.OTHER, "POST", "/api/v1/rekor/entries:batch",
                "{\"envelopes\":[{\"payloadType\":\"t\",\"payload\":\"x\",\"signatures\":[{\"sig\":\"ok\"}]}]}");
        assertEquals(200, answer.status(), answer::body);
        assertEquals(TokenTable.OTHER_TENANT, api.core.provenances.get(0).tenant());
    }

    @Test
    void refusedAuthenticationsAreTheDeploymentsEventsAndRefusedScopesTheCallersTenants() {
        api.send("GET", "/api/v1/stats");
        api.send("POST", "/api/v1/trust/keys", "Authorization", "Bearer " + TokenTable.READ_ONLY);
        assertEquals(Tenants.OPERATOR, api.core.securityProvenances.get(0).tenant());
        assertEquals(TokenTable.TENANT, api.core.securityProvenances.get(1).tenant());
    }

    @Test
    void searchesTheCallersOwnRecords() {
        assertEquals(200, api.getAs(TokenTable.OTHER, "/api/v1/rekor/entries?limit=5").status());
        assertEquals(TokenTable.OTHER_TENANT, api.core.searches.get(0).tenant());
    }

    @Test
    void refusesACursorOfAnotherTenantsSearchWith400() {
        String cursor = new EntryCursor(TokenTable.OTHER_TENANT, Instant.parse("2026-03-01T12:00:00Z"),
                theirs.envelopeDigest()).encode();
        ApiHarness.Answer answer = api.get("/api/v1/rekor/entries?cursor=" + cursor);
        assertProblem(answer, 400, "request.invalid");
        assertTrue(answer.json().path("detail").asText().startsWith("query parameter cursor:"), answer::body);
        assertTrue(api.core.searches.isEmpty());
    }

    @Test
    void refusesANamedTenantToAnyoneButTheOperatorWith403AndAuditsIt() {
        ApiHarness.Answer search = api.get("/api/v1/rekor/entries?tenant=" + TokenTable.OTHER_TENANT);
        assertProblem(search, 403, "auth.operator_only");
        ApiHarness.Answer audit = api.get("/api/v1/audit?tenant=*");
        assertProblem(audit, 403, "auth.operator_only");
        assertTrue(api.core.searches.isEmpty());
        assertTrue(api.core.auditQueries.isEmpty());
        assertEquals(List.of("auth.authorize GET /api/v1/rekor/entries auth.operator_only test#all-scopes",
                "auth.authorize GET /api/v1/audit auth.operator_only test#all-scopes"), api.core.securityEvents);
        assertEquals(TokenTable.TENANT, api.core.securityProvenances.get(0).tenant());
    }

    @Test
    void letsTheOperatorSearchANamedTenantsRecords() {
        ApiHarness.Answer answer = api.getAs(TokenTable.OPERATOR, "/api/v1/rekor/entries?tenant="
                + TokenTable.OTHER_TENANT);
        assertEquals(200, answer.status(), answer::body);
        assertEquals(TokenTable.OTHER_TENANT, api.core.searches.get(0).tenant());
        assertProblem(api.getAs(TokenTable.OPERATOR, "/api/v1/rekor/entries?tenant=*"), 400, "request.invalid");
    }

    @Test
    void readsTheCallersOwnAuditTrailAndEveryTenantsOnlyForTheOperator() {
        assertEquals(200, api.get("/api/v1/audit").status());
        assertEquals(200, api.getAs(TokenTable.OPERATOR, "/api/v1/audit?tenant=*").status());
        JsonNode page = api.getAs(TokenTable.OPERATOR, "/api/v1/audit?tenant=" + TokenTable.OTHER_TENANT).json();
        assertEquals(TokenTable.TENANT, api.core.auditQueries.get(0).tenant());
        assertEquals(null, api.core.auditQueries.get(1).tenant());
        assertEquals(TokenTable.OTHER_TENANT, api.core.auditQueries.get(2).tenant());
        assertEquals(TokenTable.OTHER_TENANT, page.path("events").path(0).path("tenant").asText());
    }

    @Test
    void refusesASharedKeyToAnyoneButTheOperatorWith403AndAuditsIt() {
        ApiHarness.Answer answer = api.sendAs(TokenTable.ALL, "POST", "/api/v1/trust/keys",
                "{\"name\":\"release\",\"publicKeyPem\":\"" + PEM + "\",\"shared\":true}");
        assertProblem(answer, 403, "auth.operator_only");
        assertTrue(api.core.addedKeys.isEmpty());
        assertEquals(List.of("auth.authorize POST /api/v1/trust/keys auth.operator_only test#all-scopes"),
                api.core.securityEvents);
    }

    @Test
    void addsATenantsOwnKeyWithoutTheSharedFlag() {
        ApiHarness.Answer answer = api.sendAs(TokenTable.ALL, "POST", "/api/v1/trust/keys",
                "{\"name\":\"ci\",\"publicKeyPem\":\"" + PEM + "\"}");
        assertEquals(201, answer.status(), answer::body);
        assertFalse(answer.json().path("shared").asBoolean());
        assertFalse(answer.json().has("tenant"));
        assertEquals(List.of("ci false " + TokenTable.TENANT), api.core.addedKeys);
    }

    @Test
    void refusesASharedFlagThatIsNotABoolean() {
        assertProblem(api.sendAs(TokenTable.OPERATOR, "POST", "/api/v1/trust/keys",
                "{\"name\":\"ci\",\"publicKeyPem\":\"" + PEM + "\",\"shared\":\"yes\"}"), 400, "request.malformed");
        assertTrue(api.core.addedKeys.isEmpty());
    }

    @Test
    void letsTheOperatorShareAKeyAndShowsTheOperatorWhoseKeysAreListed() {
        ApiHarness.Answer added = api.sendAs(TokenTable.OPERATOR, "POST", "/api/v1/trust/keys",
                "{\"name\":\"release\",\"publicKeyPem\":\"" + PEM + "\",\"shared\":true}");
        assertEquals(201, added.status(), added::body);
        assertTrue(added.json().path("shared").asBoolean());
        assertEquals(TokenTable.OPERATOR_TENANT, added.json().path("tenant").asText());
        JsonNode tenantList = api.get("/api/v1/trust/keys").json().path("keys");
        assertEquals(1, tenantList.size());
        assertTrue(tenantList.path(0).path("shared").asBoolean());
        assertFalse(tenantList.path(0).has("tenant"));
    }

    @Test
    void listsOnlyTheCallersOwnAndSharedKeys() {
        api.core.key("aa".repeat(32), TokenTable.OTHER_TENANT, false);
        api.core.key("bb".repeat(32), TokenTable.TENANT, false);
        JsonNode keys = api.get("/api/v1/trust/keys").json().path("keys");
        assertEquals(1, keys.size());
        assertEquals("bb".repeat(32), keys.path(0).path("keyId").asText());
    }

    @Test
    void revokingAnotherTenantsKeyIsNotFound() {
        api.core.key("aa".repeat(32), TokenTable.OTHER_TENANT, false);
        assertProblem(api.sendAs(TokenTable.ALL, "DELETE", "/api/v1/trust/keys/" + "aa".repeat(32), null), 404,
                "trust.key_not_found");
        ApiHarness.Answer owner = api.sendAs(TokenTable.OTHER, "DELETE", "/api/v1/trust/keys/" + "aa".repeat(32),
                null);
        assertEquals(200, owner.status(), owner::body);
        assertTrue(owner.json().path("revoked").asBoolean());
    }

    @Test
    void showsTheLogBacklogOfEveryTenantToTheOperatorOnly() {
        JsonNode tenantLog = api.get("/api/v1/logs").json().path("logs").path(0);
        assertFalse(tenantLog.has("pendingTargets"));
        assertTrue(tenantLog.path("available").asBoolean());
        JsonNode operatorLog = api.getAs(TokenTable.OPERATOR, "/api/v1/logs").json().path("logs").path(0);
        assertEquals(4, operatorLog.path("pendingTargets").asLong());
    }

    @Test
    void countsOnlyTheCallersOwnRecordsInItsStatistics() {
        assertEquals(0, api.get("/api/v1/stats").json().path("entries").asLong());
        assertEquals(1, api.getAs(TokenTable.OTHER, "/api/v1/stats").json().path("entries").asLong());
    }

    @Test
    void withoutAnOperatorTenantNobodyIsTheOperator() throws Exception {
        try (ApiHarness none = new ApiHarness("")) {
            assertProblem(none.sendAs(TokenTable.OPERATOR, "POST", "/api/v1/trust/keys",
                    "{\"name\":\"release\",\"publicKeyPem\":\"" + PEM + "\",\"shared\":true}"), 403,
                    "auth.operator_only");
            assertProblem(none.getAs(TokenTable.OPERATOR, "/api/v1/audit?tenant=*"), 403, "auth.operator_only");
            assertFalse(none.getAs(TokenTable.OPERATOR, "/api/v1/stats").json().has("verificationCache"));
            assertFalse(none.getAs(TokenTable.OPERATOR, "/api/v1/audit/verify").json().has("head"));
        }
    }
}
