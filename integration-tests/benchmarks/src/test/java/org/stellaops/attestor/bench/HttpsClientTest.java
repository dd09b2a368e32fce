package org.stellaops.attestor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLHandshakeException;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.sdk.jose.DevIssuer;
import org.stellaops.attestor.sdk.jose.Jwk;
import org.stellaops.attestor.sdk.jose.Jws;

/**
 * The client side of HTTPS and tokens, through ApiGet and Health (the JDK client) and through the load driver's
 * blocking connection, against a real loopback HTTPS server whose certificate comes from a test CA.
 */
class HttpsClientTest {

    private static final String STATS = "/api/v1/stats";
    private static final String ENTRIES = "/api/v1/rekor/entries";

    @TempDir
    Path dir;

    private TestCa ca;
    private RecordingHttpsServer server;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void createCa() throws Exception {
        ca = TestCa.create("bench test CA");
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void sendsTheGivenTokenAsBearerToAServerCertifiedByTheGivenCa() throws Exception {
        startServer(ca, "127.0.0.1", "localhost");
        Path caFile = ca.writePem(dir.resolve("ca.pem"));
        int status = apiGet(server.url(), STATS, "--cacert", caFile.toString(), "--token", "abc.def.ghi");
        assertEquals(0, status, text());
        assertTrue(text().startsWith("200 {\"ok\":true}"), text());
        assertEquals(List.of(new RecordingHttpsServer.Seen("GET", STATS, "Bearer abc.def.ghi")), server.seen());
    }

    @Test
    void refusesAServerWhoseCertificateComesFromAnotherCa() throws Exception {
        startServer(TestCa.create("someone else's CA"), "127.0.0.1", "localhost");
        Path caFile = ca.writePem(dir.resolve("ca.pem"));
        int status = apiGet(server.url(), STATS, "--cacert", caFile.toString(), "--token", "secret");
        assertEquals(1, status, text());
        assertTrue(text().contains("SSLHandshakeException"), text());
        assertEquals(List.of(), server.seen(), "nothing, in particular no token, reached the server");
    }

    @Test
    void refusesAServerCertificateThatDoesNotNameTheHostOfTheUrl() throws Exception {
        startServer(ca, "attestor.example.com");
        Path caFile = ca.writePem(dir.resolve("ca.pem"));
        int status = apiGet(server.url(), STATS, "--cacert", caFile.toString(), "--token", "secret");
        assertEquals(1, status, text());
        assertTrue(text().contains("SSLHandshakeException"), text());
        assertEquals(List.of(), server.seen());
    }

    @Test
    void mintsADevelopmentTokenWithEveryAttestorScopeFromTheDataDirectory() throws Exception {
        startServer(ca, "127.0.0.1");
        ca.writePem(dir.resolve("tls/ca.pem"));
        Jwk issuer = DevIssuer.createKeyIfAbsent(dir);
        int status = apiGet(server.url(), STATS, "--data-dir", dir.toString());
        assertEquals(0, status, text());
        String header = server.seen().get(0).authorization();
        assertTrue(header.startsWith("Bearer "), header);
        Jws token = Jws.parse(header.substring("Bearer ".length()), 8192);
        assertTrue(token.verify(issuer.publicKey()), "signed by the data directory's development issuer");
        JsonNode claims = token.payloadJson(8192);
        assertEquals(DevIssuer.ISSUER, claims.path("iss").asText());
        assertEquals(DevIssuer.DEFAULT_AUDIENCE, claims.path("aud").asText());
        assertEquals("default", claims.path("tenant").asText());
        assertEquals(List.of("attestor.write", "attestor.verify", "attestor.read", "attestor.admin"),
                List.of(claims.path("scope").asText().split(" ")));
        assertEquals(DevIssuer.MAX_TTL.toSeconds(), claims.path("exp").asLong() - claims.path("iat").asLong());
    }

    @Test
    void anExplicitTokenOverridesTheOneTheDataDirectoryWouldGive() throws Exception {
        startServer(ca, "127.0.0.1");
        ca.writePem(dir.resolve("tls/ca.pem"));
        DevIssuer.createKeyIfAbsent(dir);
        int status = apiGet(server.url(), STATS, "--data-dir", dir.toString(), "--token", "mine");
        assertEquals(0, status, text());
        assertEquals("Bearer mine", server.seen().get(0).authorization());
    }

    @Test
    void anExplicitCaOverridesTheOneInTheDataDirectory() throws Exception {
        startServer(ca, "127.0.0.1");
        TestCa.create("stale CA").writePem(dir.resolve("tls/ca.pem"));
        Path right = ca.writePem(dir.resolve("elsewhere/ca.pem"));
        int status = apiGet(server.url(), STATS, "--data-dir", dir.toString(), "--cacert", right.toString(),
                "--token", "t");
        assertEquals(0, status, text());
    }

    @Test
    void healthTrustsTheDataDirectorysCaButMintsNoTokenForThePublicEndpoint() throws Exception {
        startServer(ca, "127.0.0.1");
        ca.writePem(dir.resolve("tls/ca.pem"));
        int status = Health.run(new String[] {server.url(), "--data-dir", dir.toString()}, print(out), print(err));
        assertEquals(0, status, text());
        assertEquals("/health", server.seen().get(0).path());
        assertNull(server.seen().get(0).authorization(), "no issuer key needed, none sent");
    }

    @Test
    void aDataDirectoryWithoutCaIsAUsageErrorNamingTheMissingFile() throws Exception {
        startServer(ca, "127.0.0.1");
        int status = apiGet(server.url(), STATS, "--data-dir", dir.toString());
        assertEquals(2, status, text());
        assertTrue(text().contains("no CA certificate at " + dir.resolve("tls/ca.pem")), text());
        assertEquals(List.of(), server.seen());
    }

    @Test
    void aDataDirectoryWithoutIssuerKeyIsAUsageErrorForARequestThatNeedsAToken() throws Exception {
        startServer(ca, "127.0.0.1");
        ca.writePem(dir.resolve("tls/ca.pem"));
        int status = apiGet(server.url(), STATS, "--data-dir", dir.toString());
        assertEquals(2, status, text());
        assertTrue(text().contains("cannot mint a development token"), text());
        assertEquals(List.of(), server.seen());
    }

    @Test
    void refusesACaFileThatHoldsAServerCertificateInsteadOfTheCa() throws Exception {
        Path leaf = TestCa.writePem(dir.resolve("server.pem"),
                ca.serverCertificate(TestCa.newKeyPair().getPublic(), "127.0.0.1"));
        UsageException e = assertThrows(UsageException.class, () -> CaTrust.trusting(leaf));
        assertTrue(e.getMessage().contains("not a CA certificate"), e.getMessage());
    }

    @Test
    void refusesToRunWhileTheJdkHostNameCheckIsSwitchedOff() throws Exception {
        Path caFile = ca.writePem(dir.resolve("ca.pem"));
        ServerOptions options = LoadOptions.parse("--url", "https://127.0.0.1:1", "--cacert", caFile.toString())
                .server();
        String before = System.setProperty(ServerAccess.NO_HOSTNAME_CHECK, "true");
        try {
            UsageException e = assertThrows(UsageException.class,
                    () -> ServerAccess.open(options, false, Instant.now()));
            assertTrue(e.getMessage().contains("host name must be checked"), e.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty(ServerAccess.NO_HOSTNAME_CHECK);
            } else {
                System.setProperty(ServerAccess.NO_HOSTNAME_CHECK, before);
            }
        }
    }

    @Test
    void theDescriptionNamesTheTrustedCaButNeverTheToken() throws Exception {
        Path caFile = ca.writePem(dir.resolve("ca.pem"));
        ServerOptions options = LoadOptions.parse("--url", "https://127.0.0.1:1", "--cacert", caFile.toString(),
                "--token", "very-secret").server();
        String description = ServerAccess.open(options, true, Instant.now()).describe();
        assertTrue(description.contains("https trusting only " + caFile), description);
        assertFalse(description.contains("very-secret"), description);
    }

    @Test
    void theBlockingLoadClientSendsTheTokenOverOneTlsConnectionToAServerCertifiedByTheGivenCa() throws Exception {
        Set<Integer> ports = Collections.synchronizedSet(new HashSet<>());
        startServer(ca, "127.0.0.1").route(ENTRIES, ex -> {
            ports.add(ex.getRemoteAddress().getPort());
            RecordingHttpsServer.answer(ex, 201, "{\"uuid\":\"u\"}");
        });
        try (KeepAliveConnection connection = blockingClient(server.url(), "--token", "abc.def.ghi")) {
            for (int i = 0; i < 3; i++) {
                Transport.Answer answer = connection.post(ENTRIES, "{}".getBytes(StandardCharsets.UTF_8));
                assertEquals(201, answer.status());
                assertEquals("{\"uuid\":\"u\"}", new String(answer.body(), StandardCharsets.UTF_8));
            }
            assertEquals(1, connection.connectionsOpened());
        }
        assertEquals(1, ports.size(), "one TLS connection, one handshake: " + ports);
        assertEquals(3, server.seen().size());
        assertTrue(server.seen().stream().allMatch(s -> s.method().equals("POST")
                && "Bearer abc.def.ghi".equals(s.authorization())), server.seen().toString());
    }

    @Test
    void theBlockingLoadClientRefusesAServerWhoseCertificateComesFromAnotherCa() throws Exception {
        startServer(TestCa.create("someone else's CA"), "127.0.0.1", "localhost").route(ENTRIES,
                ex -> RecordingHttpsServer.answer(ex, 201, "{}"));
        try (KeepAliveConnection connection = blockingClient(server.url(), "--token", "secret")) {
            assertThrows(SSLHandshakeException.class, () -> connection.post(ENTRIES, new byte[0]));
            assertFalse(connection.isOpen());
        }
        assertEquals(List.of(), server.seen(), "nothing, in particular no token, reached the server");
    }

    @Test
    void theBlockingLoadClientRefusesAServerCertificateThatDoesNotNameTheHostOfTheUrl() throws Exception {
        startServer(ca, "attestor.example.com").route(ENTRIES, ex -> RecordingHttpsServer.answer(ex, 201, "{}"));
        try (KeepAliveConnection connection = blockingClient(server.url(), "--token", "secret")) {
            assertThrows(SSLHandshakeException.class, () -> connection.post(ENTRIES, new byte[0]));
        }
        assertEquals(List.of(), server.seen());
    }

    @Test
    void theBlockingLoadClientChecksTheUrlsHostNameNotTheAddressItConnectsTo() throws Exception {
        startServer(ca, "127.0.0.1").route(ENTRIES, ex -> RecordingHttpsServer.answer(ex, 201, "{}"));
        String byName = "https://localhost:" + server.port();
        try (KeepAliveConnection connection = blockingClient(byName, "--token", "secret")) {
            // localhost is 127.0.0.1, which the certificate names; but the URL says localhost, which it does not.
            assertThrows(SSLHandshakeException.class, () -> connection.post(ENTRIES, new byte[0]));
        }
        assertEquals(List.of(), server.seen());
    }

    @Test
    void theBlockingLoadClientTimesOutOverTlsAndReconnectsForTheNextRequest() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        startServer(ca, "127.0.0.1").route("/slow", ex -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            RecordingHttpsServer.answer(ex, 200, "{}");
        }).route(ENTRIES, ex -> RecordingHttpsServer.answer(ex, 201, "{}"));
        try (KeepAliveConnection connection = blockingClient(server.url(), Duration.ofMillis(300), "--token", "t")) {
            long t0 = System.nanoTime();
            assertThrows(HttpTimeoutException.class, () -> connection.post("/slow", new byte[0]));
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "bounded by the request timeout");
            assertFalse(connection.isOpen());
            assertEquals(201, connection.post(ENTRIES, new byte[0]).status());
            assertEquals(2, connection.connectionsOpened());
        } finally {
            release.countDown();
        }
    }

    private KeepAliveConnection blockingClient(String url, String... args) throws Exception {
        return blockingClient(url, Duration.ofSeconds(10), args);
    }

    private KeepAliveConnection blockingClient(String url, Duration timeout, String... args) throws Exception {
        Path caFile = ca.writePem(dir.resolve("ca.pem"));
        List<String> all = new ArrayList<>(List.of("--url", url, "--cacert", caFile.toString()));
        all.addAll(List.of(args));
        ServerAccess access = ServerAccess.open(LoadOptions.parse(all.toArray(String[]::new)).server(), false,
                Instant.now());
        return KeepAliveConnection.to(access, timeout);
    }

    private RecordingHttpsServer startServer(TestCa issuer, String... sans) throws Exception {
        server = RecordingHttpsServer.start(issuer.serverContext(sans))
                .route(STATS, ex -> RecordingHttpsServer.answer(ex, 200, "{\"ok\":true}"))
                .route("/health", ex -> RecordingHttpsServer.answer(ex, 200, "{\"status\":\"UP\"}"));
        return server;
    }

    private int apiGet(String... args) {
        return ApiGet.run(args, print(out), print(err));
    }

    private String text() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    private static PrintStream print(ByteArrayOutputStream stream) {
        return new PrintStream(stream, true, StandardCharsets.UTF_8);
    }
}
