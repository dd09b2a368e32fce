package org.stellaops.attestor.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.jose.DevIssuer;
import org.stellaops.attestor.sdk.jose.Jwk;

/**
 * The resolved {@link ServerOptions}: one HTTP client (HTTPS trusting exactly the given CA, or plain HTTP) and the
 * {@code Authorization} header every request carries. The load driver's own connections
 * ({@link KeepAliveConnection}) are built from the same parts: the base URL, the TLS context, the header and the
 * connect timeout.
 *
 * <p>A development token is minted once, when the tool starts, with the longest lifetime the issuer allows
 * ({@link DevIssuer#MAX_TTL}, 1 h). That outlives any load driver run: the measured phase is capped at 10 min, the
 * warm-up at 2 min and the seed phase at 5 min, each plus one request timeout (≤ 2 min) and 10 s of grace — at most
 * 23.5 min — which leaves more than half an hour for key registration and pre-signing. So there is one token per
 * run and nothing is re-minted while requests are being measured ({@code LoadOptionsTest} checks the arithmetic).
 */
final class ServerAccess {

    /** The {@code sub} of the minted development tokens. */
    static final String SUBJECT = "stellaops-benchmarks";
    /** The {@code tenant} of the minted development tokens. */
    static final String TENANT = "default";
    /** Every attestor scope: the driver submits, verifies, reads statistics and registers trust roots. */
    static final List<String> SCOPES = DevIssuer.ATTESTOR_SCOPES;

    /** The JDK switch that would turn off the HTTP client's host name check; the tools refuse to run with it. */
    static final String NO_HOSTNAME_CHECK = "jdk.internal.httpclient.disableHostnameVerification";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final SSLContext tls;
    private final HttpClient client;
    private final String authorization;
    private final String description;

    private ServerAccess(URI base, SSLContext tls, String authorization, String description) {
        this.base = base;
        this.tls = tls;
        this.client = client(tls);
        this.authorization = authorization;
        this.description = description;
    }

    /**
     * Reads the CA file and the issuer key the options point at.
     *
     * @param options the checked options
     * @param mintToken whether to mint a development token from {@code --data-dir} when no {@code --token} is given
     *        (false for {@code /health}, which is public)
     * @param now the issue time of a minted token
     * @return the access
     * @throws UsageException when the CA file or the issuer key is missing or unusable, or the JDK's host name check
     *         has been switched off
     */
    static ServerAccess open(ServerOptions options, boolean mintToken, Instant now) {
        SSLContext tls = null;
        String transport = "plain http";
        if (options.https()) {
            refuseDisabledHostnameCheck();
            Path ca = options.caFile().orElseThrow();
            tls = CaTrust.trusting(ca);
            transport = "https trusting only " + ca;
        }
        String token = options.token();
        String tokenText = token != null ? "token from --token" : "no token";
        if (token == null && mintToken && options.dataDir() != null) {
            token = mint(options, now);
            tokenText = "development token for " + SUBJECT + " (tenant " + TENANT + ", " + String.join(" ", SCOPES)
                    + ") valid until " + now.plus(DevIssuer.MAX_TTL);
        }
        return new ServerAccess(options.baseUrl(), tls, token == null ? null : "Bearer " + token,
                transport + ", " + tokenText);
    }

    /** @return the base URL */
    URI base() {
        return base;
    }

    /** @return the shared client */
    HttpClient client() {
        return client;
    }

    /** @return the TLS context trusting exactly the given CA; empty for plain http */
    Optional<SSLContext> tls() {
        return Optional.ofNullable(tls);
    }

    /** @return the longest a connection to the server may take to open, for the shared client and any other */
    Duration connectTimeout() {
        return CONNECT_TIMEOUT;
    }

    /** @return the {@code Authorization} header value sent with every request, if any */
    Optional<String> authorization() {
        return Optional.ofNullable(authorization);
    }

    /**
     * @return how requests are secured and authenticated, for the driver's first lines (never the token itself);
     *         which client sends them is the caller's to say
     */
    String describe() {
        return description;
    }

    /**
     * @param path an absolute path on the server
     * @param timeout the request's timeout
     * @return a request builder for the path, carrying the token if there is one
     */
    HttpRequest.Builder request(String path, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    /**
     * The client: HTTP/1.1 (as in every earlier measurement, so figures stay comparable), never following a redirect
     * and never using a proxy, so no request can leave the loopback address it was given.
     */
    private static HttpClient client(SSLContext tls) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(CONNECT_TIMEOUT);
        if (tls != null) {
            builder.sslContext(tls);
        }
        return builder.build();
    }

    private static String mint(ServerOptions options, Instant now) {
        try {
            Jwk key = DevIssuer.readKey(options.dataDir());
            return DevIssuer.mintToken(key, SUBJECT, TENANT, SCOPES, DevIssuer.MAX_TTL, DevIssuer.DEFAULT_AUDIENCE,
                    now, null);
        } catch (AttestorException e) {
            throw new UsageException("--data-dir " + options.dataDir() + ": cannot mint a development token ("
                    + e.code() + "): " + e.getMessage());
        }
    }

    private static void refuseDisabledHostnameCheck() {
        String value = System.getProperty(NO_HOSTNAME_CHECK);
        if (value != null && !"false".equals(value.trim().toLowerCase(Locale.ROOT))) {
            throw new UsageException("refusing to run with -D" + NO_HOSTNAME_CHECK + ": the server certificate's "
                    + "host name must be checked");
        }
    }
}
