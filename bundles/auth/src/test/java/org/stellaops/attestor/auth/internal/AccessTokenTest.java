package org.stellaops.attestor.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.stellaops.attestor.auth.internal.AuthFixture.bearer;
import static org.stellaops.attestor.auth.internal.AuthFixture.denied;
import static org.stellaops.attestor.auth.internal.AuthFixture.principal;
import static org.stellaops.attestor.auth.internal.AuthFixture.request;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.auth.AuthResult;
import org.stellaops.attestor.auth.Principal;
import org.stellaops.attestor.auth.Scope;
import org.stellaops.attestor.sdk.jose.Base64Url;
import org.stellaops.attestor.sdk.jose.Jwk;
import org.stellaops.attestor.sdk.jose.JwsAlgorithm;

class AccessTokenTest {

    @TempDir
    Path dir;
    AuthFixture fx;
    TokenFactory tokens;
    AuthComponent auth;

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

    private AuthResult send(String token) {
        return auth.authenticate(bearer(token));
    }

    private static String unsigned(String headerJson, String claimsJson) {
        return Base64Url.encode(headerJson.getBytes()) + "." + Base64Url.encode(claimsJson.getBytes()) + ".c2ln";
    }

    @Test
    void acceptsAValidBearerTokenWithItsSubjectTenantAndAttestorScopes() {
        Principal p = principal(send(tokens.token(fx.now())));
        assertEquals("alice", p.subject());
        assertEquals(TokenFactory.ISSUER, p.issuer());
        assertEquals("acme", p.tenant());
        assertEquals(Set.of(Scope.WRITE, Scope.READ), p.scopes());
        assertEquals(Principal.Method.BEARER, p.method());
        assertNull(p.certificateThumbprint());
    }

    @Test
    void readsScopesFromAnScpArrayWhenThereIsNoScopeClaim() {
        String token = tokens.token(fx.now(), c -> {
            c.remove("scope");
            c.putArray("scp").add("attestor.admin").add("attestor.verify");
        });
        assertEquals(Set.of(Scope.ADMIN, Scope.VERIFY), principal(send(token)).scopes());
    }

    @Test
    void readsTheTenantFromTheConfiguredClaim() {
        AuthComponent custom = fx.trusting(tokens, Map.of(), Map.of("tenantClaim", "org"));
        String token = tokens.token(fx.now(), c -> c.put("org", "initech"));
        assertEquals("initech", principal(custom.authenticate(bearer(token))).tenant());
    }

    @Test
    void acceptsTheSchemeInAnyCase() {
        principal(auth.authenticate(request("bEaReR " + tokens.token(fx.now()), List.of(), List.of())));
    }

    @Test
    void refusesARequestWithoutCredentials() {
        AuthResult.Denied d = denied(auth.authenticate(request(null, List.of(), List.of())), 401, AuthCodes.MISSING);
        assertEquals("Bearer, DPoP algs=\"ES256 ES384 ES512 RS256 PS256 EdDSA\"", d.headers().get("WWW-Authenticate"));
    }

    @Test
    void refusesOtherAuthorizationSchemes() {
        denied(auth.authenticate(request("Basic YWxpY2U6c2VjcmV0", List.of(), List.of())), 401,
                AuthCodes.UNSUPPORTED_SCHEME);
    }

    @Test
    void refusesAnExpiredToken() {
        String token = tokens.token(fx.now());
        fx.clock.advance(Duration.ofSeconds(300 + 60));
        AuthResult.Denied d = denied(send(token), 401, AuthCodes.TOKEN_EXPIRED);
        assertEquals("Bearer error=\"invalid_token\"", d.headers().get("WWW-Authenticate"));
    }

    @Test
    void toleratesExpiryWithinTheClockSkew() {
        String token = tokens.token(fx.now());
        fx.clock.advance(Duration.ofSeconds(300 + 59));
        principal(send(token));
    }

    @Test
    void refusesATokenWithoutExpiry() {
        denied(send(tokens.token(fx.now(), c -> c.remove("exp"))), 401, AuthCodes.INVALID_TOKEN);
    }

