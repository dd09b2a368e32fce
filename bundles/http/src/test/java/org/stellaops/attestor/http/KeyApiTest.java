package org.stellaops.attestor.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.core.service.KeyService.CreateKey;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.store.TrustedKey;

/** Each key operation's happy path over real HTTP (docs/api.md, "Keys"), tenant {@value TokenTable#TENANT}. */
class KeyApiTest {

    private static final Instant PAST = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant FUTURE = Instant.parse("2999-01-01T00:00:00Z");

    private ApiHarness api;

    @BeforeEach
    void startServer() throws Exception {
        api = new ApiHarness();
    }

    @AfterEach
    void stopServer() throws Exception {
        api.close();
    }

    private ApiHarness.Answer post(String path, String json) {
        return api.sendAs(TokenTable.ALL, "POST", path, json);
    }

    @Test
    void listsTheDriversWithTheirCapabilities() {
        JsonNode drivers = api.get("/api/v1/keys").json().path("drivers");
        assertEquals(2, drivers.size());
        JsonNode file = drivers.path(0);
        assertEquals("file", file.path("name").asText());
        assertEquals(List.of("ECDSA_P256_SHA256", "ED25519"), texts(file.path("capabilities").path("algorithms")));
        assertTrue(file.path("capabilities").path("exportable").asBoolean());
        assertFalse(file.path("capabilities").path("hardwareBacked").asBoolean());
        assertFalse(file.path("capabilities").path("humanPresence").asBoolean());
        assertEquals(List.of("cosign"), texts(file.path("capabilities").path("importFormats")));
        assertEquals(List.of("cosign", "public-pem"), texts(file.path("capabilities").path("exportFormats")));
        assertFalse(file.path("ceremonies").asBoolean());
        assertTrue(drivers.path(1).path("ceremonies").asBoolean());
        assertTrue(drivers.path(1).path("capabilities").path("humanPresence").asBoolean());
    }

    @Test
    void listsTheCallersKeysByNameEachWithItsVersionsInOrder() {
        api.keys.seed(TokenTable.TENANT, "zeta", false);
        TrustedKey v1 = api.keys.seed(TokenTable.TENANT, "alpha", false);
        TrustedKey v2 = api.keys.rotate("alpha", new org.stellaops.attestor.core.service.KeyService.Rotation(null,
                null, null, null), RecordingKeys.who(TokenTable.TENANT));

        JsonNode keys = api.get("/api/v1/keys").json().path("keys");

        assertEquals(List.of("alpha", "zeta"), List.of(keys.path(0).path("name").asText(),
                keys.path(1).path("name").asText()));
        JsonNode alpha = keys.path(0);
        assertTrue(alpha.path("own").asBoolean());
        assertFalse(alpha.has("tenant"));
        assertEquals(List.of(v1.keyId(), v2.keyId()), List.of(alpha.path("versions").path(0).path("keyId").asText(),
                alpha.path("versions").path(1).path("keyId").asText()));
        assertEquals(2, alpha.path("versions").path(1).path("version").asInt());
    }

    @Test
    void showsEveryMemberOfAVersionAndNoPrivateMaterial() {
        TrustedKey key = api.keys.seed(TokenTable.TENANT, "release", false);

        ApiHarness.Answer answer = api.get("/api/v1/keys/release");

        assertEquals(200, answer.status(), answer::body);
        JsonNode version = answer.json().path("versions").path(0);
        assertEquals(List.of("keyId", "name", "version", "algorithm", "state", "validFrom", "retiredAt", "revokedAt",
                "revocationReason", "compromisedAt", "driver", "shared", "createdAt", "publicKeyPem"),
                names(version));
        assertEquals(key.keyId(), version.path("keyId").asText());
        assertEquals("ECDSA_P256_SHA256", version.path("algorithm").asText());
        assertEquals("active", version.path("state").asText());
        assertEquals("file", version.path("driver").asText());
        assertTrue(version.path("retiredAt").isNull());
        assertEquals(key.publicKeyPem(), version.path("publicKeyPem").asText());
        assertFalse(answer.body().contains("PRIVATE KEY"), answer::body);
    }

