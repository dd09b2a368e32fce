package org.stellaops.attestor.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.dsse.DsseEnvelopes;
import org.stellaops.attestor.sdk.dsse.EnvelopeVerifier;
import org.stellaops.attestor.sdk.dsse.TrustedSigner;
import org.stellaops.attestor.sdk.json.JsonLimits;

/**
 * {@code stella attest sign --server-key}: the service signs the statement file's exact bytes; the server here signs
 * for real with a key of its own, so the envelope stella writes is checked to verify.
 */
class RemoteSignTest {

    @TempDir
    Path dir;

    private KeyServer server;
    private KeyPair serverKey;
    private String keyId;
    private Path statement;

    @BeforeEach
    void startServer() throws Exception {
        server = new KeyServer(dir);
        serverKey = TestKeys.EC_P256.generate();
        keyId = PublicKeys.keyId(serverKey.getPublic());
        statement = TestFiles.statement(dir);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** What the service answers: the statement signed by its key, and the submission when one is asked for. */
    private void answerSigned(String submission) throws Exception {
        Envelope envelope = DsseEnvelopes.sign(Envelope.IN_TOTO_PAYLOAD_TYPE, Files.readAllBytes(statement),
                serverKey.getPrivate(), KeyAlgorithm.ECDSA_P256_SHA256, keyId);
        String json = new String(DsseEnvelopes.toJson(envelope), StandardCharsets.UTF_8);
        server.answer("POST /api/v1/sign", submission.isEmpty() ? 200 : 201, "{" + submission + "\"envelope\":"
                + json + ",\"keyId\":\"" + keyId + "\",\"version\":2}");
    }

    private Envelope written(String json) {
        return DsseEnvelopes.parse(json.strip().getBytes(StandardCharsets.UTF_8), JsonLimits.DEFAULT).envelope();
    }

    @Test
    void sendsTheStatementsExactBytesAndWritesAnEnvelopeThatVerifies() throws Exception {
        answerSigned("");

        Cli.Result result = server.run("attest", "sign", "--statement", statement.toString(), "--server-key",
                "release");

        assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
        JsonNode body = server.body(0);
        assertEquals("release", body.path("key").asText());
        assertArrayEquals(Files.readAllBytes(statement), Base64.getDecoder().decode(body.path("payload").asText()));
        assertEquals(Envelope.IN_TOTO_PAYLOAD_TYPE, body.path("payloadType").asText());
        assertFalse(body.path("submit").asBoolean());
        Envelope envelope = written(result.out());
        assertEquals(Set.of(keyId), EnvelopeVerifier.verify(envelope, List.of(new TrustedSigner(keyId,
                serverKey.getPublic(), KeyAlgorithm.ECDSA_P256_SHA256))).verifiedKeyIds());
        assertTrue(result.err().contains("with server key release v2 (keyid " + keyId + ")"), result::toString);
    }

    @Test
    void submitsAndReportsTheEntryOnStandardErrorWhileTheEnvelopeGoesToStandardOutput() throws Exception {
        answerSigned("\"uuid\":\"" + "cd".repeat(32) + "\",\"envelopeDigest\":\"sha256:" + "ef".repeat(32)
                + "\",\"status\":\"logged\",\"statusUrl\":\"/api/v1/rekor/entries/" + "cd".repeat(32) + "\",");

        Cli.Result result = server.run("attest", "sign", "--statement", statement.toString(), "--server-key",
                "release", "--submit");

        assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
        assertTrue(server.body(0).path("submit").asBoolean());
        assertEquals(keyId, written(result.out()).signatures().get(0).keyId());
        assertTrue(result.err().contains("submitted: logged uuid " + "cd".repeat(32)), result::toString);
    }

    @Test
    void writesTheEnvelopeToAFileAndTheSummaryToStandardOutput() throws Exception {
        answerSigned("");
        Path out = dir.resolve("signed.dsse.json");
        Cli.Result result = server.run("attest", "sign", "--statement", statement.toString(), "--server-key",
                "release", "--out", out.toString());
        assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
        assertEquals(keyId, written(Files.readString(out)).signatures().get(0).keyId());
        assertTrue(result.out().contains("into " + out), result::toString);
        assertEquals("", result.err());
    }

    @Test
    void aKeyThatMayNotSignNowExits1() {
        server.answer("POST /api/v1/sign", 409, "{\"status\":409,\"code\":\"key.not_active\","
                + "\"detail\":\"key 'release' has no version that may sign now\"}");
        Cli.Result result = server.run("attest", "sign", "--statement", statement.toString(), "--server-key",
                "release");
        assertEquals(ExitCodes.FAILED, result.exitCode(), result::toString);
        assertTrue(result.err().contains("[key.not_active]"), result::toString);
        assertEquals("", result.out());
    }

    @Test
    void anAnswerWithoutAnEnvelopeExits3() {
        server.answer("POST /api/v1/sign", 200, "{\"keyId\":\"x\"}");
        Cli.Result result = server.run("attest", "sign", "--statement", statement.toString(), "--server-key",
                "release");
        assertEquals(ExitCodes.UNAVAILABLE, result.exitCode(), result::toString);
        assertTrue(result.err().contains("[response.malformed]"), result::toString);
    }

    @Test
    void refusesAKeyidHintWithAServerKey() {
        Cli.Result result = server.run("attest", "sign", "--statement", statement.toString(), "--server-key",
                "release", "--keyid", "x");
        assertEquals(ExitCodes.USAGE, result.exitCode(), result::toString);
        assertTrue(result.err().contains("[usage.keyid_with_server_key]"), result::toString);
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void refusesSubmitWithAKeyFile() throws Exception {
        Cli.Result result = Cli.run("attest", "sign", "--statement", statement.toString(), "--key",
                TestKeys.writePkcs8(dir, serverKey).toString(), "--submit");
        assertEquals(ExitCodes.USAGE, result.exitCode(), result::toString);
        assertTrue(result.err().contains("[usage.submit_without_server_key]"), result::toString);
    }

    @Test
    void refusesAKeyFileAndAServerKeyTogether() throws Exception {
        Cli.Result result = Cli.run("attest", "sign", "--statement", statement.toString(), "--key",
                TestKeys.writePkcs8(dir, serverKey).toString(), "--server-key", "release");
        assertEquals(ExitCodes.USAGE, result.exitCode(), result::toString);
        assertTrue(result.err().contains("mutually exclusive"), result::toString);
    }

    @Test
    void checksTheStatementBeforeSendingIt() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"_type\":\"x\"}");
        Cli.Result result = server.run("attest", "sign", "--statement", bad.toString(), "--server-key", "release");
        assertEquals(ExitCodes.USAGE, result.exitCode(), result::toString);
        assertTrue(server.requests().isEmpty());
    }
}
