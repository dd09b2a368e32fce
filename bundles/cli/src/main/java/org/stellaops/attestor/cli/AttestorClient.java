package org.stellaops.attestor.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.stellaops.attestor.sdk.json.StrictJson;

/**
 * The few calls of the Attestor HTTP API the command line makes. Every call has a connect timeout and a request
 * timeout; failures become {@link CliException}s with the exit codes of {@link ExitCodes}.
 */
final class AttestorClient {

    static final String VERIFY_PATH = "/api/v1/rekor/verify";
    static final String ENTRIES_PATH = "/api/v1/rekor/entries/";
    private static final String ACCEPT = "application/json, application/problem+json";

    private final String root;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param base the service root, for example {@code http://127.0.0.1:8080}
     * @param timeout applied to connecting and, separately, to each whole request
     */
    AttestorClient(URI base, Duration timeout) {
        String text = base.toString();
        this.root = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** POST /api/v1/rekor/verify with {@code {"envelope": …}}. */
    JsonNode verifyEnvelope(JsonNode envelope) {
        ObjectNode body = StrictJson.mapper().createObjectNode();
        body.set("envelope", envelope);
        return post(VERIFY_PATH, body);
    }

    /** POST /api/v1/rekor/verify with {@code {"uuid": "…"}}. */
    JsonNode verifyUuid(String uuid) {
        ObjectNode body = StrictJson.mapper().createObjectNode();
        body.put("uuid", uuid);
        return post(VERIFY_PATH, body);
    }

    /**
     * GET /api/v1/rekor/entries/{uuid}: the entry record.
     *
     * @param uuid already checked by {@link EntryIds#check}, so it needs no escaping in the path
     */
    JsonNode fetchEntry(String uuid) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(root + ENTRIES_PATH + uuid))
                .timeout(timeout).header("Accept", ACCEPT).GET().build();
        return send(request);
    }

    private JsonNode post(String path, JsonNode body) {
        byte[] json;
        try {
            json = StrictJson.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(root + path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", ACCEPT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                .build();
        return send(request);
    }

    private JsonNode send(HttpRequest request) {
        String what = request.method() + " " + request.uri();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return HttpResults.interpret(response.statusCode(), response.body(), what);
        } catch (HttpConnectTimeoutException e) {
            throw unavailable("network.timeout", what + ": no connection within " + timeout.toSeconds() + " s", e);
        } catch (HttpTimeoutException e) {
            throw unavailable("network.timeout", what + ": no answer within " + timeout.toSeconds() + " s", e);
        } catch (ConnectException e) {
            // HttpClient's ConnectException usually has no message; its cause is a bare ClosedChannelException.
            String reason = e.getMessage() == null || e.getMessage().isBlank()
                    ? "connection refused or host unreachable" : e.getMessage();
            throw unavailable("network.unreachable", what + ": cannot connect (" + reason + ")", e);
        } catch (IOException e) {
            throw unavailable("network.failure", what + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("network.interrupted", what + ": interrupted", e);
        }
    }

    private static CliException unavailable(String code, String message, Throwable cause) {
        return new CliException(code, ExitCodes.UNAVAILABLE, message, cause);
    }

    private static String describe(IOException e) {
        // HttpClient often wraps the real reason (connection refused, unknown host) without a message of its own.
        Throwable root = e;
        while ((root.getMessage() == null || root.getMessage().isBlank()) && root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }
}