    @Test
    void computesEachVersionsStateAtTheTimeOfTheRequest() {
        TrustedKey retired = api.keys.put(api.keys.seed(TokenTable.TENANT, "old", false).retire(PAST));
        api.keys.put(api.keys.seed(TokenTable.TENANT, "scheduled", false).retire(FUTURE));

        JsonNode keys = api.get("/api/v1/keys").json().path("keys");

        assertEquals("old", keys.path(0).path("name").asText());
        assertEquals("retired", keys.path(0).path("versions").path(0).path("state").asText());
        assertEquals(retired.retiredAt().toString(), keys.path(0).path("versions").path(0).path("retiredAt").asText());
        assertEquals("active", keys.path(1).path("versions").path(0).path("state").asText());
        assertEquals(FUTURE.toString(), keys.path(1).path("versions").path(0).path("retiredAt").asText());
    }

    @Test
    void createsAKeyAsVersion1OfTheCallersTenant() {
        ApiHarness.Answer answer = post("/api/v1/keys", "{\"name\":\"release\",\"driver\":\"file\","
                + "\"algorithm\":\"ED25519\",\"validFrom\":\"2999-01-01T01:00:00+01:00\"}");

        assertEquals(201, answer.status(), answer::body);
        assertEquals("release", answer.json().path("name").asText());
        JsonNode version = answer.json().path("versions").path(0);
        assertEquals(1, version.path("version").asInt());
        assertEquals("ED25519", version.path("algorithm").asText());
        assertEquals(FUTURE.toString(), version.path("validFrom").asText());
        assertFalse(version.path("shared").asBoolean());
        CreateKey request = api.keys.created.get(0);
        assertEquals(KeyAlgorithm.ED25519, request.algorithm());
        assertEquals(TokenTable.TENANT, api.keys.provenances.get(0).tenant());
        assertEquals("POST /api/v1/keys", api.keys.provenances.get(0).api());
    }

    @Test
    void createsAP256KeyWhenNoAlgorithmIsNamed() {
        ApiHarness.Answer answer = post("/api/v1/keys", "{\"name\":\"ci\",\"driver\":\"file\"}");
        assertEquals(201, answer.status(), answer::body);
        assertNull(api.keys.created.get(0).algorithm());
        assertEquals("ECDSA_P256_SHA256", answer.json().path("versions").path(0).path("algorithm").asText());
    }

    @Test
    void rotatesAKeyIntoItsNextVersionAndSchedulesThePreviousOnesRetirement() {
        TrustedKey v1 = api.keys.seed(TokenTable.TENANT, "release", false);

        ApiHarness.Answer answer = post("/api/v1/keys/release/rotate", "{\"at\":\"2999-01-01T00:00:00Z\","
                + "\"retirePreviousAt\":\"2999-02-01T00:00:00Z\"}");

        assertEquals(201, answer.status(), answer::body);
        assertEquals(2, answer.json().path("version").asInt());
        assertEquals(FUTURE.toString(), answer.json().path("validFrom").asText());
        JsonNode shown = api.get("/api/v1/keys/release").json().path("versions");
        assertEquals(v1.keyId(), shown.path(0).path("keyId").asText());
        assertEquals("2999-02-01T00:00:00Z", shown.path(0).path("retiredAt").asText());
        assertEquals("active", shown.path(0).path("state").asText());
    }

    @Test
    void rotatesAnExternalSignersKeyToTheGivenPublicKey() throws Exception {
        api.keys.seedExternal(TokenTable.TENANT, "partner");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair next = generator.generateKeyPair();
        String pem = PublicKeys.toPem(next.getPublic()).replace("\n", "\\n");

        ApiHarness.Answer answer = post("/api/v1/keys/partner/rotate", "{\"publicKeyPem\":\"" + pem + "\"}");

        assertEquals(201, answer.status(), answer::body);
        assertEquals(PublicKeys.keyId(next.getPublic()), answer.json().path("keyId").asText());
        assertTrue(answer.json().path("driver").isNull());
    }

    @Test
    void retiresAVersionAtTheGivenTime() {
        TrustedKey key = api.keys.seed(TokenTable.TENANT, "release", false);

        ApiHarness.Answer answer = post("/api/v1/keys/release/versions/" + key.keyId() + "/retire",
                "{\"at\":\"2026-01-01T00:00:00Z\"}");

        assertEquals(200, answer.status(), answer::body);
        assertEquals(PAST.toString(), answer.json().path("retiredAt").asText());
        assertEquals("retired", answer.json().path("state").asText());
    }

