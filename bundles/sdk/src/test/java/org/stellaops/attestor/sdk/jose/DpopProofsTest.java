package org.stellaops.attestor.sdk.jose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.stellaops.attestor.sdk.AttestorException;

class DpopProofsTest {

    private static final Instant IAT = Instant.parse("2026-03-01T10:00:00Z");
    private static final Jwk P256 = Jwk.ofKeyPair(JoseTestKeys.P256);
    private static final URI TARGET = URI.create("https://Attestor.Example:443/api/v1/attestations?x=1#f");

    private static Jws proof(Jwk key, String token, String nonce) {
        return Jws.parse(DpopProofs.create(key, "POST", TARGET, token, nonce, IAT, "id-1"), 8192);
    }

    @Test
    void carriesTypeAlgorithmAndThePublicKeyInItsHeader() {
        ObjectNode header = proof(P256, null, null).header();
        assertEquals("dpop+jwt", header.get("typ").textValue());
        assertEquals("ES256", header.get("alg").textValue());
        Jwk embedded = Jwk.parse(header.get("jwk"));
        assertFalse(embedded.hasPrivate());
        assertFalse(header.get("jwk").has("d"));
        assertEquals(P256.thumbprint(), embedded.thumbprint());
    }

    @Test
    void isSignedByTheKeyItEmbeds() {
        Jws jws = proof(P256, null, null);
        assertTrue(jws.verify(Jwk.parse(jws.header().get("jwk")).publicKey()));
    }

    @Test
    void carriesTheRequestAndTheNormalisedTarget() {
        JsonNode c = proof(P256, null, null).payloadJson(8192);
        assertEquals("id-1", c.get("jti").textValue());
        assertEquals("POST", c.get("htm").textValue());
        assertEquals("https://attestor.example/api/v1/attestations", c.get("htu").textValue());
        assertEquals(IAT.getEpochSecond(), c.get("iat").longValue());
        assertFalse(c.has("ath"));
        assertFalse(c.has("nonce"));
    }

    @Test
    void bindsTheAccessTokenThroughItsHash() throws Exception {
        JsonNode c = proof(P256, "token.value.sig", "n-1").payloadJson(8192);
        byte[] hash = MessageDigest.getInstance("SHA-256").digest("token.value.sig".getBytes(StandardCharsets.US_ASCII));
        assertEquals(Base64Url.encode(hash), c.get("ath").textValue());
        assertEquals("n-1", c.get("nonce").textValue());
    }

    @Test
    void usesEdDsaForEd25519AndRs256ForRsaKeys() {
        assertEquals(JwsAlgorithm.EdDSA, proof(Jwk.ofKeyPair(JoseTestKeys.ED25519), null, null).algorithm());
        assertEquals(JwsAlgorithm.RS256, proof(Jwk.ofKeyPair(JoseTestKeys.RSA2048), null, null).algorithm());
        assertEquals(JwsAlgorithm.PS256, proof(Jwk.ofKeyPair(JoseTestKeys.RSA2048).withAlg("PS256"), null, null)
                .algorithm());
    }

    @Test
    void refusesAKeyWithoutItsPrivatePart() {
        AttestorException e = assertThrows(AttestorException.class, () -> proof(P256.toPublic(), null, null));
        assertEquals(JoseCodes.MALFORMED_KEY, e.code());
    }

    @ParameterizedTest
    @CsvSource({
        "HTTPS://Host.Example/a/b, https://host.example/a/b",
        "https://host.example:443/a, https://host.example/a",
        "http://host.example:80/a, http://host.example/a",
        "https://host.example:8443/a, https://host.example:8443/a",
        "http://host.example:443/a, http://host.example:443/a",
        "https://host.example, https://host.example/",
        "https://host.example/a?q=1#frag, https://host.example/a",
        "https://user:pw@host.example/a, https://host.example/a",
        "https://host.example/a/./b/../c, https://host.example/a/c",
        "https://host.example/%7euser/%2f%2F, https://host.example/~user/%2F%2F",
        "https://host.example/a/%2E%2E/b, https://host.example/b",
        "https://[::1]:8443/x, https://[::1]:8443/x"
    })
    void normalisesTargetUris(String given, String expected) {
        assertEquals(expected, DpopProofs.htu(URI.create(given)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/relative/path", "ftp://host.example/a", "mailto:someone@example.com", "https:///path"})
    void refusesTargetsThatAreNotAbsoluteHttpUris(String uri) {
        AttestorException e = assertThrows(AttestorException.class, () -> DpopProofs.htu(URI.create(uri)));
        assertEquals(JoseCodes.MALFORMED, e.code());
    }
}
