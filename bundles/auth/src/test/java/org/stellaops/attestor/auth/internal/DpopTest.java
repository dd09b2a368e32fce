package org.stellaops.attestor.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stellaops.attestor.auth.internal.AuthFixture.TARGET;
import static org.stellaops.attestor.auth.internal.AuthFixture.bearer;
import static org.stellaops.attestor.auth.internal.AuthFixture.denied;
import static org.stellaops.attestor.auth.internal.AuthFixture.dpop;
import static org.stellaops.attestor.auth.internal.AuthFixture.principal;
import static org.stellaops.attestor.auth.internal.AuthFixture.request;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.auth.AuthResult;
import org.stellaops.attestor.auth.Credentials;
import org.stellaops.attestor.auth.Principal;
import org.stellaops.attestor.sdk.jose.Base64Url;
import org.stellaops.attestor.sdk.jose.DpopProofs;
import org.stellaops.attestor.sdk.jose.Jwk;
import org.stellaops.attestor.sdk.jose.Jws;
import org.stellaops.attestor.sdk.jose.JwsAlgorithm;

class DpopTest {

    @TempDir
    Path dir;
    AuthFixture fx;
    TokenFactory tokens;
    AuthComponent auth;
    final Jwk client = Jwk.ofKeyPair(TokenFactory.ecPair("secp256r1"));

