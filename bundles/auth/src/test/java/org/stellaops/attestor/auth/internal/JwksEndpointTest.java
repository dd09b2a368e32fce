package org.stellaops.attestor.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.stellaops.attestor.auth.internal.AuthFixture.bearer;
import static org.stellaops.attestor.auth.internal.AuthFixture.denied;
import static org.stellaops.attestor.auth.internal.AuthFixture.principal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.sdk.jose.Jwk;
import org.stellaops.attestor.testing.Osgi;

/** A real loopback HTTP server serves the issuer's JWK set, which the test rotates, breaks and repairs. */
class JwksEndpointTest {

    @TempDir
    Path dir;
    AuthFixture fx;
    HttpServer server;
    final AtomicReference<String> body = new AtomicReference<>();
    final AtomicInteger status = new AtomicInteger(200);
    final AtomicInteger fetches = new AtomicInteger();
    TokenFactory first;
    TokenFactory second;
    AuthComponent auth;

    @BeforeEach
    void setUp() throws IOException {
        fx = new AuthFixture(dir);
        first = TokenFactory.ec("2026-01");
        second = new TokenFactory(Jwk.ofKeyPair(TokenFactory.ecPair("secp256r1")).withKid("2026-02"),
                TokenFactory.ISSUER);
        body.set(first.jwksJson());
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwks", this::serve);
        server.createContext("/moved", ex -> {
            ex.getResponseHeaders().add("Location", "/jwks");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.start();
        auth = fx.authenticator(Map.of());
        auth.bindIssuer(issuer("/jwks"));
    }

    private void serve(HttpExchange ex) throws IOException {
        fetches.incrementAndGet();
        byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/jwk-set+json");
        ex.sendResponseHeaders(status.get(), bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private IssuerSource issuer(String path) {
        String uri = "http://127.0.0.1:" + server.getAddress().getPort() + path;
        TrustedIssuer issuer = IssuerSettings.build(Osgi.config(IssuerConfig.class, Map.of("issuer", TokenFactory.ISSUER,
                "audience", TokenFactory.AUDIENCE, "jwksUri", uri)), fx.now());
        return () -> issuer;
    }

    @AfterEach
    void tearDown() {
        server.stop(0);
        fx.close();
    }

    @Test
    void fetchesTheKeysOnFirstUseAndCachesThem() {
        principal(auth.authenticate(bearer(first.token(fx.now()))));
        principal(auth.authenticate(bearer(first.token(fx.now()))));
        assertEquals(1, fetches.get());
    }

    @Test
    void fetchesAgainWhenTheCacheExpires() {
        principal(auth.authenticate(bearer(first.token(fx.now()))));
        fx.clock.advance(Duration.ofSeconds(600));
        principal(auth.authenticate(bearer(first.token(fx.now()))));
        assertEquals(2, fetches.get());
    }

    @Test
    void picksUpARotatedKeyWhenATokenNamesAnUnknownKid() {
        principal(auth.authenticate(bearer(first.token(fx.now()))));
        body.set("{\"keys\":[" + first.key.toPublicJson() + "," + second.key.toPublicJson() + "]}");
        fx.clock.advance(Duration.ofSeconds(30));
        principal(auth.authenticate(bearer(second.token(fx.now()))));
        assertEquals(2, fetches.get());
    }

    @Test
    void refetchesForUnknownKidsAtMostEveryThirtySeconds() {
        principal(auth.authenticate(bearer(first.token(fx.now()))));
        body.set(second.jwksJson());
        fx.clock.advance(Duration.ofSeconds(10));
        denied(auth.authenticate(bearer(second.token(fx.now()))), 401, AuthCodes.UNKNOWN_KEY);
        denied(auth.authenticate(bearer(second.token(fx.now()))), 401, AuthCodes.UNKNOWN_KEY);
        assertEquals(1, fetches.get());
        fx.clock.advance(Duration.ofSeconds(20));
        principal(auth.authenticate(bearer(second.token(fx.now()))));
        assertEquals(2, fetches.get());
    }

    @Test
    void aTokenVerifiedBeforeIsRefusedOnceItsKeyIsRotatedOut() {
        String token = first.token(fx.now());
        principal(auth.authenticate(bearer(token)));
        body.set(second.jwksJson());
        fx.clock.advance(Duration.ofSeconds(600));
        denied(auth.authenticate(bearer(token)), 401, AuthCodes.UNKNOWN_KEY);
    }

    @Test
    void aTokenVerifiedBeforeIsRefusedOnceItExpires() {
        String token = first.token(fx.now());
        principal(auth.authenticate(bearer(token)));
        fx.clock.advance(Duration.ofHours(2));
        denied(auth.authenticate(bearer(token)), 401, AuthCodes.TOKEN_EXPIRED);
    }

    @Test
    void keepsServingCachedKeysWhileTheEndpointFails() {
        principal(auth.authenticate(bearer(first.token(fx.now()))));
        status.set(500);
        fx.clock.advance(Duration.ofHours(23));
        principal(auth.authenticate(bearer(first.token(fx.now()))));
        assertEquals(2, fetches.get());
    }

    @Test
    void failsClosedOnceTheCachedKeysAreTooStale() {
        principal(auth.authenticate(bearer(first.token(fx.now()))));
        status.set(503);
        fx.clock.advance(Duration.ofHours(24).plusSeconds(1));
        denied(auth.authenticate(bearer(first.token(fx.now()))), 401, AuthCodes.ISSUER_UNAVAILABLE);
        status.set(200);
        fx.clock.advance(Duration.ofSeconds(30));
        principal(auth.authenticate(bearer(first.token(fx.now()))));
    }

    @Test
    void refusesTokensWhileTheKeysWereNeverFetched() {
        status.set(404);
        denied(auth.authenticate(bearer(first.token(fx.now()))), 401, AuthCodes.ISSUER_UNAVAILABLE);
    }

    @Test
    void doesNotRetryAFailedFirstFetchForEveryRequest() {
        status.set(500);
        denied(auth.authenticate(bearer(first.token(fx.now()))), 401, AuthCodes.ISSUER_UNAVAILABLE);
        denied(auth.authenticate(bearer(first.token(fx.now()))), 401, AuthCodes.ISSUER_UNAVAILABLE);
        assertEquals(1, fetches.get());
    }

    @Test
    void refusesAJwksLargerThanTheCap() {
        body.set("{\"keys\":[],\"pad\":\"" + "x".repeat(600 * 1024) + "\"}");
        denied(auth.authenticate(bearer(first.token(fx.now()))), 401, AuthCodes.ISSUER_UNAVAILABLE);
    }

    @Test
    void refusesAMalformedJwks() {
        body.set("{\"keys\":");
        denied(auth.authenticate(bearer(first.token(fx.now()))), 401, AuthCodes.ISSUER_UNAVAILABLE);
    }

    @Test
    void doesNotFollowRedirects() {
        AuthComponent redirected = fx.authenticator(Map.of());
        redirected.bindIssuer(issuer("/moved"));
        denied(redirected.authenticate(bearer(first.token(fx.now()))), 401, AuthCodes.ISSUER_UNAVAILABLE);
        assertEquals(0, fetches.get());
    }

    @Test
    void refusesPlainHttpToOtherHosts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IssuerSettings.build(
                Osgi.config(IssuerConfig.class, Map.of("issuer", "i", "audience", "a",
                        "jwksUri", "http://issuer.example/jwks")), fx.now()));
        assertEquals(true, e.getMessage().contains("https"));
    }
}
