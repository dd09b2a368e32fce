package org.stellaops.attestor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.stellaops.attestor.sdk.crypto.PrivateKeys;
import org.stellaops.attestor.sdk.crypto.PublicKeys;

/**
 * {@code POST /api/v1/keys/import} and {@code …/versions/{keyId}/export} (docs/api.md, "Keys", import and export)
 * with cosign key pairs: encrypted {@code cosign.key} files made by the test ({@link CosignKeys}) and one written by
 * cosign itself, imported into the file driver, used to sign, and exported back under a new password.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CosignKeyTransferIT {

    private static final String PASSWORD = "correct horse battery staple 7";
    private static final String EXPORT_PASSWORD = "another long export password 9";
    private static final String WRONG_PASSWORD = "not the password 3";

    /**
     * A key pair written by {@code cosign generate-key-pair}, published with its password and its {@code cosign.pub}
     * in elastic/harp, samples/cosign-with-gha/README.md (the same data as the keys-file unit tests' vector).
     */
    private static final String COSIGN_WRITTEN_KEY = """
            -----BEGIN ENCRYPTED COSIGN PRIVATE KEY-----
            eyJrZGYiOnsibmFtZSI6InNjcnlwdCIsInBhcmFtcyI6eyJOIjozMjc2OCwiciI6
            OCwicCI6MX0sInNhbHQiOiJORWY0SzZ3VWZRWW1Ya3FySXB0WStLd3VHcnBJSkZ4
            UUNJQzA3cGVndkZrPSJ9LCJjaXBoZXIiOnsibmFtZSI6Im5hY2wvc2VjcmV0Ym94
            Iiwibm9uY2UiOiJxOXlEbUNUa2t1bi9jWjV4Mzc5Vlh4WDBSTmgrc2djeSJ9LCJj
            aXBoZXJ0ZXh0IjoiN1NIWjZMbkdpS0NiUUhuWG1ZamFxV0YrUzI5NXhhc3ZWOVJ4
            dzVFNXJmM0FRa2lCZVNOSVE2RlpMSExsaDNkdGhFdi82NzJ3V2VBM3dHNHBRZEx4
            UU54aWQ4b0MzRURZNkNtM3laaDRyZGhqUUNsTlVxVmhCWTlCSUxud1JsOE5nVm9s
            a2RiazVHZVFyQUF1SG5uSks1RDQ1dUlUS0k0YWIzRzN3amF3WUx3azVjNXYydDhJ
            ajFMWjVyRlNZamNkMXBYc3Bveml0eU56RkE9PSJ9
            -----END ENCRYPTED COSIGN PRIVATE KEY-----
            """;
    private static final String COSIGN_WRITTEN_PASSWORD =
            "7cqF]\\FP0ss9uO![olGf32L+UobBCn:BqVWRZbV6=FEhv3jt>I240Ew)SYwe`ncD";
    private static final String COSIGN_WRITTEN_PUB = """
            -----BEGIN PUBLIC KEY-----
            MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAESUVHp/bUkwMfoM3swWUbBgMt80o2
            x93ZquFX+D/8DBhcR+DWQSebyqsl/YEenL1GeLWmdCKSNROmvjnBV6N7uA==
            -----END PUBLIC KEY-----
            """;

    private AttestorProcess server;
    private KeyApi keys;
    /** "imported": a generated P-256 cosign key imported in {@link #startAndImport}. */
    private KeyPair imported;
    private JsonNode importedV1;

    @BeforeAll
    void startAndImport() {
        server = AttestorProcess.startFresh();
        keys = new KeyApi(new ApiClient(server));
        imported = generate("ECDSA_P256_SHA256");
        importedV1 = KeyApi.version(importCosign("imported", CosignKeys.encrypt(imported.getPrivate().getEncoded(),
                PASSWORD), PASSWORD), 1);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private ApiResponse importResponse(String name, String cosignKey, String password) {
        return keys.api().postJson("/api/v1/keys/import", Map.of("name", name, "driver", "file", "format", "cosign",
                "key", cosignKey, "password", password));
    }

    private JsonNode importCosign(String name, String cosignKey, String password) {
        ApiResponse answer = importResponse(name, cosignKey, password);
        assertEquals(201, answer.status(), answer::describe);
        return answer.json();
    }

    private ApiResponse export(Map<String, String> body) {
        return keys.api().postJson("/api/v1/keys/imported/versions/" + importedV1.path("keyId").asText() + "/export",
                body);
    }

    private static KeyPair generate(String algorithm) {
        try {
            if (algorithm.equals("ED25519")) {
                return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String keyIdOfPrivate(byte[] pkcs8) {
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(pkcs8) + "\n-----END PRIVATE KEY-----\n";
        return PublicKeys.keyId(PrivateKeys.publicKeyOf(PrivateKeys.parsePem(pem)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ECDSA_P256_SHA256", "ED25519"})
    void importsACosignKeyAsTheFirstVersionOfANewKey(String algorithm) {
        KeyPair pair = generate(algorithm);
        String name = "imported-" + algorithm.toLowerCase(Locale.ROOT);
        JsonNode key = importCosign(name, CosignKeys.encrypt(pair.getPrivate().getEncoded(), PASSWORD), PASSWORD);

        JsonNode v1 = KeyApi.version(key, 1);
        assertEquals(PublicKeys.keyId(pair.getPublic()), v1.path("keyId").asText(), key::toString);
        assertEquals(algorithm, v1.path("algorithm").asText(), key::toString);
        assertEquals("file", v1.path("driver").asText(), key::toString);
        assertEquals("active", v1.path("state").asText(), key::toString);
        assertEquals(key, keys.show(name));
    }

    @Test
    void importsAKeyThatCosignItselfWrote() {
        JsonNode v1 = KeyApi.version(importCosign("written-by-cosign", COSIGN_WRITTEN_KEY, COSIGN_WRITTEN_PASSWORD), 1);
        assertEquals(PublicKeys.keyId(PublicKeys.parsePem(COSIGN_WRITTEN_PUB)), v1.path("keyId").asText(),
                v1::toString);
    }

    @Test
    void anImportedKeySignsEnvelopesThatVerifyWithTheOriginalPublicKey() {
        JsonNode signed = keys.sign("imported", "signed-by-imported.jar");
        assertTrue(KeyApi.verifiesWith(KeyApi.envelope(signed), PublicKeys.toPem(imported.getPublic())),
                signed::toString);
        JsonNode record = keys.submitted(KeyApi.envelope(signed));
        assertTrue(keys.verifyRecord(record.path("uuid").asText()).path("verified").asBoolean(), record::toString);
    }

    @Test
    void exportsACosignKeyThatOpensWithTheNewPasswordToTheSameKeyPair() {
        ApiResponse answer = export(Map.of("format", "cosign", "password", EXPORT_PASSWORD));
        assertEquals(200, answer.status(), answer::describe);
        assertEquals("cosign", answer.json().path("format").asText(), answer::describe);
        String exported = answer.json().path("key").asText();

        assertTrue(exported.startsWith("-----BEGIN " + CosignKeys.PEM_TYPE + "-----"), exported);
        assertEquals(importedV1.path("keyId").asText(), keyIdOfPrivate(CosignKeys.decrypt(exported, EXPORT_PASSWORD)));
        assertThrows(AssertionError.class, () -> CosignKeys.decrypt(exported, PASSWORD));
    }

    @Test
    void exportsThePublicKeyAsPem() {
        ApiResponse answer = export(Map.of("format", "public-pem"));
        assertEquals(200, answer.status(), answer::describe);
        assertEquals("public-pem", answer.json().path("format").asText(), answer::describe);
        assertEquals(PublicKeys.keyId(imported.getPublic()),
                PublicKeys.keyId(PublicKeys.parsePem(answer.json().path("key").asText())));
    }

    @Test
    void refusesACosignExportWithoutAPassword() {
        ApiResponse answer = export(Map.of("format", "cosign"));
        assertEquals(400, answer.status(), answer::describe);
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer::describe);
    }

    @Test
    void refusesAnExportFormatTheDriverDoesNotTakeAsAnUnsupportedOperation() {
        export(Map.of("format", "pkcs8", "password", EXPORT_PASSWORD)).assertProblem(400, "key.unsupported_operation");
    }

    @Test
    void refusesAnImportFormatTheDriverDoesNotTakeAsAnUnsupportedOperation() {
        String pkcs8 = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(generate("ECDSA_P256_SHA256").getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        keys.api().postJson("/api/v1/keys/import", Map.of("name", "pkcs8-import", "driver", "file", "format", "pkcs8",
                "key", pkcs8, "password", PASSWORD)).assertProblem(400, "key.unsupported_operation");
        keys.api().get("/api/v1/keys/pkcs8-import").assertProblem(404, "key.not_found");
    }

    @Test
    void refusesToImportAKeyPairThatIsAlreadyAVersion() {
        ApiResponse exported = export(Map.of("format", "cosign", "password", EXPORT_PASSWORD));
        assertEquals(200, exported.status(), exported::describe);
        importResponse("imported-again", exported.json().path("key").asText(), EXPORT_PASSWORD)
                .assertProblem(409, "key.name_conflict");
        keys.api().get("/api/v1/keys/imported-again").assertProblem(404, "key.not_found");
    }

    @Test
    void aWrongPasswordIsRefusedAsInvalidInputAndNothingIsStored() {
        String cosignKey = CosignKeys.encrypt(generate("ECDSA_P256_SHA256").getPrivate().getEncoded(), PASSWORD);
        ApiResponse refused = importResponse("wrong-password", cosignKey, WRONG_PASSWORD);

        refused.assertProblem(400, "key.invalid_input");
        assertFalse(refused.body().contains(WRONG_PASSWORD), refused::describe);
        keys.api().get("/api/v1/keys/wrong-password").assertProblem(404, "key.not_found");
        assertNull(KeyApi.keyNamed(keys.api().get("/api/v1/keys").json(), "wrong-password"));
        // nothing half-made blocks the name: the right password imports it under the same name
        importCosign("wrong-password", cosignKey, PASSWORD);
    }

    @Test
    void importsAndExportsAreAuditedWithoutThePasswords() {
        export(Map.of("format", "cosign", "password", EXPORT_PASSWORD));
        String keyId = importedV1.path("keyId").asText();
        for (String action : new String[] {"key.imported", "key.exported"}) {
            assertTrue(keys.auditEvents(action).stream().anyMatch(e -> (e.path("target").asText().equals(keyId)
                    || e.path("target").asText().equals("imported")) && e.path("outcome").asText().equals("success")),
                    "no successful " + action + " event for " + keyId);
        }
        String cosignKey = CosignKeys.encrypt(generate("ECDSA_P256_SHA256").getPrivate().getEncoded(), PASSWORD);
        importResponse("audited-refusal", cosignKey, WRONG_PASSWORD).assertProblem(400, "key.invalid_input");
        assertTrue(keys.auditEvents("key.imported").stream().anyMatch(e -> e.path("target").asText()
                .equals("audited-refusal") && e.path("outcome").asText().equals("key.invalid_input")),
                "no refused key.imported event");

        String trail = keys.api().get("/api/v1/audit?limit=1000").body();
        for (String password : new String[] {PASSWORD, EXPORT_PASSWORD, WRONG_PASSWORD}) {
            assertFalse(trail.contains(password), "a password in the audit trail");
            assertFalse(server.output().contains(password), "a password in the server's output");
        }
    }
}
