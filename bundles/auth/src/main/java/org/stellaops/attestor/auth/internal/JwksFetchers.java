package org.stellaops.attestor.auth.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLContext;

import org.stellaops.attestor.sdk.http.BoundedBody;
import org.stellaops.attestor.sdk.jose.JwkSet;

/** The two sources of JWK set documents: an HTTPS endpoint and a local file. */
final class JwksFetchers {

    /** The whole exchange (connect, headers, body) must finish within this time. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private JwksFetchers() {
    }

    /**
     * @param uri the JWKS endpoint
     * @param tls the TLS context (trusting the configured CA), or null for the JDK defaults
     * @return a fetcher with a {@link #TIMEOUT} bound, no redirects and a {@link JwkSet#MAX_BYTES} body cap
     */
    static CachedJwks.Fetcher http(URI uri, SSLContext tls) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(TIMEOUT)
                // A redirect could lead from https to http, or to another host; the configured URI is the contract.
                .followRedirects(HttpClient.Redirect.NEVER);
        if (tls != null) {
            builder.sslContext(tls);
        }
        HttpClient client = builder.build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Accept", "application/jwk-set+json, application/json").GET().build();
        return () -> get(client, request);
    }

    private static byte[] get(HttpClient client, HttpRequest request) throws IOException {
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request, info -> info.statusCode() == 200
                ? BoundedBody.subscriber(JwkSet.MAX_BYTES) : HttpResponse.BodySubscribers.replacing((byte[]) null));
        try {
            HttpResponse<byte[]> response = exchange.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (response.statusCode() != 200) {
                throw new IOException("JWKS endpoint answered HTTP " + response.statusCode());
            }
            return response.body();
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new IOException("JWKS endpoint did not answer within " + TIMEOUT.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException ? (IOException) cause : new IOException(String.valueOf(cause), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.cancel(true);
            throw new IOException("interrupted while fetching the JWK set", e);
        }
    }

    /**
     * @param file a JWK set file
     * @return a fetcher reading at most {@link JwkSet#MAX_BYTES} from it
     */
    static CachedJwks.Fetcher file(Path file) {
        return () -> {
            try (InputStream in = Files.newInputStream(file)) {
                byte[] bytes = in.readNBytes(JwkSet.MAX_BYTES + 1);
                if (bytes.length > JwkSet.MAX_BYTES) {
                    throw new IOException(file + " exceeds " + JwkSet.MAX_BYTES + " bytes");
                }
                return bytes;
            }
        };
    }
}
