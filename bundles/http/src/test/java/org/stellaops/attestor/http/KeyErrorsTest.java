package org.stellaops.attestor.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.store.TrustedKey;

/** Every class of refusal of the key API, each an RFC 9457 problem with its code and status. */
class KeyErrorsTest {

    private ApiHarness api;
    private TrustedKey key;

    @BeforeEach
    void startServer() throws Exception {
        api = new ApiHarness();
        key = api.keys.seed(TokenTable.TENANT, "release", false);
    }

    @AfterEach
    void stopServer() throws Exception {
        api.close();
    }

    private ApiHarness.Answer post(String path, String json) {
        return api.sendAs(TokenTable.ALL, "POST", path, json);
    }

    private String versionPath(String action) {
        return "/api/v1/keys/release/versions/" + key.keyId() + "/" + action;
    }

    @Test
    void refusesAnUnknownKeyWith404() {
        KeyTests.assertProblem(api.get("/api/v1/keys/absent"), 404, "key.not_found");
        KeyTests.assertProblem(post("/api/v1/keys/absent/rotate", "{}"), 404, "key.not_found");
    }

    @Test
    void refusesAVersionThatBelongsToAnotherKeyOfTheTenantWith404() {
        TrustedKey other = api.keys.seed(TokenTable.TENANT, "other", false);
        KeyTests.assertProblem(post("/api/v1/keys/release/versions/" + other.keyId() + "/revoke",
                "{\"reason\":\"superseded\"}"), 404, "key.not_found");
        assertFalse(api.get("/api/v1/keys/other").json().path("versions").path(0).path("revokedAt").isTextual());
    }

    @Test
    void refusesATakenNameWith409() {
        KeyTests.assertProblem(post("/api/v1/keys", "{\"name\":\"release\",\"driver\":\"file\"}"), 409,
                "key.name_conflict");
    }

    @Test
    void refusesARevocationOfARevokedVersionWith409() {
        assertEquals(200, post(versionPath("revoke"), "{\"reason\":\"superseded\"}").status());
        KeyTests.assertProblem(post(versionPath("revoke"), "{\"reason\":\"superseded\"}"), 409,
                "key.already_revoked");
        KeyTests.assertProblem(post(versionPath("retire"), "{}"), 409, "key.already_revoked");
    }

    @Test
    void refusesARevocationWithoutAReasonOrWithAnUnknownOne() {
        KeyTests.assertProblem(post(versionPath("revoke"), "{}"), 400, "request.malformed");
        ApiHarness.Answer unknown = post(versionPath("revoke"), "{\"reason\":\"lost\"}");
        KeyTests.assertProblem(unknown, 400, "request.malformed");
        assertTrue(unknown.json().path("detail").asText().contains("key_compromise"), unknown::body);
        assertEquals(1, api.keys.provenances.size(), "only the seed reached the key service");
    }

    @Test
    void refusesACompromiseTimeForAnotherReason() {
        KeyTests.assertProblem(post(versionPath("revoke"), "{\"reason\":\"superseded\","
                + "\"compromisedAt\":\"2026-01-01T00:00:00Z\"}"), 400, "request.malformed");
    }

    @Test
    void refusesATimeThatIsNotRfc3339() {
        ApiHarness.Answer answer = post(versionPath("retire"), "{\"at\":\"2026-01-01\"}");
        KeyTests.assertProblem(answer, 400, "request.malformed");
        assertTrue(answer.json().path("detail").asText().contains("\"at\""), answer::body);
    }

    @Test
    void refusesAnAlgorithmThatIsNotAConstantName() {
        KeyTests.assertProblem(post("/api/v1/keys", "{\"name\":\"n\",\"driver\":\"file\","
                + "\"algorithm\":\"PKIX_ECDSA_P256_SHA_256\"}"), 400, "key.unsupported_algorithm");
        assertEquals(1, api.keys.created.size(), "only the seeded key was created");
    }

    @Test
    void refusesAnAlgorithmTheDriverCannotMakeWith400() {
        KeyTests.assertProblem(post("/api/v1/keys", "{\"name\":\"n\",\"driver\":\"file\","
                + "\"algorithm\":\"RSA_PSS_SHA256\"}"), 400, "key.unsupported_algorithm");
    }