    @Test
    void retiresAVersionNowWhenNoTimeIsGivenEvenWithoutABody() {
        TrustedKey key = api.keys.seed(TokenTable.TENANT, "release", false);
        ApiHarness.Answer answer = api.sendAs(TokenTable.ALL, "POST", "/api/v1/keys/release/versions/"
                + key.keyId() + "/retire", null);
        assertEquals(200, answer.status(), answer::body);
        assertEquals("retired", answer.json().path("state").asText());
    }

    @Test
    void revokesAVersionForCompromiseWithTheTimeTheCompromiseBegan() {
        TrustedKey key = api.keys.seed(TokenTable.TENANT, "release", false);

        ApiHarness.Answer answer = post("/api/v1/keys/release/versions/" + key.keyId() + "/revoke",
                "{\"reason\":\"key_compromise\",\"compromisedAt\":\"2026-01-01T00:00:00Z\"}");

        assertEquals(200, answer.status(), answer::body);
        assertEquals("revoked", answer.json().path("state").asText());
        assertEquals("key_compromise", answer.json().path("revocationReason").asText());
        assertEquals(PAST.toString(), answer.json().path("compromisedAt").asText());
        assertFalse(answer.json().path("revokedAt").isNull());
    }

    @Test
    void revokesAVersionAsSupersededWithoutACompromiseTime() {
        TrustedKey key = api.keys.seed(TokenTable.TENANT, "release", false);
        ApiHarness.Answer answer = post("/api/v1/keys/release/versions/" + key.keyId().toUpperCase() + "/revoke",
                "{\"reason\":\"superseded\"}");
        assertEquals(200, answer.status(), answer::body);
        assertEquals("superseded", answer.json().path("revocationReason").asText());
        assertTrue(answer.json().path("compromisedAt").isNull());
    }

    @Test
    void importsACosignKeyAsVersion1() {
        ApiHarness.Answer answer = post("/api/v1/keys/import", "{\"name\":\"imported\",\"driver\":\"file\","
                + "\"format\":\"cosign\",\"key\":\"-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\\nAAAA\\n-----END "
                + "ENCRYPTED SIGSTORE PRIVATE KEY-----\\n\",\"password\":\"" + RecordingKeys.IMPORT_PASSWORD + "\"}");

        assertEquals(201, answer.status(), answer::body);
        assertEquals("imported", answer.json().path("name").asText());
        assertEquals(1, answer.json().path("versions").path(0).path("version").asInt());
        assertEquals(List.of(RecordingKeys.IMPORT_PASSWORD), api.keys.passwordsSeen);
    }

    @Test
    void exportsAVersionAsAnEncryptedCosignKey() {
        TrustedKey key = api.keys.seed(TokenTable.TENANT, "release", false);

        ApiHarness.Answer answer = post("/api/v1/keys/release/versions/" + key.keyId() + "/export",
                "{\"format\":\"cosign\",\"password\":\"export-pass\"}");

        assertEquals(200, answer.status(), answer::body);
        assertEquals(List.of("format", "key"), names(answer.json()));
        assertEquals("cosign", answer.json().path("format").asText());
        assertTrue(answer.json().path("key").asText().startsWith("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----"));
        assertEquals(List.of("export-pass"), api.keys.passwordsSeen);
    }

    @Test
    void exportsAVersionsPublicKeyWithoutAPassword() {
        TrustedKey key = api.keys.seed(TokenTable.TENANT, "release", false);
        ApiHarness.Answer answer = post("/api/v1/keys/release/versions/" + key.keyId() + "/export",
                "{\"format\":\"public-pem\"}");
        assertEquals(200, answer.status(), answer::body);
        assertEquals(key.publicKeyPem(), answer.json().path("key").asText());
        assertTrue(api.keys.passwords.isEmpty());
    }

    @Test
    void keepsTheTrustKeyRoutesWorkingBesideTheKeyRoutes() {
        ApiHarness.Answer added = post("/api/v1/trust/keys", "{\"name\":\"ci\",\"publicKeyPem\":\"pem\"}");
        assertEquals(201, added.status(), added::body);
        assertEquals(1, api.get("/api/v1/trust/keys").json().path("keys").size());
    }

    static List<String> texts(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    static List<String> names(JsonNode object) {
        List<String> values = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(values::add);
        return values;
    }
}
