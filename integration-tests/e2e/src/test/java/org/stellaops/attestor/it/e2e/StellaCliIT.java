package org.stellaops.attestor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code stella attest sign|verify|fetch} (docs/cli.md) against a running server, with their exit codes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StellaCliIT {

    private AttestorProcess server;
    private ApiClient api;
    private SigningKey key;
    private Path work;
    private Path keyFile;

    @BeforeAll
    void startWithATrustedKeyOnDisk() throws IOException {
        server = AttestorProcess.startFresh();
        api = new ApiClient(server);
        key = SigningKey.generate();
        api.addTrustedKey("cli-signer", key.publicKeyPem());
        work = Files.createTempDirectory(TestSettings.workDir(), "cli-");
        keyFile = Files.writeString(work.resolve("signer.pem"), key.privateKeyPem());
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    private Path statementFile(String artifact) throws IOException {
        return Files.write(work.resolve(artifact + ".statement.json"),
                Attestations.bytes(Attestations.slsaStatement(artifact)));
    }

    private Path signWithCli(String artifact) throws IOException {
        Path envelope = work.resolve(artifact + ".envelope.json");
        Stella.Result sign = Stella.run(work, "attest", "sign", "--statement", statementFile(artifact).toString(),
                "--key", keyFile.toString(), "--out", envelope.toString());
        assertEquals(0, sign.exitCode(), sign::describe);
        return envelope;
    }

    private String submitted(Path envelope) throws IOException {
        ApiResponse created = api.submit(Files.readAllBytes(envelope));
        assertEquals(201, created.status(), created::describe);
        return created.json().path("uuid").asText();
    }

    @Test
    void signsAStatementIntoAnEnvelopeTheServerAccepts() throws IOException {
        Path envelope = signWithCli("cli-signed.jar");
        ApiResponse created = api.submit(Files.readAllBytes(envelope));

        assertEquals(201, created.status(), created::describe);
        assertEquals(key.keyId(), created.json().path("signerKeyIds").path(0).asText(), created::describe);
    }

    @Test
    void verifyExitsZeroForALoggedEntry() throws IOException {
        String uuid = submitted(signWithCli("cli-verified.jar"));
        Stella.Result verify = Stella.run(work, withServer("attest", "verify", "--uuid", uuid));
        assertEquals(0, verify.exitCode(), verify::describe);
    }

    @Test
    void verifyExitsOneForAnEnvelopeThatWasNeverSubmitted() throws IOException {
        Path neverSubmitted = signWithCli("cli-never-submitted.jar");
        Stella.Result verify = Stella.run(work, withServer("attest", "verify",
                "--envelope", neverSubmitted.toString()));
        assertEquals(1, verify.exitCode(), verify::describe);
        assertFalse(verify.stderr().contains("stella: error ["), () -> "a verdict, not a refused request: " + verify.describe());
    }

    @Test
    void fetchWritesTheRecordAsTheServerServesIt() throws IOException {
        String uuid = submitted(signWithCli("cli-fetched.jar"));
        Path record = work.resolve("cli-fetched.record.json");
        Stella.Result fetch = Stella.run(work, withServer("attest", "fetch", "--uuid", uuid,
                "--out", record.toString()));

        assertEquals(0, fetch.exitCode(), fetch::describe);
        ApiResponse served = api.get("/api/v1/rekor/entries/" + uuid);
        assertEquals(200, served.status(), served::describe);
        JsonNode written = Attestations.tree(Files.readAllBytes(record));
        assertEquals(served.json(), written);
        assertEquals(uuid, written.path("uuid").asText());
        assertTrue(written.path("envelope").isObject(), fetch::describe);
    }

    @Test
    void searchFindsARecordBySubjectAndPagesThroughRecordsByFact() throws IOException {
        String artifact = "cli-searched.jar";
        String uuid = submitted(signWithCli(artifact));
        List<String> others = List.of(submitted(signWithCli("cli-searched-2.jar")),
                submitted(signWithCli("cli-searched-3.jar")));
        String subject = "sha256:" + Attestations.sha256Hex(artifact.getBytes(StandardCharsets.UTF_8));

        Stella.Result bySubject = Stella.run(work, withServer("attest", "search", "--subject", subject,
                "--output", "ndjson"));
        assertEquals(0, bySubject.exitCode(), bySubject::describe);
        List<String> lines = bySubject.stdout().lines().toList();
        assertEquals(1, lines.size(), bySubject::describe);
        assertEquals(uuid, Attestations.tree(lines.get(0).getBytes(StandardCharsets.UTF_8)).path("uuid").asText());

        // every statement of this class has the same builder, so the fact finds all of them, one page at a time
        Stella.Result byFact = Stella.run(work, withServer("attest", "search", "--predicate-type",
                Attestations.SLSA_V1, "--fact", "builder.id=" + Attestations.slsaStatement(artifact)
                        .path("predicate").path("runDetails").path("builder").path("id").asText(),
                "--limit", "1", "--all", "--output", "ndjson"));
        assertEquals(0, byFact.exitCode(), byFact::describe);
        List<String> found = byFact.stdout().lines().map(line -> Attestations.tree(
                line.getBytes(StandardCharsets.UTF_8)).path("uuid").asText()).toList();
        assertTrue(found.contains(uuid) && found.containsAll(others), byFact::describe);
        assertEquals(found.size(), found.stream().distinct().count(), byFact::describe);
    }

    /** @return the command with the server's URL, its CA and a token, as a user passes them */
    private String[] withServer(String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--url", server.baseUri().toString(),
                "--cacert", server.dataDir().resolve("tls/ca.pem").toString(),
                "--token", TestHttp.authorization(server).substring("Bearer ".length())));
        return args.toArray(String[]::new);
    }

    @Test
    void authTokenMintsADevelopmentTokenTheServerAccepts() throws IOException {
        Stella.Result token = Stella.run(work, "auth", "token", "--scope", "attestor.read", "--tenant", "default",
                "--data-dir", server.dataDir().toString());
        assertEquals(0, token.exitCode(), token::describe);

        String uuid = submitted(signWithCli("cli-token-fetched.jar"));
        Stella.Result fetch = Stella.run(work, "attest", "fetch", "--url", server.baseUri().toString(),
                "--cacert", server.dataDir().resolve("tls/ca.pem").toString(), "--token", token.stdout().trim(),
                "--uuid", uuid, "--out", work.resolve("cli-token-fetched.record.json").toString());
        assertEquals(0, fetch.exitCode(), fetch::describe);
    }

    @Test
    void aRequestWithoutTokenIsRefusedWithTheAuthCode() {
        Stella.Result verify = Stella.run(work, "attest", "verify", "--url", server.baseUri().toString(),
                "--cacert", server.dataDir().resolve("tls/ca.pem").toString(), "--uuid", "0".repeat(64));
        assertNotEquals(0, verify.exitCode(), verify::describe);
        assertTrue(verify.stderr().contains("auth.missing"), verify::describe);
    }

    @Test
    void exitsTwoOnAUsageError() throws IOException {
        Stella.Result sign = Stella.run(work, "attest", "sign", "--statement", statementFile("cli-no-key.jar").toString());
        assertEquals(2, sign.exitCode(), sign::describe);
    }
}
