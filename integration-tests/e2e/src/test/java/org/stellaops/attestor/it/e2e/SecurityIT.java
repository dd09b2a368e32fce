package org.stellaops.attestor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.net.ssl.SSLParameters;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stellaops.attestor.sdk.jose.DpopProofs;
import org.stellaops.attestor.sdk.jose.Jwk;

/**
 * The security suite of issue 5 over real TLS on loopback against the built jar: every operation refuses missing
 * and under-scoped tokens, every kind of bad token is refused with its own code, DPoP-bound tokens need a fresh
 * proof, refusals are audited without token material, and none of it changes anything.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityIT {

    /** Every operation of the API with the scope it declares (docs/security.md). */
    private static final List<String[]> OPERATIONS = List.of(
            new String[] {"POST", "/api/v1/rekor/entries", "attestor.write"},
            new String[] {"POST", "/api/v1/rekor/entries:batch", "attestor.write"},
            new String[] {"GET", "/api/v1/rekor/entries?limit=1", "attestor.read"},
            new String[] {"GET", "/api/v1/rekor/entries/sha256:" + "0".repeat(64), "attestor.read"},
            new String[] {"GET", "/api/v1/rekor/entries/sha256:" + "0".repeat(64) + "/tlog-proof", "attestor.read"},
            new String[] {"POST", "/api/v1/rekor/verify", "attestor.verify"},
            new String[] {"POST", "/api/v1/rekor/verify:batch", "attestor.verify"},
            new String[] {"POST", "/api/v1/trust/keys", "attestor.admin"},
            new String[] {"GET", "/api/v1/trust/keys", "attestor.read"},
            new String[] {"DELETE", "/api/v1/trust/keys/" + "0".repeat(64), "attestor.admin"},
            new String[] {"GET", "/api/v1/logs", "attestor.read"},
            new String[] {"GET", "/api/v1/audit", "attestor.admin"},
            new String[] {"GET", "/api/v1/audit/verify", "attestor.admin"},
            new String[] {"GET", "/api/v1/stats", "attestor.read"});
    private static final String STATS = "/api/v1/stats";

    private final TestIssuer issuer = new TestIssuer();
    private final List<String> tokensSent = new ArrayList<>();
    private AttestorProcess server;
    private ApiClient api;
    private RawClient raw;

    @BeforeAll
    void startWithATrustedIssuer() {
        Path data = AttestorProcess.freshDataDir();
        issuer.configure(data);
        // this suite refuses on purpose far more often than the per-address limit of guessers allows
        // refusals of unauthenticated callers are operator events, so the test's tenant is the operator
        AttestorProcess.writeConfig(data, "org.stellaops.attestor.http.json", Map.of("authFailuresPerMinute", 100000,
                "operatorTenant", TestHttp.TENANT));
        server = AttestorProcess.startWith(data, AttestorProcess.freeLoopbackPort());
        api = new ApiClient(server);
        raw = RawClient.of(server);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private RawClient.Answer withToken(String token) {
        tokensSent.add(token);
        return raw.send("GET", STATS, "Authorization", "Bearer " + token);
    }

    private void assertRefused(RawClient.Answer answer, int status, String code) {
        answer.response().assertProblem(status, code);
    }

    @Test
    void everyOperationRefusesAMissingTokenAndATokenWithoutItsScopeAndNothingChanges() {
        ApiClient.ServerState before = api.state();
        for (String[] operation : OPERATIONS) {
            RawClient.Answer anonymous = raw.send(operation[0], operation[1], new byte[0],
                    "Content-Type", "application/json");
            assertRefused(anonymous, 401, "auth.missing");
            assertTrue(anonymous.header("WWW-Authenticate").startsWith("Bearer"), anonymous.response()::describe);

            ObjectNode claims = issuer.claims();
            claims.put("scope", TestIssuer.scopesWithout(operation[2]));
            String token = issuer.sign(claims);
            tokensSent.add(token);
            RawClient.Answer underScoped = raw.send(operation[0], operation[1], new byte[0],
                    "Content-Type", "application/json", "Authorization", "Bearer " + token);
            assertRefused(underScoped, 403, "auth.insufficient_scope");
            assertTrue(underScoped.header("WWW-Authenticate").contains(operation[2]), underScoped.response()::describe);
        }
        assertEquals(before, api.state());
    }

    @Test
    void aValidTokenOfTheConfiguredIssuerIsAccepted() {
        assertEquals(200, withToken(issuer.sign(issuer.claims())).response().status());
    }

    @Test
    void anExpiredTokenIsRefused() {
        assertRefused(withToken(issuer.sign(expiredClaims())), 401, "auth.token_expired");
    }

    @Test
    void aTokenFromTheFutureIsRefused() {
        ObjectNode claims = issuer.claims();
        claims.put("nbf", Instant.now().getEpochSecond() + 600);
        assertRefused(withToken(issuer.sign(claims)), 401, "auth.token_not_yet_valid");
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        ObjectNode claims = issuer.claims();
        claims.put("aud", "some-other-service");
        assertRefused(withToken(issuer.sign(claims)), 401, "auth.wrong_audience");
    }

    @Test
    void aTokenOfAnUnknownIssuerIsRefusedEvenWhenSignedWithAKnownKey() {
        ObjectNode claims = issuer.claims();
        claims.put("iss", "https://impostor.test");
        assertRefused(withToken(issuer.sign(claims)), 401, "auth.unknown_issuer");
    }

    @Test
    void anUnsignedTokenIsRefused() {
        // RFC 7519 unsecured JWT: "alg":"none" and an empty signature, which is not a JWS at all
        assertRefused(withToken(issuer.unsigned(issuer.claims())), 401, "auth.invalid_token");
    }

    @Test
    void aTokenMacedWithThePublicKeyIsRefused() {
        assertRefused(withToken(issuer.hmacWithPublicKey(issuer.claims())), 401, "auth.algorithm_not_allowed");
    }

    @Test
    void aTokenWithAnAlteredSignatureIsRefused() {
        assertRefused(withToken(issuer.tampered(issuer.claims())), 401, "auth.bad_signature");
    }

    @Test
    void aTokenWithoutTenantIsForbidden() {
        ObjectNode claims = issuer.claims();
        claims.remove("tenant");
        assertRefused(withToken(issuer.sign(claims)), 403, "auth.tenant_missing");
    }

    @Test
    void garbageAndOtherSchemesAreRefused() {
        assertRefused(withToken("not-a-jwt"), 401, "auth.invalid_token");
        assertRefused(raw.send("GET", STATS, "Authorization", "Basic YWRtaW46YWRtaW4="), 401,
                "auth.unsupported_scheme");
    }

    @Test
    void aDpopBoundTokenWorksOnlyWithAFreshProofForThisRequest() {
        Jwk dpopKey = dpopKey();
        String token = issuer.sign(issuer.boundTo(dpopKey, issuer.claims()));
        tokensSent.add(token);
        String proof = DpopProofs.create(dpopKey, "GET", raw.uri(STATS), token, null, Instant.now(),
                UUID.randomUUID().toString());

        assertEquals(200, raw.send("GET", STATS, "Authorization", "DPoP " + token, "DPoP", proof)
                .response().status());
        assertRefused(raw.send("GET", STATS, "Authorization", "DPoP " + token, "DPoP", proof), 401,
                "auth.dpop_replay");
        String forAnotherMethod = DpopProofs.create(dpopKey, "POST", raw.uri(STATS), token, null, Instant.now(),
                UUID.randomUUID().toString());
        assertRefused(raw.send("GET", STATS, "Authorization", "DPoP " + token, "DPoP", forAnotherMethod), 401,
                "auth.dpop_invalid");
        assertRefused(raw.send("GET", STATS, "Authorization", "DPoP " + token), 401, "auth.dpop_invalid");
        assertRefused(raw.send("GET", STATS, "Authorization", "Bearer " + token), 401, "auth.dpop_required");
    }

    @Test
    void aProofSignedByAnotherKeyThanTheBoundOneIsRefused() {
        Jwk bound = dpopKey();
        String token = issuer.sign(issuer.boundTo(bound, issuer.claims()));
        tokensSent.add(token);
        String foreignProof = DpopProofs.create(dpopKey(), "GET", raw.uri(STATS), token, null, Instant.now(),
                UUID.randomUUID().toString());
        assertRefused(raw.send("GET", STATS, "Authorization", "DPoP " + token, "DPoP", foreignProof), 401,
                "auth.dpop_invalid");
    }

    @Test
    void refusalsAreAuditedWithoutAnyTokenMaterial() {
        String expired = issuer.sign(expiredClaims());
        assertRefused(withToken(expired), 401, "auth.token_expired");
        ApiResponse audit = E2eAwait.until("the refusal is in the audit trail", java.time.Duration.ofSeconds(30),
                () -> api.get("/api/v1/audit?tenant=*&action=auth.authenticate&outcome=auth.token_expired&limit=100"),
                r -> r.status() == 200 && r.json().path("events").size() > 0);
        String trail = api.get("/api/v1/audit?tenant=*&limit=1000").body();
        for (String token : tokensSent) {
            for (String part : token.split("\\.")) {
                if (part.length() > 16) {
                    assertFalse(trail.contains(part), "token material in the audit trail");
                }
            }
        }
        assertEquals("anonymous", audit.json().path("events").path(0).path("actor").asText(), audit::describe);
    }

    @Test
    void theApiIsNotServedInPlainText() {
        HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port() + STATS))
                .timeout(TestSettings.HTTP_TIMEOUT).GET().build();
        int status;
        try {
            status = plain.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            status = -1; // the TLS layer dropped the connection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertTrue(status == -1 || status == 400, "plain HTTP on the TLS port answered " + status);
    }

    @Test
    void oldProtocolsAndWeakCipherSuitesAreRefused() {
        SSLParameters cbcOnly = new SSLParameters(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"},
                new String[] {"TLSv1.2"});
        HttpClient weak = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(TestHttp.trusting(server.dataDir().resolve("tls/ca.pem"))).sslParameters(cbcOnly).build();
        HttpRequest request = HttpRequest.newBuilder(server.baseUri().resolve("/health"))
                .timeout(TestSettings.HTTP_TIMEOUT).GET().build();
        assertThrows(javax.net.ssl.SSLHandshakeException.class,
                () -> weak.send(request, HttpResponse.BodyHandlers.discarding()));
    }

    @Test
    void responsesCarryTheSecurityHeaders() {
        RawClient.Answer answer = raw.send("GET", "/health");
        assertEquals(200, answer.response().status());
        assertEquals("max-age=31536000", answer.header("Strict-Transport-Security"));
        assertEquals("nosniff", answer.header("X-Content-Type-Options"));
        assertEquals("DENY", answer.header("X-Frame-Options"));
    }

    private ObjectNode expiredClaims() {
        ObjectNode claims = issuer.claims();
        long now = Instant.now().getEpochSecond();
        claims.put("iat", now - 1200);
        claims.put("exp", now - 600);
        return claims;
    }

    private static Jwk dpopKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return Jwk.ofKeyPair(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
