package org.stellaops.attestor.it.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLContext;

/**
 * Requests exactly as a test writes them: any method, headers and TLS identity, no token added. For the security
 * tests, which must send what a well-behaved client never would.
 */
final class RawClient {

    private final URI base;
    private final HttpClient http;

    RawClient(URI base, SSLContext tls) {
        this.base = base;
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TestSettings.HTTP_TIMEOUT);
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.build();
    }

    /** A client of the server that trusts its CA and presents no certificate. */
    static RawClient of(AttestorProcess server) {
        return new RawClient(server.baseUri(), TestHttp.trusting(server.dataDir().resolve("tls/ca.pem")));
    }

    /**
     * @param headers name/value pairs
     * @return the answer with its headers
     */
    Answer send(String method, String path, String... headers) {
        return send(method, path, null, headers);
    }

    Answer send(String method, String path, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TestSettings.HTTP_TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        HttpRequest built = request.build();
        try {
            HttpResponse<byte[]> response = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(new ApiResponse(method + " " + built.uri(), response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    new String(response.body(), StandardCharsets.UTF_8)), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + built.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** @return the URI a request to {@code path} goes to (DPoP {@code htu}) */
    URI uri(String path) {
        return base.resolve(path);
    }

    /**
     * One answer.
     *
     * @param response status, type and body
     * @param headers the response headers
     */
    record Answer(ApiResponse response, HttpHeaders headers) {
        String header(String name) {
            return headers.firstValue(name).orElse("");
        }
    }
}
