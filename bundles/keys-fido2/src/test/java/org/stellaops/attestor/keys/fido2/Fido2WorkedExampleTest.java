package org.stellaops.attestor.keys.fido2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.KeyInfo;
import org.stellaops.attestor.api.model.KeyState;

/**
 * The worked example of {@code docs/fido2-signatures.md} (a real signature made by the test authenticator, kept in
 * {@code fido2-worked-example.json}): every intermediate value the document lists is recomputed here, and the
 * signature is checked both by the verifier and, step by step, with plain JCA as an independent implementation would.
 */
class Fido2WorkedExampleTest {

    private static JsonNode example;

    @TempDir
    Path emptyDirectory;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = Fido2WorkedExampleTest.class.getResourceAsStream("/fido2-worked-example.json")) {
            example = new ObjectMapper().readTree(in);
        }
    }

    private static byte[] hex(String member) {
        return HexFormat.of().parseHex(example.path(member).asText());
    }

    private static byte[] base64(String member) {
        return Base64.getDecoder().decode(example.path(member).asText());
    }

    private static byte[] pae() {
        byte[] payload = example.path("payload").asText().getBytes(StandardCharsets.UTF_8);
        String type = example.path("payloadType").asText();
        return ("DSSEv1 " + type.length() + " " + type + " " + payload.length + " " + example.path("payload").asText())
                .getBytes(StandardCharsets.UTF_8);
    }

    private static KeyInfo key() {
        return new KeyInfo(example.path("keyId").asText(), "example", KeyAlgorithm.WEBAUTHN_ES256,
                Bytes.of(base64("publicKeyBase64")), KeyState.ACTIVE, Instant.EPOCH, null);
    }

    @Test
    void theMessageIsTheDssePreAuthenticationEncodingOfThePayload() {
        assertArrayEquals(base64("paeBase64"), pae());
        assertArrayEquals(hex("sha256OfPaeHex"), P256Keys.sha256(pae()));
    }

    @Test
    void theKeyIdIsTheSha256OfTheSubjectPublicKeyInfo() {
        assertEquals(example.path("keyId").asText(), P256Keys.keyId(base64("publicKeyBase64")));
    }

    @Test
    void theChallengeIsDerivedFromTheDomainTheNonceAndTheMessageHash() {
        byte[] expected = P256Keys.sha256("stellaops-attestor-fido2-v1".getBytes(StandardCharsets.UTF_8),
                hex("nonceHex"), hex("sha256OfPaeHex"));

        assertArrayEquals(hex("challengeHex"), expected);
        assertArrayEquals(expected, SigningChallenge.derive(hex("nonceHex"), pae()));
    }

    @Test
    void theSignatureIsTheCanonicalJsonOfTheAssertionParts() throws Exception {
        byte[] encoded = example.path("fido2Signature").asText().getBytes(StandardCharsets.UTF_8);
        Fido2Signature parsed = Fido2Signature.parse(encoded);

        assertArrayEquals(hex("nonceHex"), parsed.nonce().value());
        assertArrayEquals(hex("authenticatorDataHex"), parsed.authenticatorData().value());
        assertArrayEquals(hex("ecdsaSignatureHex"), parsed.signature().value());
        assertEquals(example.path("clientDataJSON").asText(),
                new String(parsed.clientDataJson().value(), StandardCharsets.UTF_8));
        assertArrayEquals(encoded, base64("dsseSigBase64"));
        assertEquals(example.path("dsseSigBase64").asText(),
                example.path("envelope").path("signatures").get(0).path("sig").asText());
    }

    @Test
    void theVerifierAcceptsTheExampleWithTheDefaultSettingsAndNothingRegistered() {
        Fido2SignatureVerifier verifier = new Fido2SignatureVerifier(Fido2TestBed.settings(emptyDirectory, false));

        assertTrue(verifier.verify(key(), pae(), base64("dsseSigBase64")));
        byte[] other = pae();
        other[other.length - 2] ^= 1;
        assertFalse(verifier.verify(key(), other, base64("dsseSigBase64")));
    }

    @Test
    void anIndependentImplementationWithPlainJcaReachesTheSameResult() throws Exception {
        byte[] clientDataJson = example.path("clientDataJSON").asText().getBytes(StandardCharsets.UTF_8);
        JsonNode clientData = new ObjectMapper().readTree(clientDataJson);
        byte[] authenticatorData = hex("authenticatorDataHex");

        assertEquals("webauthn.get", clientData.path("type").asText());
        assertArrayEquals(hex("challengeHex"), Base64.getUrlDecoder().decode(clientData.path("challenge").asText()));
        assertEquals(example.path("origin").asText(), clientData.path("origin").asText());
        assertArrayEquals(P256Keys.sha256(example.path("rpId").asText().getBytes(StandardCharsets.UTF_8)),
                java.util.Arrays.copyOfRange(authenticatorData, 0, 32));
        assertEquals(0x01, authenticatorData[32] & 0x01, "UP");
        PublicKey publicKey = KeyFactory.getInstance("EC")
                .generatePublic(new X509EncodedKeySpec(base64("publicKeyBase64")));
        Signature ecdsa = Signature.getInstance("SHA256withECDSA");
        ecdsa.initVerify(publicKey);
        ecdsa.update(authenticatorData);
        ecdsa.update(P256Keys.sha256(clientDataJson));
        assertTrue(ecdsa.verify(hex("ecdsaSignatureHex")));
    }
}