    @BeforeEach
    void setUp() {
        fx = new AuthFixture(dir);
        tokens = TokenFactory.ec("k1");
        auth = fx.trusting(tokens, Map.of(), Map.of());
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private String boundToken() {
        return tokens.token(fx.now(), c -> c.putObject("cnf").put("jkt", client.thumbprint()));
    }

    private String proof(String token) {
        return proof(client, "POST", TARGET, token, null, fx.now());
    }

    private static String proof(Jwk key, String htm, URI htu, String token, String nonce, Instant iat) {
        return DpopProofs.create(key, htm, htu, token, nonce, iat, UUID.randomUUID().toString());
    }

    /** A proof with hand-made header and claims, signed with the client key. */
    private String craft(ObjectNode header, ObjectNode claims) {
        return Jws.sign(header, claims.toString().getBytes(StandardCharsets.UTF_8), client.privateKey().orElseThrow(),
                JwsAlgorithm.ES256);
    }

    private ObjectNode proofClaims(String token) {
        return JsonNodeFactory.instance.objectNode().put("jti", UUID.randomUUID().toString()).put("htm", "POST")
                .put("htu", TARGET.toString()).put("iat", fx.now().getEpochSecond()).put("ath", DpopProofs.ath(token));
    }

    private ObjectNode proofHeader() {
        ObjectNode h = JsonNodeFactory.instance.objectNode().put("typ", "dpop+jwt");
        h.set("jwk", client.toBarePublicJson());
        return h;
    }

    @Test
    void acceptsABoundTokenWithAValidProof() {
        String token = boundToken();
        Principal p = principal(auth.authenticate(dpop(token, proof(token))));
        assertEquals(Principal.Method.DPOP, p.method());
        assertEquals("acme", p.tenant());
    }

    @Test
    void refusesABoundTokenPresentedAsBearer() {
        AuthResult.Denied d = denied(auth.authenticate(bearer(boundToken())), 401, AuthCodes.DPOP_REQUIRED);
        assertTrue(d.headers().get("WWW-Authenticate").startsWith("DPoP "));
    }

    @Test
    void refusesAnUnboundTokenPresentedWithTheDpopScheme() {
        String token = tokens.token(fx.now());
        denied(auth.authenticate(dpop(token, proof(token))), 401, AuthCodes.DPOP_INVALID);
    }

    @Test
    void refusesABoundTokenWithoutProof() {
        AuthResult.Denied d = denied(auth.authenticate(request("DPoP " + boundToken(), List.of(), List.of())), 401,
                AuthCodes.DPOP_INVALID);
        assertEquals("DPoP error=\"invalid_dpop_proof\", algs=\"ES256 ES384 ES512 RS256 PS256 EdDSA\"",
                d.headers().get("WWW-Authenticate"));
    }

    @Test
    void refusesTwoProofHeaders() {
        String token = boundToken();
        Credentials twice = request("DPoP " + token, List.of(proof(token), proof(token)), List.of());
        denied(auth.authenticate(twice), 401, AuthCodes.DPOP_INVALID);
    }

    @Test
    void refusesAProofForAnotherMethod() {
        String token = boundToken();
        denied(auth.authenticate(dpop(token, proof(client, "GET", TARGET, token, null, fx.now()))), 401,
                AuthCodes.DPOP_INVALID);
    }

    @Test
    void refusesAProofForAnotherUri() {
        String token = boundToken();
        URI other = URI.create("https://attestor.example/api/v1/keys");
        denied(auth.authenticate(dpop(token, proof(client, "POST", other, token, null, fx.now()))), 401,
                AuthCodes.DPOP_INVALID);
    }

    @Test
    void comparesTargetUrisInNormalisedForm() {
        String token = boundToken();
        URI spelled = URI.create("HTTPS://ATTESTOR.example:443/api/v1/attestations?page=2");
        principal(auth.authenticate(dpop(token, proof(client, "POST", spelled, token, null, fx.now()))));
    }

    @Test
    void refusesAProofOlderThanItsLifetime() {
        String token = boundToken();
        String old = proof(client, "POST", TARGET, token, null, fx.now().minusSeconds(301));
        denied(auth.authenticate(dpop(token, old)), 401, AuthCodes.DPOP_INVALID);
    }

    @Test
    void refusesAProofFromTheFuture() {
        String token = boundToken();
        String future = proof(client, "POST", TARGET, token, null, fx.now().plusSeconds(61));
        denied(auth.authenticate(dpop(token, future)), 401, AuthCodes.DPOP_INVALID);
    }

    @Test
    void refusesAProofForAnotherAccessToken() {
        String token = boundToken();
        denied(auth.authenticate(dpop(token, proof(client, "POST", TARGET, token + "x", null, fx.now()))), 401,
                AuthCodes.DPOP_INVALID);
    }

    @Test
    void refusesAProofWithoutAccessTokenHash() {
        String token = boundToken();
        ObjectNode claims = proofClaims(token);
        claims.remove("ath");
        denied(auth.authenticate(dpop(token, craft(proofHeader(), claims))), 401, AuthCodes.DPOP_INVALID);
    }

    @Test
    void refusesAProofSignedByAnotherKeyThanTheTokenIsBoundTo() {
        String token = boundToken();
        Jwk other = Jwk.ofKeyPair(TokenFactory.ecPair("secp256r1"));
        denied(auth.authenticate(dpop(token, proof(other, "POST", TARGET, token, null, fx.now()))), 401,
                AuthCodes.DPOP_INVALID);
    }

    @Test
    void refusesAProofEmbeddingAPrivateKey() {
        String token = boundToken();
        ObjectNode header = proofHeader();
        header.set("jwk", client.toPrivateJson());
        denied(auth.authenticate(dpop(token, craft(header, proofClaims(token)))), 401, AuthCodes.DPOP_INVALID);
    }

    @Test
    void refusesAProofOfAnotherType() {
        String token = boundToken();
        denied(auth.authenticate(dpop(token, craft(proofHeader().put("typ", "JWT"), proofClaims(token)))), 401,
                AuthCodes.DPOP_INVALID);
    }

    @Test
    void refusesASymmetricProofAlgorithm() {
        String token = boundToken();
        ObjectNode header = proofHeader().put("alg", "HS256");
        String forged = Base64Url.encode(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + Base64Url.encode(proofClaims(token).toString().getBytes(StandardCharsets.UTF_8)) + ".c2ln";
        denied(auth.authenticate(dpop(token, forged)), 401, AuthCodes.DPOP_INVALID);
    }

    @Test
    void refusesAProofWithABrokenSignature() {
        String token = boundToken();
        String p = proof(token);
        String broken = p.substring(0, p.lastIndexOf('.') + 1) + Base64Url.encode(new byte[64]);
        denied(auth.authenticate(dpop(token, broken)), 401, AuthCodes.DPOP_INVALID);
    }

    @Test
    void refusesAReplayedProof() {
        String token = boundToken();
        String p = proof(token);
        principal(auth.authenticate(dpop(token, p)));
        AuthResult.Denied d = denied(auth.authenticate(dpop(token, p)), 401, AuthCodes.DPOP_REPLAY);
        assertTrue(d.headers().get("WWW-Authenticate").contains("invalid_dpop_proof"));
    }

    @Test
    void doesNotUseUpTheIdOfAnInvalidProof() {
        String token = boundToken();
        ObjectNode claims = proofClaims(token);
        String wrongMethod = craft(proofHeader(), claims.deepCopy().put("htm", "GET"));
        denied(auth.authenticate(dpop(token, wrongMethod)), 401, AuthCodes.DPOP_INVALID);
        principal(auth.authenticate(dpop(token, craft(proofHeader(), claims))));
    }

    @Test
    void refusesPlainBearerTokensWhenDpopIsRequired() {
        AuthComponent strict = fx.trusting(tokens, Map.of("dpop_required", true), Map.of());
        AuthResult.Denied d = denied(strict.authenticate(bearer(tokens.token(fx.now()))), 401,
                AuthCodes.DPOP_REQUIRED);
        assertTrue(d.headers().get("WWW-Authenticate").startsWith("DPoP "));
        String token = boundToken();
        principal(strict.authenticate(dpop(token, proof(token))));
    }

    @Test
    void advertisesOnlyDpopWhenBearerIsRefused() {
        AuthComponent strict = fx.trusting(tokens, Map.of("dpop_required", true), Map.of());
        AuthResult.Denied d = denied(strict.authenticate(request(null, List.of(), List.of())), 401, AuthCodes.MISSING);
        assertEquals("DPoP algs=\"ES256 ES384 ES512 RS256 PS256 EdDSA\"", d.headers().get("WWW-Authenticate"));
    }

    @Test
    void refusesUnboundTokensOfAnIssuerThatRequiresDpop() {
        AuthComponent strict = fx.trusting(tokens, Map.of(), Map.of("requireDpop", true));
        denied(strict.authenticate(bearer(tokens.token(fx.now()))), 401, AuthCodes.DPOP_REQUIRED);
    }

    @Test
    void acceptsEdwardsProofKeys() throws Exception {
        Jwk ed = Jwk.ofKeyPair(java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        String token = tokens.token(fx.now(), c -> c.putObject("cnf").put("jkt", ed.thumbprint()));
        principal(auth.authenticate(dpop(token, proof(ed, "POST", TARGET, token, null, fx.now()))));
    }

    @Test
    void refusesProofAlgorithmsOutsideTheConfiguredList() {
        AuthComponent edOnly = fx.trusting(tokens, Map.of("dpop_algorithms", new String[] {"EdDSA"}), Map.of());
        String token = boundToken();
        denied(edOnly.authenticate(dpop(token, proof(token))), 401, AuthCodes.DPOP_INVALID);
    }

    @Test
    void hasNoNonceWhenNoncesAreNotRequired() {
        assertNull(auth.currentDpopNonce());
    }

    @Test
    void asksForTheServerNonceWhenNoncesAreRequired() {
        AuthComponent withNonce = fx.trusting(tokens, Map.of("dpop_nonceRequired", true), Map.of());
        String token = boundToken();
        AuthResult.Denied d = denied(withNonce.authenticate(dpop(token, proof(token))), 401,
                AuthCodes.DPOP_NONCE_REQUIRED);
        assertEquals("DPoP error=\"use_dpop_nonce\", algs=\"ES256 ES384 ES512 RS256 PS256 EdDSA\"",
                d.headers().get("WWW-Authenticate"));
        assertEquals(withNonce.currentDpopNonce(), d.headers().get("DPoP-Nonce"));
    }

    @Test
    void acceptsAProofCarryingTheCurrentNonce() {
        AuthComponent withNonce = fx.trusting(tokens, Map.of("dpop_nonceRequired", true), Map.of());
        String token = boundToken();
        String nonce = withNonce.currentDpopNonce();
        assertNotNull(nonce);
        principal(withNonce.authenticate(dpop(token, proof(client, "POST", TARGET, token, nonce, fx.now()))));
    }

    @Test
    void acceptsTheNonceOfThePreviousWindowButNotOlder() {
        AuthComponent withNonce = fx.trusting(tokens, Map.of("dpop_nonceRequired", true,
                "dpop_nonceLifetimeSeconds", 300), Map.of());
        String nonce = withNonce.currentDpopNonce();
        fx.clock.advance(Duration.ofSeconds(300));
        String token = boundToken();
        principal(withNonce.authenticate(dpop(token, proof(client, "POST", TARGET, token, nonce, fx.now()))));
        fx.clock.advance(Duration.ofSeconds(300));
        String later = boundToken();
        denied(withNonce.authenticate(dpop(later, proof(client, "POST", TARGET, later, nonce, fx.now()))), 401,
                AuthCodes.DPOP_NONCE_REQUIRED);
    }

    @Test
    void sharesNoncesBetweenWorkersWithTheSameSecret() {
        String secret = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        Map<String, Object> config = Map.of("dpop_nonceRequired", true, "dpop_nonceSecret", secret);
        AuthComponent one = fx.trusting(tokens, config, Map.of());
        AuthComponent two = fx.trusting(tokens, config, Map.of());
        String token = boundToken();
        principal(two.authenticate(dpop(token, proof(client, "POST", TARGET, token, one.currentDpopNonce(),
                fx.now()))));
    }
}
