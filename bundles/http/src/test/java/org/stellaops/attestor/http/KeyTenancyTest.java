package org.stellaops.attestor.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.store.Tenants;
import org.stellaops.attestor.store.TrustedKey;

/**
 * Keys belong to their tenant: another tenant's key is not found by any operation, exactly like a key nobody has;
 * the operator alone shares keys and reads and changes its own keys ({@code ?owner=service}).
 */
class KeyTenancyTest {

    private ApiHarness api;
    private TrustedKey theirs;

    @BeforeEach
    void startServer() throws Exception {
        api = new ApiHarness();
        theirs = api.keys.seed(TokenTable.OTHER_TENANT, "release", false);
    }

    @AfterEach
    void stopServer() throws Exception {
        api.close();
    }

    private ApiHarness.Answer post(String token, String path, String json) {
        return api.sendAs(token, "POST", path, json);
    }

    private String theirVersion(String action) {
        return "/api/v1/keys/release/versions/" + theirs.keyId() + "/" + action;
    }

    @Test
    void anotherTenantsKeyIsNotFoundExactlyLikeAnUnknownName() {
        ApiHarness.Answer other = api.get("/api/v1/keys/release");
        ApiHarness.Answer none = api.get("/api/v1/keys/absent");
        KeyTests.assertProblem(other, 404, "key.not_found");
        assertEquals(none.body().replace("absent", "<name>"), other.body().replace("release", "<name>"));
        assertEquals(200, api.getAs(TokenTable.OTHER, "/api/v1/keys/release").status());
    }

    @Test
    void listsNeitherAnotherTenantsKeysNorItsName() {
        ApiHarness.Answer answer = api.get("/api/v1/keys");
        assertTrue(answer.json().path("keys").isEmpty(), answer::body);
        assertFalse(answer.body().contains(theirs.keyId()));
    }

    @Test
    void cannotRotateAnotherTenantsKey() {
        KeyTests.assertProblem(post(TokenTable.ALL, "/api/v1/keys/release/rotate", "{}"), 404, "key.not_found");
        assertEquals(1, api.keys.versions(TokenTable.OTHER_TENANT, "release").size());
    }

    @Test
    void cannotRetireRevokeOrExportAnotherTenantsKeyVersion() {
        KeyTests.assertProblem(post(TokenTable.ALL, theirVersion("retire"), "{}"), 404, "key.not_found");
        KeyTests.assertProblem(post(TokenTable.ALL, theirVersion("revoke"), "{\"reason\":\"key_compromise\"}"), 404,
                "key.not_found");
        KeyTests.assertProblem(post(TokenTable.ALL, theirVersion("export"), "{\"format\":\"cosign\","
                + "\"password\":\"p\"}"), 404, "key.not_found");
        TrustedKey unchanged = api.keys.versions(TokenTable.OTHER_TENANT, "release").get(0);
        assertNull(unchanged.retiredAt());
        assertNull(unchanged.revokedAt());
        assertTrue(api.keys.passwords.isEmpty());
    }

    @Test
    void cannotSignWithAnotherTenantsKey() {
        KeyTests.assertProblem(post(TokenTable.ALL, "/api/v1/sign", "{\"key\":\"" + theirs.keyId()
                + "\",\"statement\":" + KeyTests.STATEMENT + "}"), 404, "key.not_found");
    }

    @Test
    void createsKeysInTheCallersTenantUnderTheSameNameAsAnotherTenants() {
        ApiHarness.Answer answer = post(TokenTable.ALL, "/api/v1/keys", "{\"name\":\"release\",\"driver\":\"file\"}");
        assertEquals(201, answer.status(), answer::body);
        assertEquals(TokenTable.TENANT, api.keys.provenances.get(1).tenant());
    }

