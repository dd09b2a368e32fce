package org.stellaops.attestor.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A real HTTPS server on loopback (the JDK's {@link HttpsServer}) that remembers the method, path and
 * {@code Authorization} header of every request that reached a handler, i.e. passed the TLS handshake.
 */
final class RecordingHttpsServer implements AutoCloseable {

    /**
     * One request as the server saw it.
     *
     * @param method the HTTP method
     * @param path the request path
     * @param authorization the {@code Authorization} header, or null
     */
    record Seen(String method, String path, String authorization) {
    }

    private final HttpsServer server;
    private final ExecutorService executor;
    private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());

    private RecordingHttpsServer(HttpsServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * @param tls the server's TLS context (its certificate chain)
     * @return a started server on 127.0.0.1 and a free port, without routes
     */
    static RecordingHttpsServer start(SSLContext tls) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        ExecutorService executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.start();
        return new RecordingHttpsServer(server, executor);
    }

    /**
     * @param path a path prefix
     * @param handler what answers it
     * @return this server
     */
    RecordingHttpsServer route(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization")));
            handler.handle(exchange);
        });
        return this;
    }

    /** @return {@code https://127.0.0.1:<port>} */
    String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /** @return the port */
    int port() {
        return server.getAddress().getPort();
    }

    /** @return a copy of the requests seen so far */
    List<Seen> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    /**
     * Sends a JSON answer.
     *
     * @param exchange the exchange
     * @param status the status
     * @param json the body
     */
    static void answer(HttpExchange exchange, int status, String json) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() throws InterruptedException {
        server.stop(0);
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
