package org.stellaops.attestor.tlog.rekor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.tlog.HashedRekordRequest;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.rekor.HashedRekord;
import org.stellaops.attestor.sdk.rekor.RekorV2;
import org.stellaops.attestor.tlog.embedded.EmbeddedLog;
import org.stellaops.attestor.tlog.embedded.LogSettings;
import org.stellaops.attestor.testing.MemoryKeyDriver;

/**
 * A real Rekor v2 log for tests: the embedded tile log behind a JDK HTTP server, with the rekor-tiles write API
 * ({@code POST /api/v2/log/entries}: 201, 400, 409 + {@code x-log-index}) and the tiles served under {@code /tlog/}.
 * The log behind the server can be swapped for a fork, and answers can be tampered with or held back.
 */
final class V2TestLog implements AutoCloseable {

    static final String ORIGIN = "rekor.test.example";
    private static final int BAD_REQUEST = 400;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Long> known = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile Backend backend;
    private volatile UnaryOperator<LogEntry> tamper = UnaryOperator.identity();
    private volatile byte[] advertisedLogId;
    private volatile boolean hang;
    private volatile int forcedStatus;
    private volatile long claimedIndex = -1;

    private record Backend(EmbeddedLog log, Path directory) {
    }

    private V2TestLog(Backend backend) throws IOException {
        this.backend = backend;
        this.advertisedLogId = HexFormat.of().parseHex(backend.log().descriptor().logId());
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext(RekorV2.ENTRIES_PATH, this::entries);
        server.createContext("/tlog/", this::tiles);
        server.start();
    }

    /**
     * @param directory where the log keeps its tiles
     * @param key the checkpoint key
     * @return a started server over a new log
     */
    static V2TestLog start(Path directory, MemoryKeyDriver key) throws IOException {
        return new V2TestLog(open(directory, key));
    }

    /** Serves another log (same origin) from now on: a fork, if its key is the same. */
    void swapTo(Path directory, MemoryKeyDriver key) {
        Backend old = backend;
        backend = open(directory, key);
        known.clear();
        old.log().close();
    }

    /** @return the log currently served, to append to it directly */
    EmbeddedLog log() {
        return backend.log();
    }

    void tamper(UnaryOperator<LogEntry> change) {
        this.tamper = change;
    }

    void advertiseLogId(byte[] logId) {
        this.advertisedLogId = logId.clone();
    }

    /** Answers every write with this status and a gRPC-gateway error body. */
    void respondWith(int status) {
        this.forcedStatus = status;
    }

    /** Answers every write with 409 naming this index, whatever was submitted. */
    void claimDuplicateAt(long index) {
        this.claimedIndex = index;
    }

    /** Writes block until the server is closed. */
    void hang() {
        this.hang = true;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String readUrl() {
        return url() + "/tlog/";
    }

    /** @return appends directly to the log, as another client of the log would */
    LogEntry append(HashedRekordRequest request) {
        LogEntry entry = await(backend.log().submit(request));
        known.put(HashedRekord.uuid(entry.canonicalizedBody().value()), entry.logIndex());
        return entry;
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
        backend.log().close();
    }

    private static Backend open(Path directory, MemoryKeyDriver key) {
        return new Backend(EmbeddedLog.open(new LogSettings(directory, ORIGIN, "service", 256, 0, "unused"), key), directory);
    }

    private void entries(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "text/plain", "POST only".getBytes(StandardCharsets.UTF_8));
                return;
            }
            byte[] json = exchange.getRequestBody().readAllBytes();
            if (hang) {
                // Held until close; the client has long given up by then, so nothing is logged.
                release.await(60, TimeUnit.SECONDS);
                return;
            }
            HashedRekordRequest request;
            try {
                request = RekorV2.parseRequest(json, JsonLimits.DEFAULT);
                RekorV2.checkAcceptable(request);
            } catch (AttestorException e) {
                send(exchange, BAD_REQUEST, "application/json", RekorV2.errorJson(3, e.getMessage()).getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (forcedStatus != 0) {
                send(exchange, forcedStatus, "application/json", RekorV2.errorJson(14, "reached max pushback; retry")
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            Long existing = claimedIndex >= 0 ? Long.valueOf(claimedIndex)
                    : known.get(HashedRekord.uuid(HashedRekord.canonicalBody(request)));
            if (existing != null) {
                exchange.getResponseHeaders().add("x-log-index", Long.toString(existing));
                send(exchange, 409, "application/json", RekorV2.errorJson(6, "an equivalent entry already exists in the "
                        + "transparency log with index " + existing).getBytes(StandardCharsets.UTF_8));
                return;
            }
            LogEntry entry = append(request);
            send(exchange, 201, "application/json", RekorV2.entryJson(tamper.apply(entry), advertisedLogId));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void tiles(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring("/tlog/".length());
            Path root = backend.directory();
            Path file = root.resolve(path).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                send(exchange, 404, "text/plain", "not found\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            send(exchange, 200, "application/octet-stream", Files.readAllBytes(file));
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    static LogEntry await(java.util.concurrent.CompletionStage<LogEntry> stage) {
        try {
            return stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("submission did not complete", e);
        }
    }
}
