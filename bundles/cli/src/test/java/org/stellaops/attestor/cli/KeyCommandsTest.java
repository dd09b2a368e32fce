package org.stellaops.attestor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.json.StrictJson;

/** {@code stella attest key list|show|create|rotate|retire|revoke} against a real HTTPS server on loopback. */
class KeyCommandsTest {

    private static final String VERSIONS = "/api/v1/keys/release/versions/";

    @TempDir
    Path dir;

    private KeyServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = new KeyServer(dir);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void listPrintsEachKeyWithItsVersionsAndTheDrivers() {
        server.answer("GET /api/v1/keys", 200, KeyServer.LISTING);

        Cli.Result result = server.run("attest", "key", "list");

        result.assertExit(ExitCodes.OK);
        String[] lines = result.out().split("\\R");
        assertEquals("release", lines[0]);
        assertTrue(lines[1].matches("  v1 +retired +ECDSA_P256_SHA256 +keyid " + KeyServer.KEY_ID_1
                + "  driver file  valid from 2026-03-01T12:00:00Z  retired from 2026-04-01T00:00:00Z"), lines[1]);
        assertTrue(lines[2].startsWith("  v2   active "), lines[2]);
        assertEquals("drivers:", lines[3]);
        assertEquals("  file  algorithms ECDSA_P256_SHA256,ED25519  exportable  import cosign  export "
                + "cosign,public-pem", lines[4]);
        assertEquals("GET", server.requests().get(0).method());
        assertNull(server.requests().get(0).query());
    }

    @Test
    void listPrintsTheServicesAnswerWithJson() {
        server.answer("GET /api/v1/keys", 200, KeyServer.LISTING);
        Cli.Result result = server.run("attest", "key", "list", "--json");
        result.assertExit(ExitCodes.OK);
        JsonNode printed = StrictJson.parse(result.out().getBytes(), JsonLimits.DEFAULT);
        assertEquals(KeyServer.KEY_ID_2, printed.path("keys").path(0).path("versions").path(1).path("keyId").asText());
    }

    @Test
    void listAsksForTheOperatorsOwnKeysWithOwnerService() {
        server.answer("GET /api/v1/keys", 200, "{\"drivers\":[],\"keys\":[]}");
        Cli.Result result = server.run("attest", "key", "list", "--owner", "service");
        result.assertExit(ExitCodes.OK);
        assertEquals("owner=service", server.requests().get(0).query());
        assertEquals("no keys\nno key drivers are running\n", result.out().replace("\r\n", "\n"));
    }

