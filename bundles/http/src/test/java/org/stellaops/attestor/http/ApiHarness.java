package org.stellaops.attestor.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The API servlet in a real Jetty on loopback, over a {@link RecordingService}, a {@link RecordingKeys} and a
 * {@link FixedCatalog}, with small limits.
 */
final class ApiHarness implements AutoCloseable {

    static final int MAX_REQUEST_BYTES = 300;
    static final int MAX_BATCH_BYTES = 4000;
    static final ObjectMapper JSON = new ObjectMapper();

    final RecordingService core = new RecordingService();
    final RecordingKeys keys = new RecordingKeys();
    final FixedCatalog predicates = new FixedCatalog();
    final RecordingPolicies policies = new RecordingPolicies();
    private final Server server;
    private final String base;
    private final HttpClient http = HttpClient.newHttpClient();

    final ApiServlet servlet;

    ApiHarness() throws Exception {
        this(0, 1, 0);
    }

    /** A harness whose rate limits are on; the operator is tenant {@value TokenTable#OPERATOR_TENANT}. */
    ApiHarness(double perSecond, double burst, double authFailuresPerMinute) throws Exception {
        this(perSecond, burst, authFailuresPerMinute, TokenTable.OPERATOR_TENANT);
    }

    /** A harness without rate limits whose operator is the given tenant (empty: nobody). */
    ApiHarness(String operatorTenant) throws Exception {
        this(0, 1, 0, operatorTenant, 100);
    }

    private ApiHarness(double perSecond, double burst, double authFailuresPerMinute, String operatorTenant)
            throws Exception {
        this(perSecond, burst, authFailuresPerMinute, operatorTenant, 100);
    }

    /** @return a harness without rate limits that answers NDJSON batches this many items at a time */
    static ApiHarness slicing(int sliceItems) throws Exception {
        return new ApiHarness(0, 1, 0, TokenTable.OPERATOR_TENANT, sliceItems);
    }

    private ApiHarness(double perSecond, double burst, double authFailuresPerMinute, String operatorTenant,
                       int sliceItems) throws Exception {
        servlet = new ApiServlet(core, keys, predicates, policies, new TokenTable());
        servlet.activate(new ApiServlet.Config() {
            @Override
            public int maxRequestBytes() {
                return MAX_REQUEST_BYTES;
            }

            @Override
            public int maxBatchBytes() {
                return MAX_BATCH_BYTES;
            }

            @Override
            public int ndjsonSliceItems() {
                return sliceItems;
            }

            @Override
            public double rateLimitPerSecond() {
                return perSecond;
            }

            @Override
            public double rateLimitBurst() {
                return burst;
            }

            @Override
            public double authFailuresPerMinute() {
                return authFailuresPerMinute;
            }

            @Override
            public String operatorTenant() {
                return operatorTenant;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return ApiServlet.Config.class;
            }
        });
        server = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(servlet), "/api/*");
        context.addFilter(SecurityHeaders.class, "/*", java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /**
     * One answer.
     *
     * @param status the status
     * @param contentType the Content-Type, or empty
     * @param body the body as text
     * @param headers the response headers
     */
    record Answer(int status, String contentType, String body, java.net.http.HttpHeaders headers) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        static JsonNode parse(String line) {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new UncheckedIOException("not a JSON line: " + line, e);
            }
        }

        List<JsonNode> lines() {
            return body.lines().map(line -> {
                try {
                    return JSON.readTree(line);
                } catch (IOException e) {
                    throw new UncheckedIOException("not a JSON line: " + line, e);
                }
            }).toList();
        }
    }

    Answer post(String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder request = authorized(path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    /** Posts JSON text with the harness's token. */
    Answer postJson(String path, String json) {
        return post(path, "application/json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Posts without a Content-Length (chunked), as a streaming client would. */
    Answer postChunked(String path, String contentType, byte[] body) {
        return send(authorized(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))));
    }

    Answer get(String path) {
        return send(authorized(path).GET());
    }

    /** Posts and hands back the answer's lines as they arrive, before the answer is complete. */
    java.util.stream.Stream<String> postReadingLines(String path, String contentType, byte[] body) throws Exception {
        return http.send(authorized(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofLines()).body();
    }

    /** Sends a request as it is, without the harness's token. */
    Answer send(String method, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    /** A GET with the token of {@link TokenTable}. */
    Answer getAs(String token, String path) {
        return send(authorized(path, token).GET());
    }

    /** A request with a JSON body (or none, for a null body) and the token of {@link TokenTable}. */
    Answer sendAs(String token, String method, String path, String json) {
        HttpRequest.Builder request = authorized(path, token).method(method, json == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request);
    }

    private HttpRequest.Builder authorized(String path) {
        return authorized(path, TokenTable.ALL);
    }

    private HttpRequest.Builder authorized(String path, String token) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token);
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
