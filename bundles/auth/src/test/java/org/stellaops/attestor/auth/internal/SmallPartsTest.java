package org.stellaops.attestor.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The small pieces: Authorization header parsing, nonce windows, the client certificate mode. */
class SmallPartsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private static String failureCode(Runnable r) {
        return assertThrows(AuthFailure.class, r::run).code();
    }

    @Test
    void parsesBearerAndDpopSchemesCaseInsensitively() {
        assertEquals(AuthorizationHeader.Scheme.BEARER, AuthorizationHeader.parse("bearer abc.def.ghi", 100).scheme());
        assertEquals(AuthorizationHeader.Scheme.DPOP, AuthorizationHeader.parse("DPOP abc.def.ghi", 100).scheme());
        assertEquals("abc.def.ghi", AuthorizationHeader.parse("Bearer   abc.def.ghi ", 100).token());
    }

    @Test
    void refusesAHeaderWithoutToken() {
        assertEquals(AuthCodes.INVALID_TOKEN, failureCode(() -> AuthorizationHeader.parse("Bearer", 100)));
        assertEquals(AuthCodes.INVALID_TOKEN, failureCode(() -> AuthorizationHeader.parse("Bearer   ", 100)));
    }

    @Test
    void refusesUnknownSchemes() {
        assertEquals(AuthCodes.UNSUPPORTED_SCHEME, failureCode(() -> AuthorizationHeader.parse("Negotiate abc", 100)));
        assertEquals(AuthCodes.UNSUPPORTED_SCHEME, failureCode(() -> AuthorizationHeader.parse("BearerX abc", 100)));
    }

    @Test
    void neverShowsTheTokenInItsTextForm() {
        assertFalse(AuthorizationHeader.parse("Bearer secret.token.value", 100).toString().contains("secret"));
    }

    @Test
    void givesTheSameNonceWithinOneWindowAndANewOneAfter() {
        DpopNonces nonces = new DpopNonces(new byte[32], Duration.ofMinutes(5));
        assertEquals(nonces.current(T0), nonces.current(T0.plusSeconds(299)));
        assertNotEquals(nonces.current(T0), nonces.current(T0.plusSeconds(300)));
    }

    @Test
    void acceptsTheCurrentAndThePreviousNonceOnly() {
        DpopNonces nonces = new DpopNonces(new byte[32], Duration.ofMinutes(5));
        String n = nonces.current(T0);
        assertTrue(nonces.valid(n, T0));
        assertTrue(nonces.valid(n, T0.plusSeconds(300)));
        assertFalse(nonces.valid(n, T0.plusSeconds(600)));
        assertFalse(nonces.valid("not a nonce", T0));
    }

    @Test
    void derivesDifferentNoncesFromDifferentSecrets() {
        byte[] other = new byte[32];
        other[0] = 1;
        String n = new DpopNonces(other, Duration.ofMinutes(5)).current(T0);
        assertFalse(new DpopNonces(new byte[32], Duration.ofMinutes(5)).valid(n, T0));
    }

    @Test
    void refusesAShortNonceSecret() {
        assertThrows(IllegalArgumentException.class, () -> new DpopNonces(new byte[16], Duration.ofMinutes(5)));
    }

    @Test
    void takesTheConfiguredModeFirstThenTheTlsLayersThenOff() {
        assertEquals(MtlsMode.REQUIRED, MtlsMode.of("required", "off"));
        assertEquals(MtlsMode.OPTIONAL, MtlsMode.of("", "want"));
        assertEquals(MtlsMode.REQUIRED, MtlsMode.of(null, "need"));
        assertEquals(MtlsMode.OFF, MtlsMode.of("", null));
        assertThrows(IllegalArgumentException.class, () -> MtlsMode.of("maybe", null));
    }
}