    @Test
    void refusesAnOwnerOtherThanServiceBeforeSendingAnything() {
        Cli.Result result = server.run("attest", "key", "list", "--owner", "tenant-b");
        result.assertExit(ExitCodes.USAGE);
        assertTrue(result.err().contains("[usage.bad_owner]"), result::toString);
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void showPrintsOneKey() {
        server.answer("GET /api/v1/keys/release", 200, KeyServer.KEY);
        Cli.Result result = server.run("attest", "key", "show", "--name", "release");
        result.assertExit(ExitCodes.OK);
        assertTrue(result.out().startsWith("release\n  v1"), result::toString);
    }

    @Test
    void showOfAnUnknownKeyExits1WithTheProblemCode() {
        server.answer("GET /api/v1/keys/absent", 404, "{\"status\":404,\"code\":\"key.not_found\","
                + "\"detail\":\"no key named 'absent'\"}");
        Cli.Result result = server.run("attest", "key", "show", "--name", "absent");
        result.assertExit(ExitCodes.FAILED);
        assertTrue(result.err().contains("stella: error [key.not_found]"), result::toString);
    }

    @Test
    void refusesAKeyNameThatCouldLeaveTheKeysPath() {
        Cli.Result result = server.run("attest", "key", "show", "--name", "../rekor");
        result.assertExit(ExitCodes.USAGE);
        assertTrue(result.err().contains("[usage.bad_key_name]"), result::toString);
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void createSendsTheKeyToCreateAndPrintsVersion1() {
        server.answer("POST /api/v1/keys", 201, "{\"name\":\"release\",\"own\":true,\"versions\":["
                + KeyServer.version(KeyServer.KEY_ID_1, 1, "active", "null") + "]}");

        Cli.Result result = server.run("attest", "key", "create", "--name", "release", "--driver", "file",
                "--algorithm", "ED25519", "--valid-from", "2999-01-01T01:00:00+01:00");

        result.assertExit(ExitCodes.OK);
        JsonNode body = server.body(0);
        assertEquals("release", body.path("name").asText());
        assertEquals("file", body.path("driver").asText());
        assertEquals("ED25519", body.path("algorithm").asText());
        assertEquals("2999-01-01T00:00:00Z", body.path("validFrom").asText());
        assertFalse(body.path("shared").asBoolean());
        assertEquals("application/json", server.requests().get(0).header("Content-Type"));
        assertTrue(result.out().contains("  v1 "), result::toString);
    }

    @Test
    void createRefusesAnAlgorithmThatIsNotAConstantNameBeforeSending() {
        Cli.Result result = server.run("attest", "key", "create", "--name", "n", "--driver", "file",
                "--algorithm", "P-256");
        result.assertExit(ExitCodes.USAGE);
        assertTrue(result.err().contains("[usage.bad_algorithm]"), result::toString);
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void rotateSendsTheTimesAndAnExternalSignersNewPublicKey() throws Exception {
        Path pem = Files.writeString(dir.resolve("next.pub.pem"), "-----BEGIN PUBLIC KEY-----\nMFkw\n"
                + "-----END PUBLIC KEY-----\n");
        server.answer("POST /api/v1/keys/release/rotate", 201, KeyServer.version(KeyServer.KEY_ID_2, 2, "active",
                "null"));

        Cli.Result result = server.run("attest", "key", "rotate", "--name", "release", "--at", "2999-01-01T00:00:00Z",
                "--retire-previous-at", "2999-02-01T00:00:00Z", "--public-key", pem.toString());

        result.assertExit(ExitCodes.OK);
        JsonNode body = server.body(0);
        assertEquals("2999-01-01T00:00:00Z", body.path("at").asText());
        assertEquals("2999-02-01T00:00:00Z", body.path("retirePreviousAt").asText());
        assertEquals(Files.readString(pem), body.path("publicKeyPem").asText());
        assertFalse(body.has("algorithm"));
        assertTrue(result.out().startsWith("  v2 "), result::toString);
    }

    @Test
    void refusesATimeThatIsNotRfc3339BeforeSending() {
        Cli.Result result = server.run("attest", "key", "rotate", "--name", "release", "--at", "tomorrow");
        result.assertExit(ExitCodes.USAGE);
        assertTrue(result.err().contains("[usage.bad_time]"), result::toString);
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void retiresAVersionNamedByItsKeyId() {
        server.answer("POST " + VERSIONS + KeyServer.KEY_ID_1 + "/retire", 200,
                KeyServer.version(KeyServer.KEY_ID_1, 1, "retired", "\"2026-04-01T00:00:00Z\""));
        Cli.Result result = server.run("attest", "key", "retire", "--name", "release", "--key-id",
                KeyServer.KEY_ID_1.toUpperCase(), "--at", "2026-04-01T00:00:00Z");
        result.assertExit(ExitCodes.OK);
        assertEquals(1, server.requests().size());
        assertEquals("2026-04-01T00:00:00Z", server.body(0).path("at").asText());
    }

    @Test
    void retiresAVersionNamedByItsNumberAfterLookingUpItsKeyId() {
        server.answer("GET /api/v1/keys/release", 200, KeyServer.KEY).answer("POST " + VERSIONS + KeyServer.KEY_ID_2
                + "/retire", 200, KeyServer.version(KeyServer.KEY_ID_2, 2, "retired", "\"2026-04-01T00:00:00Z\""));

        Cli.Result result = server.run("attest", "key", "retire", "--name", "release", "--key-version", "2",
                "--owner", "service");

        result.assertExit(ExitCodes.OK);
        assertEquals("GET", server.requests().get(0).method());
        assertEquals("owner=service", server.requests().get(0).query());
        assertEquals(VERSIONS + KeyServer.KEY_ID_2 + "/retire", server.requests().get(1).path());
        assertEquals("owner=service", server.requests().get(1).query());
        assertEquals(0, server.body(1).size());
    }

    @Test
    void aVersionNumberTheKeyDoesNotHaveExits1() {
        server.answer("GET /api/v1/keys/release", 200, KeyServer.KEY);
        Cli.Result result = server.run("attest", "key", "retire", "--name", "release", "--key-version", "7");
        result.assertExit(ExitCodes.FAILED);
        assertTrue(result.err().contains("[key.not_found]"), result::toString);
        assertEquals(1, server.requests().size());
    }

    @Test
    void revokeSendsTheReasonAndTheCompromiseTime() {
        server.answer("POST " + VERSIONS + KeyServer.KEY_ID_2 + "/revoke", 200,
                KeyServer.version(KeyServer.KEY_ID_2, 2, "revoked", "null"));

        Cli.Result result = server.run("attest", "key", "revoke", "--name", "release", "--key-id",
                KeyServer.KEY_ID_2, "--reason", "key_compromise", "--compromised-at", "2026-03-15T00:00:00Z");

        result.assertExit(ExitCodes.OK);
        assertEquals("key_compromise", server.body(0).path("reason").asText());
        assertEquals("2026-03-15T00:00:00Z", server.body(0).path("compromisedAt").asText());
    }

    @Test
    void revokeRefusesAnUnknownReasonBeforeSending() {
        Cli.Result result = server.run("attest", "key", "revoke", "--name", "release", "--key-id",
                KeyServer.KEY_ID_2, "--reason", "lost");
        result.assertExit(ExitCodes.USAGE);
        assertTrue(result.err().contains("[usage.bad_reason]"), result::toString);
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void revokeRefusesACompromiseTimeWithAnotherReason() {
        Cli.Result result = server.run("attest", "key", "revoke", "--name", "release", "--key-id",
                KeyServer.KEY_ID_2, "--reason", "superseded", "--compromised-at", "2026-03-15T00:00:00Z");
        result.assertExit(ExitCodes.USAGE);
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void revokeNeedsExactlyOneWayOfNamingTheVersion() {
        server.run("attest", "key", "revoke", "--name", "release", "--reason",
                "superseded").assertExit(ExitCodes.USAGE);
        server.run("attest", "key", "revoke", "--name", "release", "--reason",
                "superseded", "--key-id", KeyServer.KEY_ID_2, "--key-version", "2").assertExit(ExitCodes.USAGE);
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void aStoppedKeyDriverExits3() {
        server.answer("POST /api/v1/keys", 503, "{\"status\":503,\"code\":\"key.driver_unavailable\","
                + "\"detail\":\"key driver 'file' is not running\"}");
        Cli.Result result = server.run("attest", "key", "create", "--name", "n", "--driver", "file");
        result.assertExit(ExitCodes.UNAVAILABLE);
        assertTrue(result.err().contains("key.driver_unavailable"), result::toString);
    }

    @Test
    void aTokenWithoutTheAdminScopeIsToldWhichScopeToGet() {
        server.answer("POST /api/v1/keys", 403, "{\"status\":403,\"code\":\"auth.insufficient_scope\"}");
        Cli.Result result = server.run("attest", "key", "create", "--name", "n", "--driver", "file");
        result.assertExit(ExitCodes.FAILED);
        assertTrue(result.err().contains("stella auth token --scope attestor.admin"), result::toString);
    }
}
