package org.stellaops.attestor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stella attest key import|export}: cosign keys in and out, passwords never on the command line or printed. */
class KeyTransferCommandsTest {

    private static final String PASSWORD = "s3cret-p4ss";
    private static final String COSIGN_KEY = "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\neyJrZGYiOnt9fQ==\n"
            + "-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n";
    private static final String EXPORT = "/api/v1/keys/release/versions/" + KeyServer.KEY_ID_2 + "/export";

    @TempDir
    Path dir;

    private KeyServer server;
    private Path keyFile;

    @BeforeEach
    void startServer() throws Exception {
        server = new KeyServer(dir);
        server.answer("POST /api/v1/keys/import", 201, "{\"name\":\"imported\",\"own\":true,\"versions\":["
                + KeyServer.version(KeyServer.KEY_ID_1, 1, "active", "null") + "]}");
        keyFile = Files.writeString(dir.resolve("cosign.key"), COSIGN_KEY);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private static void assertNotPrinted(Cli.Result result) {
        assertFalse(result.out().contains(PASSWORD), result::toString);
        assertFalse(result.err().contains(PASSWORD), result::toString);
    }

    @Test
    void importSendsTheCosignKeyWithThePasswordFromAFile() throws Exception {
        Path passwordFile = Files.writeString(dir.resolve("password.txt"), PASSWORD + "\n");

        Cli.Result result = server.run("attest", "key", "import", "--name", "imported", "--driver", "file",
                "--cosign", keyFile.toString(), "--password-file", passwordFile.toString());

        result.assertExit(ExitCodes.OK);
        JsonNode body = server.body(0);
        assertEquals("cosign", body.path("format").asText());
        assertEquals(COSIGN_KEY, body.path("key").asText());
        assertEquals(PASSWORD, body.path("password").asText());
        assertEquals("imported", body.path("name").asText());
        assertTrue(result.out().startsWith("imported\n  v1 "), result::toString);
        assertNotPrinted(result);
    }

    @Test
    void importTakesThePasswordFromCosignPasswordInTheEnvironment() {
        Cli.Result result = server.run(Map.of(Passwords.ENV, PASSWORD), "attest", "key", "import", "--name",
                "imported", "--driver", "file", "--cosign", keyFile.toString(), "--json");
        result.assertExit(ExitCodes.OK);
        assertEquals(PASSWORD, server.body(0).path("password").asText());
        assertNotPrinted(result);
    }

    @Test
    void importTakesAnEmptyPasswordAsCosignAllowsIt() {
        server.run(Map.of(Passwords.ENV, ""), "attest", "key", "import", "--name",
                "imported", "--driver", "file", "--cosign", keyFile.toString()).assertExit(ExitCodes.OK);
        assertEquals("", server.body(0).path("password").asText());
    }

    @Test
    void importWithoutAPasswordIsAUsageErrorAndSendsNothing() {
        Cli.Result result = server.run("attest", "key", "import", "--name", "imported", "--driver", "file",
                "--cosign", keyFile.toString());
        result.assertExit(ExitCodes.USAGE);
        assertTrue(result.err().contains("[usage.password_missing]") && result.err().contains(Passwords.ENV),
                result::toString);
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void takesNoPasswordOnTheCommandLine() {
        Cli.Result result = server.run("attest", "key", "import", "--name", "imported", "--driver", "file",
                "--cosign", keyFile.toString(), "--password", PASSWORD);
        result.assertExit(ExitCodes.USAGE);
        assertTrue(result.err().contains("Unknown options: '--password'"), result::toString);
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void aRefusedImportPrintsTheProblemButNotThePassword() {
        server.answer("POST /api/v1/keys/import", 400, "{\"status\":400,\"code\":\"key.invalid_input\","
                + "\"detail\":\"the password does not decrypt the key\"}");
        Cli.Result result = server.run(Map.of(Passwords.ENV, PASSWORD), "attest", "key", "import", "--name",
                "imported", "--driver", "file", "--cosign", keyFile.toString());
        result.assertExit(ExitCodes.FAILED);
        assertTrue(result.err().contains("[key.invalid_input]"), result::toString);
        assertNotPrinted(result);
    }

    @Test
    void exportWritesTheCosignKeyToANewFileOnlyItsOwnerCanRead() throws Exception {
        server.answer("POST " + EXPORT, 200, "{\"format\":\"cosign\",\"key\":\"" + COSIGN_KEY.replace("\n", "\\n")
                + "\"}");
        Path out = dir.resolve("exported.key");

        Cli.Result result = server.run(Map.of(Passwords.ENV, PASSWORD), "attest", "key", "export", "--name",
                "release", "--key-id", KeyServer.KEY_ID_2, "--format", "cosign", "--out", out.toString());

        result.assertExit(ExitCodes.OK);
        assertEquals(COSIGN_KEY, Files.readString(out));
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        }
        assertEquals("cosign", server.body(0).path("format").asText());
        assertEquals(PASSWORD, server.body(0).path("password").asText());
        assertNotPrinted(result);
    }

    @Test
    void exportNeverOverwritesAFileWithAPrivateKey() throws Exception {
        Path out = Files.writeString(dir.resolve("existing.key"), "keep me");
        Cli.Result result = server.run(Map.of(Passwords.ENV, PASSWORD), "attest", "key", "export", "--name",
                "release", "--key-id", KeyServer.KEY_ID_2, "--format", "cosign", "--out", out.toString());
        result.assertExit(ExitCodes.USAGE);
        assertTrue(result.err().contains("[file.exists]"), result::toString);
        assertEquals("keep me", Files.readString(out));
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void exportWritesThePublicKeyToStandardOutputWithoutAPassword() {
        server.answer("POST " + EXPORT, 200, "{\"format\":\"public-pem\",\"key\":\"-----BEGIN PUBLIC KEY-----\\nMFkw"
                + "\\n-----END PUBLIC KEY-----\\n\"}");
        Cli.Result result = server.run("attest", "key", "export", "--name", "release", "--key-id",
                KeyServer.KEY_ID_2, "--format", "public-pem", "--out", "-");
        result.assertExit(ExitCodes.OK);
        assertEquals("-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n", result.out());
        assertEquals(1, server.body(0).size());
    }

    @Test
    void exportOfACosignKeyNeedsAPassword() {
        Cli.Result result = server.run("attest", "key", "export", "--name", "release", "--key-id",
                KeyServer.KEY_ID_2, "--format", "cosign", "--out", dir.resolve("k").toString());
        result.assertExit(ExitCodes.USAGE);
        assertTrue(result.err().contains("[usage.password_missing]"), result::toString);
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void exportRefusesAnUnknownFormat() {
        Cli.Result result = server.run("attest", "key", "export", "--name", "release", "--key-id",
                KeyServer.KEY_ID_2, "--format", "pkcs12", "--out", "-");
        result.assertExit(ExitCodes.USAGE);
        assertTrue(result.err().contains("[usage.bad_format]"), result::toString);
    }
}
