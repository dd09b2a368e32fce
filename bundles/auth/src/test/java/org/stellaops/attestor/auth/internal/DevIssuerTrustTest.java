package org.stellaops.attestor.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stellaops.attestor.auth.internal.AuthFixture.bearer;
import static org.stellaops.attestor.auth.internal.AuthFixture.denied;
import static org.stellaops.attestor.auth.internal.AuthFixture.dpop;
import static org.stellaops.attestor.auth.internal.AuthFixture.principal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.auth.Principal;
import org.stellaops.attestor.auth.Scope;
import org.stellaops.attestor.sdk.jose.DevIssuer;
import org.stellaops.attestor.sdk.jose.DpopProofs;
import org.stellaops.attestor.sdk.jose.Jwk;

/** The embedded default: the development issuer's key is created on activation and its tokens are trusted. */
class DevIssuerTrustTest {

    @TempDir
    Path dir;
    AuthFixture fx;

    @BeforeEach
    void setUp() {
        fx = new AuthFixture(dir);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private String mint(Jwk key, String audience, String jkt) {
        return DevIssuer.mintToken(key, "cli-user", "default", List.of("attestor.write", "attestor.verify"),
                Duration.ofMinutes(10), audience, fx.now(), jkt);
    }

    @Test
    void createsTheKeyInTheDataDirectoryOnActivation() {
        fx.authenticator(Map.of("devIssuer_enabled", true));
        assertTrue(Files.isRegularFile(fx.dataDir().resolve(DevIssuer.KEY_FILE)));
    }

    @Test
    void trustsTokensMintedWithTheDevelopmentKey() {
        AuthComponent auth = fx.authenticator(Map.of("devIssuer_enabled", true));
        Principal p = principal(auth.authenticate(bearer(mint(DevIssuer.readKey(fx.dataDir()),
                DevIssuer.DEFAULT_AUDIENCE, null))));
        assertEquals(DevIssuer.ISSUER, p.issuer());
        assertEquals("default", p.tenant());
        assertEquals(Set.of(Scope.WRITE, Scope.VERIFY), p.scopes());
    }

    @Test
    void trustsDpopBoundDevelopmentTokens() {
        AuthComponent auth = fx.authenticator(Map.of("devIssuer_enabled", true));
        Jwk client = Jwk.ofKeyPair(TokenFactory.ecPair("secp256r1"));
        String token = mint(DevIssuer.readKey(fx.dataDir()), DevIssuer.DEFAULT_AUDIENCE, client.thumbprint());
        String proof = DpopProofs.create(client, "POST", AuthFixture.TARGET, token, null, fx.now(), "p1");
        assertEquals(Principal.Method.DPOP, principal(auth.authenticate(dpop(token, proof))).method());
    }

    @Test
    void keepsTheSameKeyAcrossRestarts() {
        fx.authenticator(Map.of("devIssuer_enabled", true));
        Jwk key = DevIssuer.readKey(fx.dataDir());
        AuthComponent restarted = fx.authenticator(Map.of("devIssuer_enabled", true));
        principal(restarted.authenticate(bearer(mint(key, DevIssuer.DEFAULT_AUDIENCE, null))));
    }

    @Test
    void refusesDevelopmentTokensWhenTheIssuerIsDisabled() {
        Jwk key = DevIssuer.createKeyIfAbsent(fx.dataDir());
        AuthComponent production = fx.authenticator(Map.of("devIssuer_enabled", false));
        denied(production.authenticate(bearer(mint(key, DevIssuer.DEFAULT_AUDIENCE, null))), 401,
                AuthCodes.UNKNOWN_ISSUER);
    }

    @Test
    void createsNoKeyWhenTheIssuerIsDisabled() {
        fx.authenticator(Map.of("devIssuer_enabled", false));
        assertFalse(Files.exists(fx.dataDir().resolve(DevIssuer.KEY_FILE)));
    }

    @Test
    void refusesDevelopmentTokensForAnotherAudience() {
        AuthComponent auth = fx.authenticator(Map.of("devIssuer_enabled", true, "devIssuer_audience", "attestor-eu"));
        Jwk key = DevIssuer.readKey(fx.dataDir());
        denied(auth.authenticate(bearer(mint(key, DevIssuer.DEFAULT_AUDIENCE, null))), 401, AuthCodes.WRONG_AUDIENCE);
        principal(auth.authenticate(bearer(mint(key, "attestor-eu", null))));
    }

    @Test
    void refusesTokensSignedByAnotherKeyInTheDevelopmentIssuersName() {
        AuthComponent auth = fx.authenticator(Map.of("devIssuer_enabled", true));
        Jwk forged = Jwk.ofKeyPair(TokenFactory.ecPair("secp256r1"))
                .withKid(DevIssuer.readKey(fx.dataDir()).kid());
        denied(auth.authenticate(bearer(mint(forged, DevIssuer.DEFAULT_AUDIENCE, null))), 401,
                AuthCodes.BAD_SIGNATURE);
    }

    @Test
    void staysUsableForOtherIssuersWhenTheKeyCannotBeCreated() throws Exception {
        Files.writeString(dir.resolve("data"), "a file where the data directory should be");
        AuthComponent auth = fx.authenticator(Map.of("devIssuer_enabled", true));
        TokenFactory tokens = TokenFactory.ec("k1");
        auth.bindIssuer(fx.fileIssuer(tokens, Map.of()));
        principal(auth.authenticate(bearer(tokens.token(fx.now()))));
    }
}
