package org.stellaops.attestor.auth.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.stellaops.attestor.auth.AuthResult;
import org.stellaops.attestor.auth.Credentials;
import org.stellaops.attestor.auth.Principal;
import org.stellaops.attestor.store.embedded.EmbeddedStore;
import org.stellaops.attestor.testing.Osgi;
import org.stellaops.attestor.testing.MutableClock;

/**
 * A real embedded store in a temporary directory (the DPoP replay cache), a hand-moved clock, and helpers to build
 * authenticators, issuers and requests.
 */
final class AuthFixture implements AutoCloseable {

    static final URI TARGET = URI.create("https://attestor.example/api/v1/attestations");

    final Path dir;
    final EmbeddedStore store;
    final MutableClock clock;

    AuthFixture(Path dir) {
        this.dir = dir;
        this.store = new EmbeddedStore(dir.resolve("store/attestor.mv"));
        // The store decides expiry of replay entries with the real clock, so test time starts at the real time.
        this.clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    Instant now() {
        return clock.instant();
    }

    Path dataDir() {
        return dir.resolve("data");
    }

    AuthComponent authenticator(Map<String, Object> config) {
        return authenticator(config, Map.of());
    }

    AuthComponent authenticator(Map<String, Object> config, Map<String, String> framework) {
        Map<String, Object> c = new HashMap<>(config);
        c.putIfAbsent("devIssuer_enabled", false);
        Map<String, String> props = new HashMap<>(framework);
        props.putIfAbsent(AuthComponent.DATA_DIR_PROPERTY, dataDir().toString());
        return new AuthComponent(Osgi.context(props), Osgi.config(AuthConfig.class, c), store.oneTimeKeys(), clock);
    }

    /** An authenticator with defaults that trusts the factory's issuer through a JWKS file. */
    AuthComponent trusting(TokenFactory tokens, Map<String, Object> config, Map<String, Object> issuerConfig) {
        AuthComponent auth = authenticator(config);
        auth.bindIssuer(fileIssuer(tokens, issuerConfig));
        return auth;
    }

    IssuerSource fileIssuer(TokenFactory tokens, Map<String, Object> issuerConfig) {
        Path jwks = dir.resolve("jwks-" + Math.abs(tokens.key.thumbprint().hashCode()) + ".json");
        try {
            Files.writeString(jwks, tokens.jwksJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> c = new HashMap<>(Map.of("issuer", tokens.issuer, "audience", TokenFactory.AUDIENCE,
                "jwksFile", jwks.toString()));
        c.putAll(issuerConfig);
        TrustedIssuer issuer = IssuerSettings.build(Osgi.config(IssuerConfig.class, c), now());
        return () -> issuer;
    }

    static Credentials request(String authorization, List<String> dpop, List<X509Certificate> chain) {
        return new Credentials("POST", TARGET, authorization, dpop, chain, "192.0.2.7");
    }

    static Credentials bearer(String token) {
        return request("Bearer " + token, List.of(), List.of());
    }

    static Credentials dpop(String token, String proof) {
        return request("DPoP " + token, List.of(proof), List.of());
    }

    static Principal principal(AuthResult result) {
        return assertInstanceOf(AuthResult.Authenticated.class, result,
                () -> "expected a principal, got " + result).principal();
    }

    static AuthResult.Denied denied(AuthResult result, int status, String code) {
        AuthResult.Denied d = assertInstanceOf(AuthResult.Denied.class, result, "expected a denial");
        assertTrue(d.status() == status && d.code().equals(code), () -> "expected " + status + " " + code + ", got "
                + d);
        return d;
    }

    /** Details and headers never repeat what the request sent. */
    static void assertNoSecretsIn(AuthResult.Denied d, String... secrets) {
        for (String s : secrets) {
            String probe = s.length() > 24 ? s.substring(s.length() - 24) : s;
            assertFalse(d.detail().contains(probe), "detail leaks request material");
            d.headers().values().forEach(v -> assertFalse(v.contains(probe), "header leaks request material"));
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