    @Test
    void refusesASharedKeyToAnyoneButTheOperatorWith403AndAuditsIt() {
        KeyTests.assertProblem(post(TokenTable.ALL, "/api/v1/keys", "{\"name\":\"org\",\"driver\":\"file\","
                + "\"shared\":true}"), 403, "auth.operator_only");
        KeyTests.assertProblem(post(TokenTable.ALL, "/api/v1/keys/import", "{\"name\":\"org\",\"driver\":\"file\","
                + "\"format\":\"cosign\",\"key\":\"k\",\"password\":\"p\",\"shared\":true}"), 403, "auth.operator_only");
        assertEquals(1, api.keys.created.size());
        assertEquals(List.of("auth.authorize POST /api/v1/keys auth.operator_only test#all-scopes",
                "auth.authorize POST /api/v1/keys/import auth.operator_only test#all-scopes"), api.core.securityEvents);
    }

    @Test
    void showsASharedKeyOfTheOperatorToATenantAsNotItsOwnWithoutSayingWhose() {
        ApiHarness.Answer shared = post(TokenTable.OPERATOR, "/api/v1/keys", "{\"name\":\"org\",\"driver\":\"file\","
                + "\"shared\":true}");
        assertEquals(201, shared.status(), shared::body);
        assertEquals(TokenTable.OPERATOR_TENANT, shared.json().path("tenant").asText());

        JsonNode key = api.get("/api/v1/keys").json().path("keys").path(0);

        assertEquals("org", key.path("name").asText());
        assertFalse(key.path("own").asBoolean());
        assertFalse(key.has("tenant"));
        assertTrue(key.path("versions").path(0).path("shared").asBoolean());
    }

    @Test
    void listsTheOperatorsOwnKeysForTheOperatorWithOwnerService() {
        TrustedKey service = api.keys.seed(Tenants.OPERATOR, "attestor-service", false);

        JsonNode answer = api.getAs(TokenTable.OPERATOR, "/api/v1/keys?owner=service").json();

        JsonNode key = answer.path("keys").path(0);
        assertEquals(1, answer.path("keys").size());
        assertEquals("attestor-service", key.path("name").asText());
        assertTrue(key.path("own").asBoolean());
        assertEquals("", key.path("tenant").asText());
        assertEquals(service.keyId(), key.path("versions").path(0).path("keyId").asText());
        assertEquals(200, api.getAs(TokenTable.OPERATOR, "/api/v1/keys/attestor-service?owner=service").status());
    }

    @Test
    void letsTheOperatorRetireItsOwnKeysVersionAsTheDeployment() {
        TrustedKey service = api.keys.seed(Tenants.OPERATOR, "attestor-service", false);
        ApiHarness.Answer answer = post(TokenTable.OPERATOR, "/api/v1/keys/attestor-service/versions/"
                + service.keyId() + "/retire?owner=service", "{\"at\":\"2999-01-01T00:00:00Z\"}");
        assertEquals(200, answer.status(), answer::body);
        var who = api.keys.provenances.get(api.keys.provenances.size() - 1);
        assertEquals(Tenants.OPERATOR, who.tenant());
        assertEquals("test#operator", who.principal());
    }

    @Test
    void refusesOwnerServiceToAnyoneButTheOperatorWith403AndAuditsIt() {
        api.keys.seed(Tenants.OPERATOR, "attestor-service", false);
        ApiHarness.Answer answer = api.get("/api/v1/keys?owner=service");
        KeyTests.assertProblem(answer, 403, "auth.operator_only");
        assertFalse(answer.body().contains("attestor-service"));
        assertEquals(List.of("auth.authorize GET /api/v1/keys auth.operator_only test#all-scopes"),
                api.core.securityEvents);
    }

    @Test
    void refusesAnotherOwnerThanServiceWith400() {
        KeyTests.assertProblem(api.getAs(TokenTable.OPERATOR, "/api/v1/keys?owner=" + TokenTable.OTHER_TENANT), 400,
                "request.invalid");
    }

    @Test
    void refusesOwnerServiceOnAnOperationThatDoesNotTakeIt() {
        KeyTests.assertProblem(post(TokenTable.OPERATOR, "/api/v1/keys?owner=service",
                "{\"name\":\"n\",\"driver\":\"file\"}"), 400, "request.invalid");
        KeyTests.assertProblem(post(TokenTable.OPERATOR, "/api/v1/sign?owner=service",
                "{\"key\":\"n\",\"statement\":" + KeyTests.STATEMENT + "}"), 400, "request.invalid");
    }
}
