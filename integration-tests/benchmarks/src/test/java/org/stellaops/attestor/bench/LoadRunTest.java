package org.stellaops.attestor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The driver's own behaviour (caps, counting, judging answers) against a small real HTTP server on loopback whose
 * answers the test controls, with each of the two clients; the figures against the real Attestor come from
 * run-benchmarks.sh.
 */
class LoadRunTest {

    private static final String UUID = "ab".repeat(32);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<String> batchItems = Collections.synchronizedList(new ArrayList<>());
    /** The client port of every verify request: which connection carried it. */
    private final Set<Integer> verifyPorts = Collections.synchronizedSet(new HashSet<>());
    private HttpServer server;
    private ExecutorService executor;
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile String verifyAnswer = "{\"verified\":true}";
    private URI base;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext(Workloads.ENTRIES, this::entries);
        server.createContext(Workloads.VERIFY, ex -> {
            verifyPorts.add(ex.getRemoteAddress().getPort());
            answer(ex, 200, verifyAnswer);
        });
        server.createContext(BatchRequests.PATH, this::batch);
        server.createContext("/slow", this::slow);
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(LoadClient.class)
    void submitsEachEnvelopeOnceAndCountsEveryStatus(LoadClient client) throws Exception {
        List<byte[]> envelopes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            envelopes.add((i < 8 ? "good" : "bad").getBytes(StandardCharsets.US_ASCII));
        }
        UuidPool uuids = new UuidPool();
        RunResult r = run(client, Workloads.submit(envelopes, uuids), 3, Duration.ofSeconds(30), 1000);
        assertEquals(Map.of("201", 8L, "422", 2L), r.outcomes());
        assertEquals(2, r.failures());
        assertEquals(8, uuids.size());
        assertTrue(r.exhausted());
        assertTrue(r.failureSamples().get(0).contains("signature.invalid"), r.failureSamples().get(0));
        assertFalse(r.clean());
    }

    @ParameterizedTest
    @EnumSource(LoadClient.class)
    void batchModeSendsEachEnvelopeOnceInWholeBatchesUntilTooFewAreLeft(LoadClient client) throws Exception {
        List<byte[]> envelopes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            envelopes.add(("{\"n\":" + i + "}").getBytes(StandardCharsets.US_ASCII));
        }
        RunResult r = run(client, Workloads.batch(envelopes, 3), 2, Duration.ofSeconds(30), 1000);
        assertEquals(Map.of("200", 3L), r.outcomes());
        assertTrue(r.clean());
        assertTrue(r.exhausted());
        List<String> sent = new ArrayList<>(batchItems);
        Collections.sort(sent);
        assertEquals(List.of("{\"n\":0}", "{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}", "{\"n\":5}",
                "{\"n\":6}", "{\"n\":7}", "{\"n\":8}"), sent);
    }

    @ParameterizedTest
    @EnumSource(LoadClient.class)
    void aBatchWithAnItemNotCreatedIsUnexpectedAndItsSampleNamesThatItem(LoadClient client) throws Exception {
        List<byte[]> envelopes = List.of("{\"n\":1}".getBytes(StandardCharsets.US_ASCII),
                "{\"n\":2,\"bad\":true}".getBytes(StandardCharsets.US_ASCII));
        RunResult r = run(client, Workloads.batch(envelopes, 2), 1, Duration.ofSeconds(30), 1000);
        assertEquals(Map.of("200 (unexpected body)", 1L), r.outcomes());
        String sample = r.failureSamples().get(0);
        assertTrue(sample.contains("\"failed\":1") && sample.contains("first not created: {\"index\":1"), sample);
    }

    @ParameterizedTest
    @EnumSource(LoadClient.class)
    void stopsIssuingAtTheRequestCap(LoadClient client) throws Exception {
        UuidPool uuids = new UuidPool();
        uuids.add(UUID);
        RunResult r = run(client, Workloads.verify(uuids), 4, Duration.ofSeconds(30), 25);
        assertEquals(25, r.requests());
        assertEquals(Map.of("200", 25L), r.outcomes());
        assertTrue(r.clean());
    }

    @ParameterizedTest
    @EnumSource(LoadClient.class)
    void countsAVerificationThatIsNotVerifiedAsUnexpected(LoadClient client) throws Exception {
        verifyAnswer = "{\"verified\":false}";
        UuidPool uuids = new UuidPool();
        uuids.add(UUID);
        RunResult r = run(client, Workloads.verify(uuids), 1, Duration.ofSeconds(30), 3);
        assertEquals(Map.of("200 (unexpected body)", 3L), r.outcomes());
        assertEquals(3, r.failures());
    }

    @ParameterizedTest
    @EnumSource(LoadClient.class)
    void aServerThatDoesNotAnswerGivesTimeoutsNotAHungDriver(LoadClient client) throws Exception {
        Workload slow = sequence -> new Call("/slow", new byte[0], 200, b -> true, b -> { });
        RunResult r = new LoadRun(plainHttp(), client, Duration.ofMillis(200), quiet())
                .run(slow, 2, Duration.ofMillis(300), 100);
        assertEquals(0, r.stillRunning());
        assertEquals(r.requests(), r.failures());
        assertTrue(r.outcomes().containsKey("error HttpTimeoutException"), r.outcomes().toString());
    }

    @Test
    void eachBlockingClientSendsAllItsRequestsOverOneConnection() throws Exception {
        UuidPool uuids = new UuidPool();
        uuids.add(UUID);
        RunResult r = run(LoadClient.BLOCKING, Workloads.verify(uuids), 3, Duration.ofSeconds(30), 60);
        assertEquals(Map.of("200", 60L), r.outcomes());
        assertTrue(verifyPorts.size() <= 3, "at most one connection per client: " + verifyPorts);
    }

    private RunResult run(LoadClient client, Workload workload, int clients, Duration duration, long max)
            throws InterruptedException {
        return new LoadRun(plainHttp(), client, Duration.ofSeconds(10), quiet())
                .run(workload, clients, duration, max);
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    private void entries(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.US_ASCII);
        if (body.equals("good")) {
            answer(ex, 201, "{\"uuid\":\"" + UUID + "\"}");
        } else {
            answer(ex, 422, "{\"code\":\"signature.invalid\"}");
        }
    }

    /** Answers like the server: 201 per item, 422 for an item with {@code "bad":true}. */
    private void batch(HttpExchange ex) throws IOException {
        JsonNode envelopes = MAPPER.readTree(ex.getRequestBody().readAllBytes()).path("envelopes");
        StringBuilder results = new StringBuilder();
        int failed = 0;
        for (int i = 0; i < envelopes.size(); i++) {
            batchItems.add(envelopes.get(i).toString());
            boolean bad = envelopes.get(i).path("bad").asBoolean(false);
            failed += bad ? 1 : 0;
            results.append(i == 0 ? "" : ",").append("{\"index\":").append(i).append(bad
                    ? ",\"status\":422,\"problem\":{\"code\":\"signature.invalid\"}}"
                    : ",\"status\":201,\"uuid\":\"" + UUID + "\"}");
        }
        answer(ex, 200, "{\"results\":[" + results + "],\"summary\":{\"created\":" + (envelopes.size() - failed)
                + ",\"existing\":0,\"pending\":0,\"failed\":" + failed + "}}");
    }

    private void slow(HttpExchange ex) throws IOException {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        answer(ex, 200, "{}");
    }

    private static void answer(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private ServerAccess plainHttp() {
        return ServerAccess.open(new ServerOptions(base, null, null, null), false, Instant.now());
    }
}