    @Test
    void refusesATokenThatIsNotValidYet() {
        long future = fx.now().getEpochSecond() + 120;
        denied(send(tokens.token(fx.now(), c -> c.put("nbf", future))), 401, AuthCodes.TOKEN_NOT_YET_VALID);
    }

    @Test
    void refusesATokenIssuedInTheFuture() {
        long future = fx.now().getEpochSecond() + 120;
        denied(send(tokens.token(fx.now(), c -> c.put("iat", future))), 401, AuthCodes.TOKEN_NOT_YET_VALID);
    }

    @Test
    void refusesATokenForAnotherAudience() {
        denied(send(tokens.token(fx.now(), c -> c.put("aud", "other-service"))), 401, AuthCodes.WRONG_AUDIENCE);
    }

    @Test
    void acceptsAnAudienceArrayContainingTheAudience() {
        principal(send(tokens.token(fx.now(), c -> c.putArray("aud").add("x").add(TokenFactory.AUDIENCE))));
    }

    @Test
    void refusesATokenWithoutSubject() {
        denied(send(tokens.token(fx.now(), c -> c.remove("sub"))), 401, AuthCodes.INVALID_TOKEN);
    }

    @Test
    void refusesATokenWithoutTenantAsForbidden() {
        AuthResult.Denied d = denied(send(tokens.token(fx.now(), c -> c.put("tenant", ""))), 403,
                AuthCodes.TENANT_MISSING);
        assertEquals(Map.of(), d.headers());
    }

    @Test
    void refusesATokenWhoseTenantIsNoTenantNameAsForbidden() {
        denied(send(tokens.token(fx.now(), c -> c.put("tenant", "team a|b"))), 403, AuthCodes.TENANT_MISSING);
    }

    @Test
    void refusesATokenOfAnUnknownIssuer() {
        denied(send(tokens.token(fx.now(), c -> c.put("iss", "https://evil.example"))), 401, AuthCodes.UNKNOWN_ISSUER);
    }

    @Test
    void refusesATokenWithATamperedPayload() {
        String token = tokens.token(fx.now());
        String[] parts = token.split("\\.");
        ObjectNode claims = tokens.claims(fx.now()).put("tenant", "other");
        String tampered = parts[0] + "." + Base64Url.encode(claims.toString().getBytes()) + "." + parts[2];
        denied(send(tampered), 401, AuthCodes.BAD_SIGNATURE);
    }

    @Test
    void refusesATokenSignedByAnotherKeyUnderTheSameKid() {
        TokenFactory impostor = new TokenFactory(Jwk.ofKeyPair(TokenFactory.ecPair("secp256r1")).withKid("k1"),
                TokenFactory.ISSUER);
        denied(send(impostor.token(fx.now())), 401, AuthCodes.BAD_SIGNATURE);
    }

    @Test
    void refusesATokenWithAnUnknownKid() {
        TokenFactory other = new TokenFactory(Jwk.ofKeyPair(TokenFactory.ecPair("secp256r1")).withKid("k2"),
                TokenFactory.ISSUER);
        denied(send(other.token(fx.now())), 401, AuthCodes.UNKNOWN_KEY);
    }

    @Test
    void usesTheOnlyKeyOfAnIssuerForATokenWithoutKid() {
        ObjectNode header = tokens.header();
        header.remove("kid");
        principal(send(tokens.sign(header, tokens.claims(fx.now()))));
    }

