package org.stellaops.attestor.tlog.rekor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import javax.net.ssl.SSLContext;

import org.stellaops.attestor.api.tlog.TransparencyLogException;
import org.stellaops.attestor.sdk.http.BoundedBody;

/**
 * HTTP/1.1 access to one log with the configured timeouts. Transport failures (refused connections, timeouts,
 * oversized bodies) become {@code tlog.unavailable}; status codes are left to the caller. Redirects are not
 * followed: a log that moved is a configuration matter.
 */
final class HttpTransport implements AutoCloseable {

    /** Largest response accepted: a full entry bundle (256 entries of up to 64 KiB) with room to spare. */
    static final int MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
    private static final String USER_AGENT = "stellaops-attestor-tlog-rekor";

    private final HttpClient client;
    private final ExecutorService executor;
    private final Duration timeout;
    private final LogErrors errors;
    private final HttpResponse.BodyHandler<byte[]> bodies = BoundedBody.handler(MAX_RESPONSE_BYTES);

    /**
     * @param tls the TLS trust for https URLs, or null for the JVM's CAs
     */
    HttpTransport(String threadPrefix, Duration timeout, SSLContext tls, LogErrors errors) {
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, threadPrefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.timeout = timeout;
        this.errors = errors;
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).executor(executor);
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.client = builder.build();
    }

    /**
     * Posts JSON without blocking.
     *
     * @param uri the endpoint
     * @param json the body
     * @return completes with any HTTP response, or exceptionally with {@code tlog.unavailable}
     */
    CompletableFuture<HttpResponse<byte[]>> postJson(URI uri, byte[] json) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Content-Type", "application/json")
                .header("Accept", "application/json").header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build();
        CompletableFuture<HttpResponse<byte[]>> result = new CompletableFuture<>();
        CompletableFuture<HttpResponse<byte[]>> sent;
        try {
            sent = client.sendAsync(request, bodies).orTimeout(deadlineMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            result.completeExceptionally(errors.unavailable(uri, "the request could not be sent: " + e, e));
            return result;
        }
        sent.whenComplete((response, failure) -> {
            if (failure == null) {
                result.complete(response);
            } else {
                Throwable cause = unwrap(failure);
                result.completeExceptionally(errors.unavailable(uri, describe(cause), cause));
            }
        });
        return result;
    }

    /**
     * Handles a response on the transport's pool, so blocking reads during verification never run on the caller's
     * thread or the client's selector. Whatever fails surfaces as a {@link TransparencyLogException}: a closed
     * client as {@code tlog.unavailable}, anything unexpected while checking the answer as {@code tlog.bad_proof}.
     *
     * @param sent the pending response
     * @param uri the endpoint, for messages
     * @param handler checks the response
     * @param <T> the result
     * @return the handled result
     */
    <T> CompletableFuture<T> handle(CompletableFuture<HttpResponse<byte[]>> sent, URI uri,
            Function<HttpResponse<byte[]>, T> handler) {
        return sent.thenApplyAsync(handler, executor).handle((result, failure) -> {
            if (failure == null) {
                return result;
            }
            Throwable cause = unwrap(failure);
            if (cause instanceof TransparencyLogException known) {
                throw known;
            }
            if (cause instanceof RejectedExecutionException) {
                throw errors.unavailable(uri, "the client is closed", cause);
            }
            throw errors.badProof(uri, "the answer could not be checked: " + cause, cause);
        });
    }

    /**
     * GETs a resource, blocking the calling thread.
     *
     * @param uri the resource
     * @return the response, whatever its status
     * @throws IOException on a transport failure or timeout
     */
    HttpResponse<byte[]> get(URI uri) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", USER_AGENT).GET().build();
        try {
            return client.sendAsync(request, bodies).get(deadlineMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new HttpTimeoutException("no complete response within " + deadlineMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + uri, e);
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e);
            throw cause instanceof IOException io ? io : new IOException(describe(cause), cause);
        }
    }

    /**
     * GETs a resource and maps transport failures to {@code tlog.unavailable}.
     *
     * @param uri the resource
     * @return the response, whatever its status
     */
    HttpResponse<byte[]> getOrFail(URI uri) {
        try {
            return get(uri);
        } catch (IOException e) {
            throw errors.unavailable(uri, describe(e), e);
        }
    }

    /** The request timeout covers the wait for the headers; this bounds the body too. */
    private long deadlineMillis() {
        return timeout.toMillis() * 2;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    static String describe(Throwable failure) {
        if (failure instanceof HttpTimeoutException || failure instanceof TimeoutException) {
            return "no answer within the timeout (" + failure.getMessage() + ")";
        }
        return "the log cannot be reached: " + failure;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
