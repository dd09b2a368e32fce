package org.stellaops.attestor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The access token goes out as a bearer token; refusals print the problem code and what to do. */
class TokenHeaderTest {

    private static final String UUID = ServerTrustTest.UUID;

    @TempDir
    Path dir;

    private TestTls.Server server;
    private Path caFile;
    private final AtomicReference<TestTls.Response> answer =
            new AtomicReference<>(TestTls.Response.json(200, ServerTrustTest.RECORD));

    @BeforeEach
    void startServer() throws Exception {
        TestTls.Ca ca = TestTls.Ca.create("CN=Token test CA");
        caFile = ca.writePem(dir.resolve("ca.pem"));
        server = new TestTls.Server(ca.loopbackServerContext(), request -> answer.get());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private Cli.Result fetch(Map<String, String> env, String... extra) {
        String[] base = {"--url", server.url(), "--cacert", caFile.toString(), "attest", "fetch", "--uuid", UUID};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return Cli.runWithEnv(env, args);
    }

    @Test
    void sendsTheTokenAsABearerToken() {
        Cli.Result result = fetch(Map.of(), "--token", "tok-123");
        assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
        assertEquals("Bearer tok-123", server.requests().get(0).header("Authorization"));
    }

    @Test
    void takesTheTokenFromTheEnvironment() {
        Cli.Result result = fetch(Map.of("STELLA_TOKEN", "tok-env"));
        assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
        assertEquals("Bearer tok-env", server.requests().get(0).header("Authorization"));
    }

    @Test
    void sendsNoAuthorizationWithoutAToken() {
        assertEquals(ExitCodes.OK, fetch(Map.of()).exitCode());
        assertNull(server.requests().get(0).header("Authorization"));
    }

    @Test
    void printsTheProblemCodeAndHowToGetATokenOn401() {
        answer.set(new TestTls.Response(401, Map.of("WWW-Authenticate", "Bearer, DPoP algs=\"ES256\""),
                "{\"status\":401,\"code\":\"auth.missing\",\"detail\":\"no credentials\"}"));
        Cli.Result result = fetch(Map.of());
        assertEquals(ExitCodes.FAILED, result.exitCode(), result::toString);
        assertTrue(result.err().contains("stella: error [auth.missing]"), result::toString);
        assertTrue(result.err().contains("stella: hint: ") && result.err().contains(
                "stella auth token --scope attestor.read"), result::toString);
    }

    @Test
    void namesTheMissingScopeOn403() {
        answer.set(TestTls.Response.json(403, "{\"status\":403,\"code\":\"auth.insufficient_scope\"}"));
        Cli.Result result = Cli.run("--url", server.url(), "--cacert", caFile.toString(), "--token", "t",
                "attest", "verify", "--uuid", UUID);
        assertEquals(ExitCodes.FAILED, result.exitCode(), result::toString);
        assertTrue(result.err().contains("[auth.insufficient_scope]"), result::toString);
        assertTrue(result.err().contains("stella auth token --scope attestor.verify"), result::toString);
    }

    @Test
    void refusesToSendATokenInClearTextOffTheLoopback() {
        Cli.Result result = Cli.run("attest", "fetch", "--uuid", UUID, "--url", "http://attestor.invalid:8080",
                "--token", "secret");
        assertEquals(ExitCodes.USAGE, result.exitCode(), result::toString);
        assertTrue(result.err().contains("[usage.token_over_http]"), result::toString);
    }
}
