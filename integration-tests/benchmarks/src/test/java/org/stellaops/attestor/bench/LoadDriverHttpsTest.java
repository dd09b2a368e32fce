package org.stellaops.attestor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.jose.DevIssuer;
import org.stellaops.attestor.sdk.jose.Jwk;
import org.stellaops.attestor.sdk.jose.Jws;

/**
 * The whole load driver over HTTPS with {@code --data-dir}, the way run-benchmarks.sh starts it: the CA and the
 * development issuer key come from a data directory laid out like the Attestor's, and the server is a real loopback
 * HTTPS server that answers the routes of a submit run.
 */
class LoadDriverHttpsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dataDir;

    private RecordingHttpsServer server;
    private Jwk issuer;

    @BeforeEach
    void startServer() throws Exception {
        TestCa ca = TestCa.create("bench driver CA");
        ca.writePem(dataDir.resolve("tls/ca.pem"));
        issuer = DevIssuer.createKeyIfAbsent(dataDir);
        server = RecordingHttpsServer.start(ca.serverContext("127.0.0.1", "localhost", "::1"))
                .route("/health", ex -> RecordingHttpsServer.answer(ex, 200, "{\"status\":\"UP\"}"))
                .route("/api/v1/trust/keys", LoadDriverHttpsTest::trustKey)
                .route(Workloads.ENTRIES, ex -> RecordingHttpsServer.answer(ex, 201,
                        "{\"uuid\":\"" + "ef".repeat(32) + "\"}"));
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        server.close();
    }

    @Test
    void everyRequestOfARunCarriesOneDevelopmentTokenMintedFromTheDataDirectory() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = LoadDriver.run(new String[] {"--url", server.url(), "--data-dir", dataDir.toString(),
            "--mode", "submit", "--clients", "2", "--warmup", "0", "--envelopes", "6", "--keys", "2"},
                print(out), print(out));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, text);
        assertTrue(text.contains("RESULT phase=submit clients=2 requests=6 "), text);
        List<RecordingHttpsServer.Seen> seen = server.seen();
        assertEquals(1 + 2 + 6, seen.size(), "health, two trust roots, six submissions: " + seen);
        Set<String> headers = seen.stream().map(RecordingHttpsServer.Seen::authorization).collect(Collectors.toSet());
        assertEquals(1, headers.size(), "one token for the whole run: " + headers);
        String token = headers.iterator().next().substring("Bearer ".length());
        assertTrue(Jws.parse(token, 8192).verify(issuer.publicKey()));
        assertFalse(text.contains(token), "the token is never printed");
    }

    @Test
    void theDefaultBlockingClientAndTheJdkClientBothCarryARunAndTheDriverSaysWhichOneItUses() {
        for (LoadClient client : LoadClient.values()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            List<String> args = new java.util.ArrayList<>(List.of("--url", server.url(), "--data-dir",
                    dataDir.toString(), "--mode", "submit", "--clients", "3", "--warmup", "0", "--envelopes", "9"));
            if (client == LoadClient.JDK) {
                args.addAll(List.of("--client", "jdk"));
            }
            int status = LoadDriver.run(args.toArray(String[]::new), print(out), print(out));
            String text = out.toString(StandardCharsets.UTF_8);
            assertEquals(0, status, text);
            assertTrue(text.contains("load requests: " + client.description() + " (--client "
                    + client.optionValue() + ")"), text);
            assertTrue(text.contains("RESULT phase=submit clients=3 requests=9 "), text);
        }
    }

    @Test
    void anHttpsUrlWithoutCaStopsTheDriverBeforeAnyRequest() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = LoadDriver.run(new String[] {"--url", server.url(), "--token", "t"}, print(out), print(out));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(2, status, text);
        assertTrue(text.contains("give --data-dir DIR (trusts DIR/tls/ca.pem) or --cacert FILE"), text);
        assertEquals(List.of(), server.seen());
    }

    private static void trustKey(HttpExchange ex) throws IOException {
        JsonNode request = MAPPER.readTree(ex.getRequestBody().readAllBytes());
        String keyId = PublicKeys.keyId(PublicKeys.parsePem(request.path("publicKeyPem").asText()));
        RecordingHttpsServer.answer(ex, 201, "{\"keyId\":\"" + keyId + "\"}");
    }

    private static PrintStream print(ByteArrayOutputStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }
}
