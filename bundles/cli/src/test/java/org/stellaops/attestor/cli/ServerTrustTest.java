package org.stellaops.attestor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** stella trusts exactly the CA it is given, and explains a server it cannot trust. */
class ServerTrustTest {

    static final String UUID = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";
    static final String RECORD = "{\"uuid\":\"" + UUID + "\",\"status\":\"logged\"}";

    @TempDir
    Path dir;

    private TestTls.Ca ca;
    private TestTls.Server server;

    @BeforeEach
    void startServer() throws Exception {
        ca = TestTls.Ca.create("CN=Test Attestor CA");
        server = new TestTls.Server(ca.loopbackServerContext(), request -> TestTls.Response.json(200, RECORD));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private Cli.Result fetch(String... extra) {
        return fetchWithEnv(Map.of(), extra);
    }

    private Cli.Result fetchWithEnv(Map<String, String> env, String... extra) {
        String[] args = new String[5 + extra.length];
        args[0] = "attest";
        args[1] = "fetch";
        args[2] = "--uuid";
        args[3] = UUID;
        args[4] = "--url=" + server.url();
        System.arraycopy(extra, 0, args, 5, extra.length);
        return Cli.runWithEnv(env, args);
    }

    @Test
    void trustsAServerWhoseCertificateTheGivenCaIssued() throws Exception {
        Path pem = ca.writePem(dir.resolve("ca.pem"));
        Cli.Result result = fetch("--cacert", pem.toString());
        assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
        assertTrue(result.out().contains(UUID), result::toString);
    }

    @Test
    void acceptsTheGlobalOptionsBeforeTheCommandName() throws Exception {
        Path pem = ca.writePem(dir.resolve("ca.pem"));
        Cli.Result result = Cli.run("--cacert", pem.toString(), "--url", server.url(), "attest", "fetch", "--uuid", UUID);
        assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
    }

    @Test
    void refusesAServerCertificateThatAnotherCaIssued() throws Exception {
        Path other = TestTls.Ca.create("CN=Some other CA").writePem(dir.resolve("other.pem"));
        Cli.Result result = fetch("--cacert", other.toString());
        assertEquals(ExitCodes.UNAVAILABLE, result.exitCode(), result::toString);
        assertTrue(result.err().contains("[tls.untrusted_server]"), result::toString);
        assertTrue(result.err().contains("not trusted") && result.err().contains("--cacert"), result::toString);
        assertTrue(server.requests().isEmpty(), "no request may reach an untrusted server");
    }

    @Test
    void refusesAPrivateCaWhenNoCaIsGivenOrFound() {
        Cli.Result result = fetch("--data-dir", dir.resolve("empty").toString());
        assertEquals(ExitCodes.UNAVAILABLE, result.exitCode(), result::toString);
        assertTrue(result.err().contains("[tls.untrusted_server]"), result::toString);
        assertTrue(result.err().contains("the Java platform's trusted CAs"), result::toString);
    }

    @Test
    void findsTheLocalAttestorCaInTheDataDirectory() throws Exception {
        Path data = dir.resolve("data");
        ca.writePem(data.resolve("tls").resolve("ca.pem"));
        assertEquals(ExitCodes.OK, fetch("--data-dir", data.toString()).exitCode());
        assertEquals(ExitCodes.OK, fetchWithEnv(Map.of("STELLA_DATA_DIR", data.toString())).exitCode());
    }

    @Test
    void takesTheCaFileFromTheEnvironment() throws Exception {
        Path pem = ca.writePem(dir.resolve("ca.pem"));
        Cli.Result result = fetchWithEnv(Map.of("STELLA_CACERT", pem.toString()));
        assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
    }

    @Test
    void refusesACertificateThatDoesNotNameTheHost() throws Exception {
        server.close();
        server = new TestTls.Server(ca.serverContext(new GeneralName(GeneralName.dNSName, "attestor.test")),
                request -> TestTls.Response.json(200, RECORD));
        Path pem = ca.writePem(dir.resolve("ca.pem"));
        Cli.Result result = fetch("--cacert", pem.toString());
        assertEquals(ExitCodes.UNAVAILABLE, result.exitCode(), result::toString);
        assertTrue(result.err().contains("[tls.hostname_mismatch]"), result::toString);
        assertTrue(result.err().contains("-Dattestor.tls.san=127.0.0.1"), result::toString);
    }

    @Test
    void reportsAMissingCaFileAsAUsageError() {
        Cli.Result result = fetch("--cacert", dir.resolve("missing.pem").toString());
        assertEquals(ExitCodes.USAGE, result.exitCode(), result::toString);
        assertTrue(result.err().contains("[file.unreadable]"), result::toString);
    }

    @Test
    void reportsACaFileWithoutCertificateAsAUsageError() throws Exception {
        Path notPem = dir.resolve("not.pem");
        java.nio.file.Files.writeString(notPem, "hello");
        Cli.Result result = fetch("--cacert", notPem.toString());
        assertEquals(ExitCodes.USAGE, result.exitCode(), result::toString);
        assertTrue(result.err().contains("[tls.bad_cacert]"), result::toString);
    }
}
