package org.stellaops.attestor.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.stellaops.attestor.sdk.jose.DpopProofs;
import org.stellaops.attestor.sdk.jose.Jwk;
import org.stellaops.attestor.sdk.json.StrictJson;

/**
 * The few calls of the Attestor HTTP API the command line makes. Every call has a connect timeout and a request
 * timeout; TLS server certificates are always verified (against {@code --cacert} when given); the access token goes
 * out as {@code Authorization: Bearer}, or as {@code DPoP} with a fresh proof per request when a DPoP key is set,
 * retried once with the server's nonce when it answers {@code use_dpop_nonce}. Failures become
 * {@link CliException}s with the exit codes of {@link ExitCodes}.
 */
final class AttestorClient {

    static final String VERIFY_PATH = "/api/v1/rekor/verify";
    static final String ENTRIES_PATH = "/api/v1/rekor/entries/";
    /** Scope of {@code POST /api/v1/rekor/verify}. */
    static final String VERIFY_SCOPE = "attestor.verify";
    /** Scope of {@code GET /api/v1/rekor/entries/…} and {@code GET /api/v1/keys}. */
    static final String READ_SCOPE = "attestor.read";
    /** Scope of {@code POST /api/v1/sign} (as of submissions). */
    static final String WRITE_SCOPE = "attestor.write";
    /** Scope of the key changes ({@code POST /api/v1/keys…}). */
    static final String ADMIN_SCOPE = "attestor.admin";
    static final String KEYS_PATH = "/api/v1/keys";
    static final String SIGN_PATH = "/api/v1/sign";
    private static final String ACCEPT = "application/json, application/problem+json";
    /** The media type of JSON request bodies. */
    static final String JSON_TYPE = "application/json";
    /** Verification policies. */
    static final String POLICIES_PATH = "/api/v1/policies";
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * What the client authenticates with.
     *
     * @param token the access token, or null to send none
     * @param dpopKey the private DPoP key the token is bound to, or null for a bearer token
     * @param scope the scope the calls need, named in hints when the server refuses
     */
    record Credentials(String token, Jwk dpopKey, String scope) {
    }

    private final String root;
    private final URI base;
    private final Duration timeout;
    private final HttpClient http;
    private final Path caFile;
    private final Credentials credentials;

    /**
     * @param base the service root, for example {@code https://127.0.0.1:8443}
     * @param timeout applied to connecting and, separately, to each whole request
     * @param tls the SSL context trusting exactly the {@code --cacert} CA, or null for the platform's trusted CAs
     * @param caFile the CA file behind {@code tls}, for messages, or null
     * @param credentials what to authenticate with
     * @throws CliException exit 2 when a token would cross a non-loopback network in clear text
     */
    AttestorClient(URI base, Duration timeout, SSLContext tls, Path caFile, Credentials credentials) {
        String text = base.toString();
        this.root = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.base = base;
        this.timeout = timeout;
        this.caFile = caFile;
        this.credentials = credentials;
        refuseClearTextToken();
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.build();
    }

    /** POST /api/v1/rekor/verify with {@code {"envelope": …}}. */
    JsonNode verifyEnvelope(JsonNode envelope) {
        ObjectNode body = StrictJson.mapper().createObjectNode();
        body.set("envelope", envelope);
        return exchange("POST", URI.create(root + VERIFY_PATH), json(body));
    }

    /** POST /api/v1/rekor/verify with any body (a policy, a subject …). */
    JsonNode verify(JsonNode body) {
        return exchange("POST", URI.create(root + VERIFY_PATH), json(body));
    }

    /** POST /api/v1/rekor/verify with {@code {"uuid": "…"}}. */
    JsonNode verifyUuid(String uuid) {
        ObjectNode body = StrictJson.mapper().createObjectNode();
        body.put("uuid", uuid);
        return exchange("POST", URI.create(root + VERIFY_PATH), json(body));
    }

    /**
     * GET /api/v1/rekor/entries/{uuid}: the entry record.
     *
     * @param uuid already checked by {@link EntryIds#check}, so it needs no escaping in the path
     */
    JsonNode fetchEntry(String uuid) {
        return exchange("GET", URI.create(root + ENTRIES_PATH + uuid), null);
    }

