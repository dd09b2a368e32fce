package org.stellaops.attestor.it.osgi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.osgi.framework.BundleContext;
import org.stellaops.attestor.auth.Scope;
import org.stellaops.attestor.sdk.jose.DevIssuer;

/** The attestor HTTP API as served by the Jetty inside the test framework. */
final class HttpApi {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();

    private final Path dataDir;
    private volatile String authorization;

    private HttpApi(URI base, Path dataDir) {
        this.base = base;
        this.dataDir = dataDir;
    }

    /**
     * The API on the port the framework was configured with (plain HTTP: these frameworks are started without the
     * launcher, which is what turns HTTPS on), called with a token of the development issuer holding every scope.
     */
    static HttpApi of(BundleContext context) {
        return new HttpApi(URI.create("http://127.0.0.1:" + context.getProperty("org.osgi.service.http.port")),
                Path.of(context.getProperty("attestor.data.dir")));
    }

    /** The auth bundle creates the development issuer's key when it starts, so the token is minted on first use. */
    private String authorization() {
        String current = authorization;
        if (current == null) {
            current = "Bearer " + DevIssuer.mintToken(DevIssuer.readKey(dataDir), "osgi-it", "default",
                    Arrays.stream(Scope.values()).map(Scope::wire).toList(), Duration.ofHours(1),
                    DevIssuer.DEFAULT_AUDIENCE, Instant.now(), null);
            authorization = current;
        }
        return current;
    }

    /** Waits until {@code GET /health} answers 200 and returns its body. */
    JsonNode awaitHealthy(Duration bound) {
        return Await.until("GET " + base + "/health answers 200", bound, () -> get("/health"),
                response -> response.status() == 200).json();
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).GET());
    }

    Response postJson(String path, byte[] body) {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    Response postJson(String path, Map<String, ?> body) {
        try {
            return postJson(path, JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Response send(HttpRequest.Builder builder) {
        HttpRequest request = builder.header("Authorization", authorization()).build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Response(request.method() + " " + request.uri(), response.statusCode(),
                    new String(response.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + request.method() + " " + request.uri(), e);
        }
    }

    /**
     * One response.
     *
     * @param request method and URI, for messages
     * @param status the status code
     * @param body the body text
     */
    record Response(String request, int status, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + this, e);
            }
        }

        @Override
        public String toString() {
            return request + " -> " + status + " " + body;
        }
    }
}