    @Test
    void refusesAnInvalidNameWith400() {
        KeyTests.assertProblem(post("/api/v1/keys", "{\"name\":\"a b\",\"driver\":\"file\"}"), 400,
                "key.invalid_input");
    }

    @Test
    void refusesAnExportOfAnExternalSignersKeyAsUnsupported() {
        TrustedKey external = api.keys.seedExternal(TokenTable.TENANT, "partner");
        KeyTests.assertProblem(post("/api/v1/keys/partner/versions/" + external.keyId() + "/export",
                "{\"format\":\"public-pem\"}"), 400, "key.unsupported_operation");
    }

    @Test
    void answersAStoppedDriverAtOnceWith503() {
        api.keys.fileDriverStopped = true;
        KeyTests.assertProblem(post("/api/v1/keys", "{\"name\":\"n\",\"driver\":\"file\"}"), 503,
                "key.driver_unavailable");
        KeyTests.assertProblem(post("/api/v1/keys/release/rotate", "{}"), 503, "key.driver_unavailable");
        assertEquals(List.of("fido2"), api.get("/api/v1/keys").json().path("drivers").findValuesAsText("name"));
    }

    @Test
    void refusesAMemberTheOperationDoesNotTake() {
        ApiHarness.Answer answer = post("/api/v1/keys", "{\"name\":\"n\",\"driver\":\"file\",\"tenant\":\"x\"}");
        KeyTests.assertProblem(answer, 400, "request.malformed");
        assertTrue(answer.json().path("detail").asText().contains("unknown member \"tenant\""), answer::body);
    }

    @Test
    void refusesAMemberOfTheWrongType() {
        KeyTests.assertProblem(post("/api/v1/keys", "{\"name\":\"n\",\"driver\":\"file\",\"shared\":\"no\"}"), 400,
                "request.malformed");
        KeyTests.assertProblem(post("/api/v1/keys", "{\"name\":7,\"driver\":\"file\"}"), 400, "request.malformed");
    }

    @Test
    void refusesADuplicateMember() {
        KeyTests.assertProblem(post("/api/v1/keys", "{\"name\":\"n\",\"name\":\"m\",\"driver\":\"file\"}"), 400,
                "json.duplicate_member");
    }

    @Test
    void refusesABodyThatIsNotAnObject() {
        KeyTests.assertProblem(post("/api/v1/keys", "[]"), 400, "request.malformed");
    }

    @Test
    void refusesABodyOverTheLimitBeforeParsingIt() {
        String big = "{\"name\":\"" + "n".repeat(KeyEndpoints.KEY_BODY_BYTES) + "\",\"driver\":\"file\"}";
        KeyTests.assertProblem(post("/api/v1/keys", big), 413, "request.too_large");
        assertEquals(1, api.keys.created.size());
    }

    @Test
    void refusesABodyThatIsNotJson() {
        ApiHarness.Answer answer = api.post("/api/v1/keys", "text/plain", "name=n".getBytes());
        KeyTests.assertProblem(answer, 415, "request.unsupported_media_type");
    }

    @Test
    void refusesAQueryParameterTheOperationDoesNotTake() {
        KeyTests.assertProblem(api.get("/api/v1/keys?tenant=" + TokenTable.OTHER_TENANT), 400, "request.invalid");
        KeyTests.assertProblem(post("/api/v1/keys?dryRun=true", "{\"name\":\"n\",\"driver\":\"file\"}"), 400,
                "request.invalid");
    }

    @Test
    void refusesAnotherMethodOnAKeyPathWith405() {
        KeyTests.assertProblem(api.sendAs(TokenTable.ALL, "DELETE", "/api/v1/keys/release", null), 405,
                "request.method_not_allowed");
    }

    @Test
    void needsTheAdminScopeToChangeKeysAndTheReadScopeToListThem() {
        KeyTests.assertProblem(api.sendAs(TokenTable.READ_ONLY, "POST", "/api/v1/keys",
                "{\"name\":\"n\",\"driver\":\"file\"}"), 403, "auth.insufficient_scope");
        assertEquals(200, api.getAs(TokenTable.READ_ONLY, "/api/v1/keys").status());
    }
}