    /**
     * A call of the key API.
     *
     * @param method GET or POST
     * @param pathAndQuery below the service root, for example {@code /api/v1/keys/release?owner=service}; built from
     *                     checked names only, so it needs no escaping
     * @param body the JSON body, or null; the caller may clear it once this returns
     * @return the JSON answer of a 2xx response
     */
    JsonNode call(String method, String pathAndQuery, byte[] body) {
        return exchange(method, URI.create(root + pathAndQuery), body, JSON_TYPE);
    }

    /**
     * A call with a body of another media type (a YAML policy document, say).
     *
     * @param method the HTTP method
     * @param pathAndQuery below the service root, built from checked names and encoded query values
     * @param body the body
     * @param contentType its media type
     * @return the JSON answer of a 2xx response
     */
    JsonNode call(String method, String pathAndQuery, byte[] body, String contentType) {
        return exchange(method, URI.create(root + pathAndQuery), body, contentType);
    }

    private static byte[] json(JsonNode body) {
        try {
            return StrictJson.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private JsonNode exchange(String method, URI uri, byte[] body) {
        return exchange(method, uri, body, JSON_TYPE);
    }

    private JsonNode exchange(String method, URI uri, byte[] body, String contentType) {
        String what = method + " " + uri;
        HttpResponse<byte[]> response = send(request(method, uri, body, contentType, null), what);
        String nonce = Challenges.dpopNonce(response);
        if (nonce != null && credentials.dpopKey() != null) {
            // RFC 9449 section 8: the server wants its nonce in the proof; one retry with it
            response = send(request(method, uri, body, contentType, nonce), what);
        }
        try {
            return HttpResults.interpret(response.statusCode(), response.body(), what);
        } catch (CliException refused) {
            int status = response.statusCode();
            throw status == 401 || status == 403 ? refused.withHint(Challenges.hint(status, refused.code(),
                    credentials)) : refused;
        }
    }

    private HttpRequest request(String method, URI uri, byte[] body, String contentType, String nonce) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", ACCEPT);
        if (body != null) {
            builder.header("Content-Type", contentType);
        }
        builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        String token = credentials.token();
        if (token != null && credentials.dpopKey() != null) {
            builder.header("Authorization", "DPoP " + token);
            builder.header("DPoP", DpopProofs.create(credentials.dpopKey(), method, uri, token, nonce, Instant.now(),
                    randomJti()));
        } else if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.build();
    }

    private HttpResponse<byte[]> send(HttpRequest request, String what) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
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
            SSLException tls = TlsFailures.find(e);
            if (tls != null) {
                throw TlsFailures.describe(tls, what, base, caFile);
            }
            throw unavailable("network.failure", what + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("network.interrupted", what + ": interrupted", e);
        }
    }

    private void refuseClearTextToken() {
        if (credentials.token() == null || !"http".equalsIgnoreCase(base.getScheme())) {
            return;
        }
        boolean loopback;
        try {
            loopback = "localhost".equalsIgnoreCase(base.getHost())
                    || isLiteral(base.getHost()) && InetAddress.getByName(base.getHost()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            loopback = false;
        }
        if (!loopback) {
            throw CliException.usage("usage.token_over_http", "refusing to send an access token in clear text to "
                    + base + ": use an https:// URL (plain http:// is accepted with a token only for loopback)", null);
        }
    }

    private static boolean isLiteral(String host) {
        // only IP literals are checked, so no name is ever looked up here
        return host.matches("[0-9.]+") || host.startsWith("[");
    }

    private static String randomJti() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
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

    /** The record search ({@code GET}, scope {@value #READ_SCOPE}). */
    static final String SEARCH_PATH = "/api/v1/rekor/entries";

    /**
     * GET /api/v1/rekor/entries?…: one page of the record search.
     *
     * @param query {@code ?…} with every name and value percent-encoded ({@link SearchQuery#query}), or ""
     * @return the page, {@code {"entries":[…],"nextCursor":…}}, as the service answered it
     */
    JsonNode searchEntries(String query) {
        return exchange("GET", URI.create(root + SEARCH_PATH + query), null);
    }
}
