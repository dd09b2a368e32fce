package org.stellaops.attestor.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.sdk.jose.JwsAlgorithm;
import org.stellaops.attestor.testing.Osgi;

class IssuerSettingsTest {

    @TempDir
    Path dir;

    private TrustedIssuer build(Map<String, Object> overrides) {
        Map<String, Object> c = new HashMap<>(Map.of("issuer", "https://issuer.example", "audience", "stellaops-attestor"));
        c.putAll(overrides);
        return IssuerSettings.build(Osgi.config(IssuerConfig.class, c), Instant.now());
    }

    private Path jwksFile() throws Exception {
        return Files.writeString(dir.resolve("jwks.json"), TokenFactory.ec("k").jwksJson());
    }

    @Test
    void appliesTheDocumentedDefaults() throws Exception {
        TrustedIssuer issuer = build(Map.of("jwksFile", jwksFile().toString()));
        assertEquals(Set.of(JwsAlgorithm.ES256, JwsAlgorithm.ES384, JwsAlgorithm.RS256, JwsAlgorithm.PS256,
                JwsAlgorithm.EdDSA), issuer.algorithms());
        assertEquals("tenant", issuer.tenantClaim());
        assertEquals("scope", issuer.scopeClaim());
        assertEquals(60, issuer.clockSkew().getSeconds());
        assertFalse(issuer.requireDpop());
    }

    @Test
    void needsExactlyOneKeySource() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> build(Map.of()));
        String file = jwksFile().toString();
        assertThrows(IllegalArgumentException.class, () -> build(Map.of("jwksFile", file,
                "jwksUri", "https://issuer.example/jwks")));
    }

    @Test
    void needsAnAudience() throws Exception {
        String file = jwksFile().toString();
        assertThrows(IllegalArgumentException.class, () -> build(Map.of("jwksFile", file, "audience", " ")));
    }

    @Test
    void refusesSymmetricAndUnknownAlgorithms() throws Exception {
        String file = jwksFile().toString();
        assertThrows(IllegalArgumentException.class, () -> build(Map.of("jwksFile", file,
                "algorithms", new String[] {"ES256", "HS256"})));
        assertThrows(IllegalArgumentException.class, () -> build(Map.of("jwksFile", file,
                "algorithms", new String[] {"none"})));
    }

    @Test
    void refusesAnUnreadableOrMalformedJwksFile() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> build(Map.of("jwksFile",
                dir.resolve("missing.json").toString())));
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\"}]}");
        assertThrows(IllegalArgumentException.class, () -> build(Map.of("jwksFile", bad.toString())));
    }

    @Test
    void allowsPlainHttpOnlyToLoopbackAddresses() {
        build(Map.of("jwksUri", "http://127.0.0.1:8080/jwks"));
        build(Map.of("jwksUri", "http://localhost/jwks"));
        build(Map.of("jwksUri", "http://[::1]:9000/jwks"));
        build(Map.of("jwksUri", "https://issuer.example/jwks"));
        assertThrows(IllegalArgumentException.class, () -> build(Map.of("jwksUri", "http://10.0.0.5/jwks")));
        assertThrows(IllegalArgumentException.class, () -> build(Map.of("jwksUri", "ftp://issuer.example/jwks")));
    }

    @Test
    void recognisesLoopbackHostsOnly() {
        assertTrue(IssuerSettings.loopback("127.10.0.1"));
        assertFalse(IssuerSettings.loopback("127.0.0.1.evil.example"));
        assertFalse(IssuerSettings.loopback("localhost.evil.example"));
    }

    @Test
    void refusesAnOutOfRangeClockSkew() throws Exception {
        String file = jwksFile().toString();
        assertThrows(IllegalArgumentException.class, () -> build(Map.of("jwksFile", file, "clockSkewSeconds", 3600)));
    }
}
