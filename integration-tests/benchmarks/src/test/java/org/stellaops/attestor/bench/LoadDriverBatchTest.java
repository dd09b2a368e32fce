package org.stellaops.attestor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.sdk.crypto.PublicKeys;

/**
 * The whole driver in batch mode (setup, pre-signing, warm-up, measured phase, report) against a small loopback
 * server that answers the three routes it uses the way the Attestor documents them.
 */
class LoadDriverBatchTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HttpServer server;
    private ExecutorService executor;
    private final List<Integer> batchSizes = new ArrayList<>();
    private final List<String> payloads = new ArrayList<>();
    private String base;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/health", ex -> answer(ex, 200, "{\"status\":\"UP\"}"));
        server.createContext("/api/v1/trust/keys", this::trustKey);
        server.createContext(BatchRequests.PATH, this::batch);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        server.stop(0);
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void presignsWholeBatchesOfItemsAndSendsEachEnvelopeOnce() {
        String text = runCleanly("--mode", "batch", "--batch-size", "7",
            "--clients", "2", "--warmup", "0", "--envelopes", "20");
        assertTrue(text.contains("pre-signed 21 envelopes"), "20 rounded up to 3 batches of 7:\n" + text);
        assertEquals(List.of(7, 7, 7), batchSizes);
        assertEquals(21, new HashSet<>(payloads).size(), "every envelope distinct and sent once");
        assertTrue(text.contains("RESULT phase=batch clients=2 requests=3 "), text);
        assertTrue(text.contains(" batch_size=7 items=21 items_per_s="), text);
    }

    @Test
    void theWarmUpUsesItsOwnEnvelopesSoNoneIsSentTwice() {
        String text = runCleanly("--mode", "batch", "--batch-size", "10",
            "--clients", "2", "--warmup", "20s", "--envelopes", "30");
        assertTrue(text.contains("pre-signed 1000 envelopes"), "the warm-up signs 1,000 items:\n" + text);
        assertTrue(text.contains("RESULT phase=warmup clients=2 requests=100 "), text);
        assertTrue(text.contains("RESULT phase=batch clients=2 requests=3 "), text);
        assertEquals(1030, payloads.size());
        assertEquals(1030, new HashSet<>(payloads).size(), "no envelope of the warm-up is sent again");
    }

    @Test
    void everyPhaseReportsTheServersCpuTimeWhenGivenItsPid() {
        // The loopback server of this test runs in this JVM, so this JVM's pid is the server's.
        String text = runCleanly("--mode", "batch", "--batch-size", "10",
            "--clients", "2", "--warmup", "20s", "--envelopes", "30", "--server-pid",
            Long.toString(ProcessHandle.current().pid()), "--clock-ticks", "100");
        List<String> results = text.lines().filter(l -> l.startsWith("RESULT ")).toList();
        assertEquals(2, results.size(), text);
        for (String line : results) {
            assertTrue(line.matches(".* outcomes=\\S+ server_cpu_s=\\d+\\.\\d\\d server_cores=\\d+\\.\\d\\d "
                    + "server_cpu_ms_per_item=\\d+\\.\\d{3} driver_cpu_s=\\d+\\.\\d\\d driver_cores=\\d+\\.\\d\\d"),
                    line);
        }
        assertEquals(2, text.lines().filter(l -> l.startsWith("cpu        server ")).count(), text);
    }

    @Test
    void withoutAServerPidEveryPhaseReportsOnlyTheDriversCpuTime() {
        String text = runCleanly("--mode", "batch", "--batch-size", "7",
            "--clients", "2", "--warmup", "0", "--envelopes", "20");
        String result = text.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow();
        assertTrue(result.matches(".* outcomes=\\S+ driver_cpu_s=\\d+\\.\\d\\d driver_cores=\\d+\\.\\d\\d"), result);
        assertFalse(text.contains("server_cpu"), text);
    }

    /** Runs the driver against the loopback server and returns its output; the run must exit with 0. */
    private String runCleanly(String... options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] args = new String[options.length + 2];
        args[0] = "--url";
        args[1] = base;
        System.arraycopy(options, 0, args, 2, options.length);
        int status = LoadDriver.run(args, print(out), print(out));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, text);
        return text;
    }

    private static PrintStream print(ByteArrayOutputStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    private void trustKey(HttpExchange ex) throws IOException {
        JsonNode request = MAPPER.readTree(ex.getRequestBody().readAllBytes());
        String keyId = PublicKeys.keyId(PublicKeys.parsePem(request.path("publicKeyPem").asText()));
        answer(ex, 201, "{\"keyId\":\"" + keyId + "\"}");
    }

    private void batch(HttpExchange ex) throws IOException {
        JsonNode envelopes = MAPPER.readTree(ex.getRequestBody().readAllBytes()).path("envelopes");
        StringBuilder results = new StringBuilder();
        synchronized (this) {
            batchSizes.add(envelopes.size());
            for (int i = 0; i < envelopes.size(); i++) {
                payloads.add(envelopes.get(i).path("payload").asText());
                results.append(i == 0 ? "" : ",").append("{\"index\":").append(i)
                        .append(",\"status\":201,\"uuid\":\"").append("cd".repeat(32)).append("\"}");
            }
        }
        answer(ex, 200, "{\"results\":[" + results + "],\"summary\":{\"created\":" + envelopes.size()
                + ",\"existing\":0,\"pending\":0,\"failed\":0}}");
    }

    private static void answer(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
