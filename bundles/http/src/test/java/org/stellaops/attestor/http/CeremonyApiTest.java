package org.stellaops.attestor.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The security-key ceremonies: registering a key and approving one signature, each started and finished by the same
 * principal, with the browser's options handed back as a JSON object.
 */
class CeremonyApiTest {

    private static final String CREDENTIAL = "{\"id\":\"cred-1\",\"type\":\"public-key\",\"response\":{}}";

    private ApiHarness api;

    @BeforeEach
    void startServer() throws Exception {
        api = new ApiHarness();
    }

    @AfterEach
    void stopServer() throws Exception {
        api.close();
    }

    private ApiHarness.Answer post(String token, String path, String json) {
        return api.sendAs(token, "POST", path, json);
    }

    private String register(String name) {
        JsonNode started = post(TokenTable.ALL, "/api/v1/keys/registrations",
                "{\"driver\":\"fido2\",\"name\":\"" + name + "\"}").json();
        String id = started.path("ceremonyId").asText();
        ApiHarness.Answer finished = post(TokenTable.ALL, "/api/v1/keys/registrations/" + id,
                "{\"driver\":\"fido2\",\"credential\":" + CREDENTIAL + "}");
        assertEquals(201, finished.status(), finished::body);
        return finished.json().path("versions").path(0).path("keyId").asText();
    }

    @Test
    void startsARegistrationWithTheBrowserOptionsAsAnObject() {
        ApiHarness.Answer answer = post(TokenTable.ALL, "/api/v1/keys/registrations",
                "{\"driver\":\"fido2\",\"name\":\"yubikey\"}");

        assertEquals(201, answer.status(), answer::body);
        assertEquals(java.util.List.of("ceremonyId", "options", "expiresAt"), KeyApiTest.names(answer.json()));
        assertTrue(answer.json().path("options").isObject());
        assertEquals("localhost", answer.json().path("options").path("rp").path("id").asText());
        assertTrue(Instant.parse(answer.json().path("expiresAt").asText()).isAfter(Fixtures.T0));
        assertEquals("test#all-scopes", api.keys.provenances.get(0).principal());
    }

    @Test
    void finishesARegistrationIntoVersion1OfASecurityKey() {
        register("yubikey");
        JsonNode version = api.get("/api/v1/keys/yubikey").json().path("versions").path(0);
        assertEquals("WEBAUTHN_ES256", version.path("algorithm").asText());
        assertEquals("fido2", version.path("driver").asText());
    }

    @Test
    void letsOnlyThePrincipalWhoStartedACeremonyFinishIt() {
        String id = post(TokenTable.ALL, "/api/v1/keys/registrations", "{\"driver\":\"fido2\",\"name\":\"yk\"}")
                .json().path("ceremonyId").asText();
        KeyTests.assertProblem(post(TokenTable.COLLEAGUE, "/api/v1/keys/registrations/" + id,
                "{\"driver\":\"fido2\",\"credential\":" + CREDENTIAL + "}"), 400, "key.invalid_input");
        assertTrue(api.get("/api/v1/keys").json().path("keys").isEmpty());
    }

    @Test
    void refusesACredentialThatIsNotAJsonObject() {
        String id = post(TokenTable.ALL, "/api/v1/keys/registrations", "{\"driver\":\"fido2\",\"name\":\"yk\"}")
                .json().path("ceremonyId").asText();
        KeyTests.assertProblem(post(TokenTable.ALL, "/api/v1/keys/registrations/" + id,
                "{\"driver\":\"fido2\",\"credential\":\"cred-1\"}"), 400, "request.malformed");
    }

    @Test
    void refusesARegistrationInADriverWithoutCeremonies() {
        KeyTests.assertProblem(post(TokenTable.ALL, "/api/v1/keys/registrations",
                "{\"driver\":\"file\",\"name\":\"yk\"}"), 400, "key.unsupported_operation");
    }

    @Test
    void signsInACeremonyAndSubmitsTheEnvelope() {
        String keyId = register("yubikey");
        ApiHarness.Answer started = post(TokenTable.ALL, "/api/v1/sign/ceremonies",
                "{\"key\":\"yubikey\",\"statement\":" + KeyTests.STATEMENT + ",\"submit\":true}");
        assertEquals(201, started.status(), started::body);
        assertTrue(started.json().path("options").has("challenge"));

        ApiHarness.Answer finished = post(TokenTable.ALL, "/api/v1/sign/ceremonies/"
                + started.json().path("ceremonyId").asText(), "{\"credential\":" + CREDENTIAL + "}");

        assertEquals(201, finished.status(), finished::body);
        assertEquals(keyId, finished.json().path("keyId").asText());
        assertEquals(keyId, finished.json().path("envelope").path("signatures").path(0).path("keyid").asText());
        assertTrue(finished.headers().firstValue("Location").isPresent());
    }

    @Test
    void answersAFinishedCeremonySignatureWithoutSubmissionAsASignature() {
        register("yubikey");
        String id = post(TokenTable.ALL, "/api/v1/sign/ceremonies", "{\"key\":\"yubikey\",\"statement\":"
                + KeyTests.STATEMENT + "}").json().path("ceremonyId").asText();
        ApiHarness.Answer finished = post(TokenTable.ALL, "/api/v1/sign/ceremonies/" + id,
                "{\"credential\":" + CREDENTIAL + "}");
        assertEquals(200, finished.status(), finished::body);
        assertEquals(java.util.List.of("envelope", "keyId", "version"), KeyApiTest.names(finished.json()));
    }

    @Test
    void refusesAServerSideSignatureWithASecurityKey() {
        register("yubikey");
        KeyTests.assertProblem(post(TokenTable.ALL, "/api/v1/sign", "{\"key\":\"yubikey\",\"statement\":"
                + KeyTests.STATEMENT + "}"), 400, "key.unsupported_operation");
    }

    @Test
    void refusesAnotherTenantsCeremony() {
        register("yubikey");
        String id = post(TokenTable.ALL, "/api/v1/sign/ceremonies", "{\"key\":\"yubikey\",\"statement\":"
                + KeyTests.STATEMENT + "}").json().path("ceremonyId").asText();
        ApiHarness.Answer other = post(TokenTable.OTHER, "/api/v1/sign/ceremonies/" + id,
                "{\"credential\":" + CREDENTIAL + "}");
        KeyTests.assertProblem(other, 400, "key.invalid_input");
        assertFalse(other.body().contains("envelope"));
    }
}