    @Test
    void refusesAlgorithmNone() {
        String none = Base64Url.encode("{\"alg\":\"none\"}".getBytes()) + "."
                + Base64Url.encode(tokens.claims(fx.now()).toString().getBytes()) + ".AA";
        denied(send(none), 401, AuthCodes.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void refusesHmacTokens() {
        denied(send(unsigned("{\"alg\":\"HS256\",\"kid\":\"k1\"}", tokens.claims(fx.now()).toString())), 401,
                AuthCodes.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void refusesAnRs256HeaderOverTheIssuersEcKey() {
        denied(send(unsigned("{\"alg\":\"RS256\",\"kid\":\"k1\"}", tokens.claims(fx.now()).toString())), 401,
                AuthCodes.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void refusesAnAlgorithmOutsideTheIssuersAllowList() {
        AuthComponent strict = fx.trusting(tokens, Map.of(), Map.of("algorithms", new String[] {"EdDSA"}));
        denied(strict.authenticate(bearer(tokens.token(fx.now()))), 401, AuthCodes.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void refusesADpopProofPresentedAsAnAccessToken() {
        ObjectNode header = tokens.header().put("typ", "dpop+jwt");
        denied(send(tokens.sign(header, tokens.claims(fx.now()))), 401, AuthCodes.INVALID_TOKEN);
    }

    @Test
    void acceptsTheGenericJwtType() {
        principal(send(tokens.sign(tokens.header().put("typ", "JWT"), tokens.claims(fx.now()))));
    }

    @Test
    void refusesMalformedTokens() {
        denied(send("not-a-jwt"), 401, AuthCodes.INVALID_TOKEN);
        denied(send("a.b.c"), 401, AuthCodes.INVALID_TOKEN);
    }

    @Test
    void refusesTokensOverTheSizeLimit() {
        String big = tokens.token(fx.now(), c -> c.put("pad", "x".repeat(20_000)));
        denied(send(big), 401, AuthCodes.INVALID_TOKEN);
    }

    @Test
    void refusesCharactersATokenCannotContain() {
        denied(auth.authenticate(request("Bearer abc def", List.of(), List.of())), 401, AuthCodes.INVALID_TOKEN);
    }

    @Test
    void neverEchoesTheTokenInADenial() {
        String token = tokens.token(fx.now(), c -> c.put("aud", "elsewhere"));
        AuthFixture.assertNoSecretsIn(denied(send(token), 401, AuthCodes.WRONG_AUDIENCE), token);
    }

    @Test
    void refusesTheTokensOfAnIssuerOnceItsConfigurationIsRemoved() {
        IssuerSource source = fx.fileIssuer(tokens, Map.of());
        AuthComponent a = fx.authenticator(Map.of());
        a.bindIssuer(source);
        principal(a.authenticate(bearer(tokens.token(fx.now()))));
        a.unbindIssuer(source);
        denied(a.authenticate(bearer(tokens.token(fx.now()))), 401, AuthCodes.UNKNOWN_ISSUER);
    }

    @Test
    void verifiesRsaAndEdwardsIssuers() {
        TokenFactory ed = new TokenFactory(Jwk.ofKeyPair(generate("Ed25519")).withKid("ed"), "https://ed.example");
        TokenFactory rsa = new TokenFactory(Jwk.ofKeyPair(generate("RSA")).withKid("rsa"), "https://rsa.example");
        auth.bindIssuer(fx.fileIssuer(ed, Map.of()));
        auth.bindIssuer(fx.fileIssuer(rsa, Map.of()));
        principal(send(ed.token(fx.now())));
        principal(send(rsa.sign(rsa.header(), rsa.claims(fx.now()), JwsAlgorithm.PS256)));
        principal(send(rsa.sign(rsa.header(), rsa.claims(fx.now()), JwsAlgorithm.RS256)));
    }

    @Test
    void refusesAnRsaAlgorithmTheIssuerDoesNotAllow() {
        TokenFactory rsa = new TokenFactory(Jwk.ofKeyPair(generate("RSA")).withKid("rsa"), "https://rsa.example");
        auth.bindIssuer(fx.fileIssuer(rsa, Map.of()));
        denied(send(rsa.sign(rsa.header(), rsa.claims(fx.now()), JwsAlgorithm.RS512)), 401,
                AuthCodes.ALGORITHM_NOT_ALLOWED);
    }

    private static java.security.KeyPair generate(String algorithm) {
        try {
            java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance(algorithm);
            if ("RSA".equals(algorithm)) {
                g.initialize(2048);
            }
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
