package org.stellaops.attestor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stellaops.attestor.auth.Scope;

/**
 * {@code stella attest key list|create|rotate|revoke} and {@code stella attest sign --server-key … --submit}
 * (docs/cli.md) as separate processes against the running jar, checked against what the HTTP API then shows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StellaKeyCliIT {

    private AttestorProcess server;
    private KeyApi keys;
    private Path work;

    @BeforeAll
    void start() throws IOException {
        server = AttestorProcess.startFresh();
        keys = new KeyApi(new ApiClient(server));
        work = Files.createTempDirectory(TestSettings.workDir(), "key-cli-");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** Runs stella with the server's URL, its CA and a token of every scope, as a user passes them. */
    private Stella.Result stella(String... command) {
        return stellaAs(TestHttp.authorization(server), command);
    }

    private Stella.Result stellaAs(String authorization, String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--url", server.baseUri().toString(),
                "--cacert", server.dataDir().resolve("tls/ca.pem").toString(),
                "--token", authorization.substring("Bearer ".length())));
        return Stella.run(work, args.toArray(String[]::new));
    }

    private static Stella.Result succeeded(Stella.Result result) {
        assertEquals(0, result.exitCode(), result::describe);
        return result;
    }

    private Path statementFile(String artifact) throws IOException {
        return Files.write(work.resolve(artifact + ".statement.json"),
                Attestations.bytes(Attestations.slsaStatement(artifact)));
    }

    @Test
    void keyCreatePrintsTheKeyTheServiceMade() {
        Stella.Result create = succeeded(stella("attest", "key", "create", "--name", "cli-created", "--driver", "file",
                "--algorithm", "ED25519", "--json"));

        JsonNode printed = Attestations.tree(create.stdout().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(keys.show("cli-created"), printed);
        assertEquals("ED25519", KeyApi.version(printed, 1).path("algorithm").asText(), create::describe);
    }

    @Test
    void keyListShowsEachKeyWithItsVersionsAndTheDrivers() {
        String keyId = KeyApi.version(keys.create("cli-listed", null), 1).path("keyId").asText();
        Stella.Result list = succeeded(stella("attest", "key", "list"));

        assertTrue(list.stdout().lines().anyMatch(l -> l.equals("cli-listed")), list::describe);
        assertTrue(Pattern.compile("(?m)^  v1\\s+active\\s+ECDSA_P256_SHA256\\s+keyid " + keyId + "\\s+driver file")
                .matcher(list.stdout()).find(), list::describe);
        assertTrue(list.stdout().lines().anyMatch(l -> l.startsWith("  file  algorithms ")), list::describe);
    }

    @Test
    void keyRotateAddsTheNextVersionThatTheServiceThenSignsWith() throws IOException {
        keys.create("cli-rotated", null);
        Stella.Result rotate = succeeded(stella("attest", "key", "rotate", "--name", "cli-rotated", "--json"));
        JsonNode v2 = Attestations.tree(rotate.stdout().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(2, v2.path("version").asInt(), rotate::describe);
        assertEquals(v2, KeyApi.version(keys.show("cli-rotated"), 2));

        Path envelope = work.resolve("cli-rotated.envelope.json");
        Stella.Result sign = succeeded(stella("attest", "sign", "--statement",
                statementFile("cli-rotated.jar").toString(), "--server-key", "cli-rotated", "--out",
                envelope.toString()));
        assertTrue(sign.stdout().contains("with server key cli-rotated v2 (keyid " + v2.path("keyId").asText() + ")"),
                sign::describe);
        assertTrue(KeyApi.verifiesWith(Files.readAllBytes(envelope), v2.path("publicKeyPem").asText()));
    }

    @Test
    void keyRevokeByVersionNumberRevokesThatVersionForTheReason() {
        String keyId = KeyApi.version(keys.create("cli-revoked", null), 1).path("keyId").asText();
        succeeded(stella("attest", "key", "revoke", "--name", "cli-revoked", "--key-version", "1",
                "--reason", "superseded"));

        JsonNode v1 = KeyApi.version(keys.show("cli-revoked"), 1);
        assertEquals(keyId, v1.path("keyId").asText());
        assertEquals("revoked", v1.path("state").asText(), v1::toString);
        assertEquals("superseded", v1.path("revocationReason").asText(), v1::toString);
    }

    @Test
    void signWithAServerKeyAndSubmitWritesTheEnvelopeOfALoggedRecord() throws IOException {
        String keyId = KeyApi.version(keys.create("cli-signer", null), 1).path("keyId").asText();
        Path statement = statementFile("cli-submitted.jar");
        Path envelope = work.resolve("cli-submitted.envelope.json");
        Stella.Result sign = succeeded(stella("attest", "sign", "--statement", statement.toString(),
                "--server-key", "cli-signer", "--submit", "--out", envelope.toString()));

        Matcher submitted = Pattern.compile("submitted: (\\S+) uuid ([0-9a-f]{64}) (sha256:[0-9a-f]{64})")
                .matcher(sign.stdout());
        assertTrue(submitted.find(), sign::describe);
        byte[] written = Files.readAllBytes(envelope);
        assertEquals(Attestations.envelopeDigest(written), submitted.group(3), sign::describe);
        JsonNode envelopeJson = Attestations.tree(written);
        assertArrayEquals(Files.readAllBytes(statement),
                Base64.getDecoder().decode(envelopeJson.path("payload").asText()), "the file's exact bytes are signed");
        assertEquals(keyId, envelopeJson.path("signatures").path(0).path("keyid").asText());
        JsonNode report = keys.verifyRecord(submitted.group(2));
        assertTrue(report.path("verified").asBoolean(), report::toString);
    }

    @Test
    void signWithAKeyThatHasNoActiveVersionExitsOneWithKeyNotActive() throws IOException {
        String keyId = KeyApi.version(keys.create("cli-inactive", null), 1).path("keyId").asText();
        keys.revoke("cli-inactive", keyId, "cessation_of_operation", null);
        Stella.Result sign = stella("attest", "sign", "--statement", statementFile("cli-inactive.jar").toString(),
                "--server-key", "cli-inactive", "--submit", "--out", work.resolve("cli-inactive.json").toString());

        assertEquals(1, sign.exitCode(), sign::describe);
        assertTrue(sign.stderr().contains("stella: error [key.not_active]"), sign::describe);
    }

    @Test
    void keyCreateWithAReadOnlyTokenExitsOneWithInsufficientScope() {
        Stella.Result create = stellaAs(TestHttp.authorization(server, TestHttp.TENANT, Scope.READ),
                "attest", "key", "create", "--name", "cli-refused", "--driver", "file");

        assertEquals(1, create.exitCode(), create::describe);
        assertTrue(create.stderr().contains("auth.insufficient_scope"), create::describe);
        keys.api().get("/api/v1/keys/cli-refused").assertProblem(404, "key.not_found");
    }

    @Test
    void keyRotateOfAnUnknownKeyExitsOneWithKeyNotFound() {
        Stella.Result rotate = stella("attest", "key", "rotate", "--name", "cli-never-created");
        assertEquals(1, rotate.exitCode(), rotate::describe);
        assertTrue(rotate.stderr().contains("stella: error [key.not_found]"), rotate::describe);
    }
}
