package org.stellaops.attestor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
        Stella.Result verify = Stella.run(work, "attest", "verify", "--url", server.baseUri().toString(), "--uuid", uuid);
        assertEquals(0, verify.exitCode(), verify::describe);
    }

    @Test
    void verifyExitsOneForAnEnvelopeThatWasNeverSubmitted() throws IOException {
        Path neverSubmitted = signWithCli("cli-never-submitted.jar");
        Stella.Result verify = Stella.run(work, "attest", "verify", "--url", server.baseUri().toString(),
                "--envelope", neverSubmitted.toString());
        assertEquals(1, verify.exitCode(), verify::describe);
        assertFalse(verify.stderr().contains("stella: error ["), () -> "a verdict, not a refused request: " + verify.describe());
    }

    @Test
    void fetchWritesTheRecordAsTheServerServesIt() throws IOException {
        String uuid = submitted(signWithCli("cli-fetched.jar"));
        Path record = work.resolve("cli-fetched.record.json");
        Stella.Result fetch = Stella.run(work, "attest", "fetch", "--url", server.baseUri().toString(), "--uuid", uuid,
                "--out", record.toString());

        assertEquals(0, fetch.exitCode(), fetch::describe);
        ApiResponse served = api.get("/api/v1/rekor/entries/" + uuid);
        assertEquals(200, served.status(), served::describe);
        JsonNode written = Attestations.tree(Files.readAllBytes(record));
        assertEquals(served.json(), written);
        assertEquals(uuid, written.path("uuid").asText());
        assertTrue(written.path("envelope").isObject(), fetch::describe);
    }

    @Test
    void exitsTwoOnAUsageError() throws IOException {
        Stella.Result sign = Stella.run(work, "attest", "sign", "--statement", statementFile("cli-no-key.jar").toString());
        assertEquals(2, sign.exitCode(), sign::describe);
    }
}
