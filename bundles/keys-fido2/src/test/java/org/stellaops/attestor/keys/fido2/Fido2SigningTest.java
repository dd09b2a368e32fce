package org.stellaops.attestor.keys.fido2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.keys.Ceremony;
import org.stellaops.attestor.api.keys.KeyDriverException;
import org.stellaops.attestor.api.model.KeyInfo;

class Fido2SigningTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void signsAMessageWithARegisteredAuthenticatorAndTheSignatureVerifies() {
        Fido2TestBed bed = new Fido2TestBed(dir);
        SoftwareAuthenticator authenticator = bed.authenticator();
        KeyInfo key = bed.register(Fido2TestBed.ALICE, "key", authenticator);

        byte[] signature = bed.sign(Fido2TestBed.ALICE, key, Fido2TestBed.MESSAGE, authenticator);

        assertEquals(new Fido2Verification(true, "valid"), bed.verifier.check(key, Fido2TestBed.MESSAGE, signature));
        assertTrue(bed.verifier.verify(key, Fido2TestBed.MESSAGE, signature));
    }

    @Test
    void returnsTheAssertionInTheCanonicalFido2SignatureFormat() throws Exception {
        Fido2TestBed bed = new Fido2TestBed(dir);
        SoftwareAuthenticator authenticator = bed.authenticator();
        KeyInfo key = bed.register(Fido2TestBed.ALICE, "key", authenticator);

        byte[] signature = bed.sign(Fido2TestBed.ALICE, key, Fido2TestBed.MESSAGE, authenticator);
        Fido2Signature parsed = Fido2Signature.parse(signature);

        String text = new String(signature, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("{\"authenticatorData\":\""), text);
        assertTrue(text.contains("\",\"format\":\"stellaops-fido2-v1\",\"nonce\":\""), text);
        assertArrayEquals(authenticator.credentialId(), parsed.credentialId().value());
        JsonNode clientData = JSON.readTree(parsed.clientDataJson().value());
        assertEquals("webauthn.get", clientData.path("type").asText());
        assertArrayEquals(SigningChallenge.derive(parsed.nonce().value(), Fido2TestBed.MESSAGE),
                Base64.getUrlDecoder().decode(clientData.path("challenge").asText()));
    }

    @Test
    void asksForAnAssertionOverTheDerivedChallengeFromExactlyThatCredential() throws Exception {
        Fido2TestBed bed = new Fido2TestBed(dir);
        SoftwareAuthenticator authenticator = bed.authenticator();
        KeyInfo key = bed.register(Fido2TestBed.ALICE, "key", authenticator);
        bed.register(Fido2TestBed.ALICE, "other", bed.authenticator());

        Ceremony ceremony = bed.driver.startSigning(Fido2TestBed.ALICE, key.keyId(), Fido2TestBed.MESSAGE);
        JsonNode options = JSON.readTree(ceremony.optionsJson());

        assertEquals("localhost", options.path("rpId").asText());
        assertEquals(1, options.path("allowCredentials").size());
        assertEquals("public-key", options.path("allowCredentials").get(0).path("type").asText());
        assertEquals(SoftwareAuthenticator.b64(authenticator.credentialId()),
                options.path("allowCredentials").get(0).path("id").asText());
        assertEquals("preferred", options.path("userVerification").asText());
        assertEquals(300_000, options.path("timeout").asLong());
        assertEquals(32, Base64.getUrlDecoder().decode(options.path("challenge").asText()).length);
    }

    @Test
    void bindsEveryCeremonyToAFreshNonce() throws Exception {
        Fido2TestBed bed = new Fido2TestBed(dir);
        KeyInfo key = bed.register(Fido2TestBed.ALICE, "key", bed.authenticator());

        String first = JSON.readTree(bed.driver.startSigning(Fido2TestBed.ALICE, key.keyId(), Fido2TestBed.MESSAGE)
                .optionsJson()).path("challenge").asText();
        String second = JSON.readTree(bed.driver.startSigning(Fido2TestBed.ALICE, key.keyId(), Fido2TestBed.MESSAGE)
                .optionsJson()).path("challenge").asText();

        assertTrue(!first.equals(second), "same message, different challenges");
    }

    @Test
    void requiresUserVerificationForSigningWhenConfigured() throws Exception {
        Fido2TestBed bed = new Fido2TestBed(dir, true);
        SoftwareAuthenticator authenticator = bed.authenticator();
        KeyInfo key = bed.register(Fido2TestBed.ALICE, "key", authenticator);
        Ceremony ceremony = bed.driver.startSigning(Fido2TestBed.ALICE, key.keyId(), Fido2TestBed.MESSAGE);
        assertEquals("required", JSON.readTree(ceremony.optionsJson()).path("userVerification").asText());

        KeyDriverException e = assertThrows(KeyDriverException.class, () -> bed.driver.finishSigning(
                Fido2TestBed.ALICE, ceremony.id(),
                authenticator.authenticate(ceremony.optionsJson(), bed.gesture().withUserVerified(false))));

        assertEquals(KeyDriverException.INVALID_INPUT, e.code());
        assertTrue(e.getMessage().contains("User Verification is required"), e.getMessage());
    }

    @Test
    void refusesAnAssertionWithoutUserPresence() {
        Fido2TestBed bed = new Fido2TestBed(dir);
        SoftwareAuthenticator authenticator = bed.authenticator();
        KeyInfo key = bed.register(Fido2TestBed.ALICE, "key", authenticator);

        KeyDriverException e = assertThrows(KeyDriverException.class, () -> bed.sign(Fido2TestBed.ALICE, key,
                Fido2TestBed.MESSAGE, authenticator, bed.gesture().withUserPresent(false)));

        assertEquals(KeyDriverException.INVALID_INPUT, e.code());
        assertTrue(e.getMessage().contains("User Presence is required"), e.getMessage());
    }

    @Test
    void refusesAnAssertionFromAnOriginThatIsNotConfigured() {
        Fido2TestBed bed = new Fido2TestBed(dir);
        SoftwareAuthenticator authenticator = bed.authenticator();
        KeyInfo key = bed.register(Fido2TestBed.ALICE, "key", authenticator);

        KeyDriverException e = assertThrows(KeyDriverException.class, () -> bed.sign(Fido2TestBed.ALICE, key,
                Fido2TestBed.MESSAGE, authenticator, bed.gesture().withOrigin("https://localhost:9999")));

        assertEquals(KeyDriverException.INVALID_INPUT, e.code());
        assertTrue(e.getMessage().contains("origin"), e.getMessage());
    }

    @Test
    void refusesAReplayedAssertionWhoseCounterDidNotIncrease() {
        Fido2TestBed bed = new Fido2TestBed(dir);
        SoftwareAuthenticator authenticator = bed.authenticator();
        KeyInfo key = bed.register(Fido2TestBed.ALICE, "key", authenticator);
        bed.sign(Fido2TestBed.ALICE, key, Fido2TestBed.MESSAGE, authenticator);

        KeyDriverException e = assertThrows(KeyDriverException.class, () -> bed.sign(Fido2TestBed.ALICE, key,
                Fido2TestBed.MESSAGE, authenticator, bed.gesture().withCounterStep(0)));

        assertEquals(KeyDriverException.INVALID_INPUT, e.code());
        assertTrue(e.getMessage().contains("counter"), e.getMessage());
    }

    @Test
    void keepsTheCounterAcrossARestartSoAReplayIsStillRefused() {
        Fido2TestBed bed = new Fido2TestBed(dir);
        SoftwareAuthenticator authenticator = bed.authenticator();
        KeyInfo key = bed.register(Fido2TestBed.ALICE, "key", authenticator);
        bed.sign(Fido2TestBed.ALICE, key, Fido2TestBed.MESSAGE, authenticator, bed.gesture().withCounterStep(5));

        bed.restart();

        KeyDriverException e = assertThrows(KeyDriverException.class, () -> bed.sign(Fido2TestBed.ALICE, key,
                Fido2TestBed.MESSAGE, authenticator, bed.gesture().withCounterStep(0)));
        assertTrue(e.getMessage().contains("counter"), e.getMessage());
        bed.sign(Fido2TestBed.ALICE, key, Fido2TestBed.MESSAGE, authenticator);
    }

    @Test
    void refusesAnAssertionFromAnotherCredential() throws Exception {
        Fido2TestBed bed = new Fido2TestBed(dir);
        KeyInfo key = bed.register(Fido2TestBed.ALICE, "key", bed.authenticator());
        SoftwareAuthenticator other = bed.authenticator();
        bed.register(Fido2TestBed.ALICE, "other", other);
        Ceremony ceremony = bed.driver.startSigning(Fido2TestBed.ALICE, key.keyId(), Fido2TestBed.MESSAGE);
        // a tampered page lets the other authenticator answer the ceremony of the first key
        String answer = other.authenticate(allowing(ceremony.optionsJson(), other), bed.gesture());

        KeyDriverException e = assertThrows(KeyDriverException.class,
                () -> bed.driver.finishSigning(Fido2TestBed.ALICE, ceremony.id(), answer));
        assertEquals(KeyDriverException.INVALID_INPUT, e.code());
        assertTrue(e.getMessage().contains("Unrequested credential"), e.getMessage());
    }

    @Test
    void refusesAnAssertionWhoseSignatureIsNotStrictDer() throws Exception {
        Fido2TestBed bed = new Fido2TestBed(dir);
        SoftwareAuthenticator authenticator = bed.authenticator();
        KeyInfo key = bed.register(Fido2TestBed.ALICE, "key", authenticator);
        Ceremony ceremony = bed.driver.startSigning(Fido2TestBed.ALICE, key.keyId(), Fido2TestBed.MESSAGE);
        ObjectNode answer = (ObjectNode) JSON.readTree(authenticator.authenticate(ceremony.optionsJson(),
                bed.gesture()));
        ((ObjectNode) answer.path("response")).put("signature", "MAcCAQECAQE"); // SEQUENCE length 7 over 6 bytes

        KeyDriverException e = assertThrows(KeyDriverException.class,
                () -> bed.driver.finishSigning(Fido2TestBed.ALICE, ceremony.id(), answer.toString()));

        assertEquals(KeyDriverException.INVALID_INPUT, e.code());
        assertTrue(e.getMessage().contains("DER"), e.getMessage());
    }

    @Test
    void refusesAnAssertionMadeInACrossOriginFrame() {
        Fido2TestBed bed = new Fido2TestBed(dir);
        SoftwareAuthenticator authenticator = bed.authenticator();
        KeyInfo key = bed.register(Fido2TestBed.ALICE, "key", authenticator);
        Ceremony ceremony = bed.driver.startSigning(Fido2TestBed.ALICE, key.keyId(), Fido2TestBed.MESSAGE);
        String framed = authenticator.authenticate(ceremony.optionsJson(), bed.gesture(),
                clientData -> clientData.put("crossOrigin", true).put("topOrigin", "https://evil.example"));

        KeyDriverException e = assertThrows(KeyDriverException.class,
                () -> bed.driver.finishSigning(Fido2TestBed.ALICE, ceremony.id(), framed));

        assertEquals(KeyDriverException.INVALID_INPUT, e.code());
        assertTrue(e.getMessage().contains("cross-origin"), e.getMessage());
    }

    @Test
    void refusesClientDataWithATokenBindingItCannotCheck() {
        Fido2TestBed bed = new Fido2TestBed(dir);
        SoftwareAuthenticator authenticator = bed.authenticator();
        KeyInfo key = bed.register(Fido2TestBed.ALICE, "key", authenticator);
        Ceremony ceremony = bed.driver.startSigning(Fido2TestBed.ALICE, key.keyId(), Fido2TestBed.MESSAGE);
        String bound = authenticator.authenticate(ceremony.optionsJson(), bed.gesture(),
                clientData -> clientData.putObject("tokenBinding").put("status", "present").put("id", "AAAA"));

        KeyDriverException e = assertThrows(KeyDriverException.class,
                () -> bed.driver.finishSigning(Fido2TestBed.ALICE, ceremony.id(), bound));

        assertEquals(KeyDriverException.INVALID_INPUT, e.code());
        assertTrue(e.getMessage().contains("Token binding"), e.getMessage());
    }

    @Test
    void refusesClientDataWithAnUnknownTokenBindingStatus() {
        Fido2TestBed bed = new Fido2TestBed(dir);
        SoftwareAuthenticator authenticator = bed.authenticator();
        KeyInfo key = bed.register(Fido2TestBed.ALICE, "key", authenticator);
        Ceremony ceremony = bed.driver.startSigning(Fido2TestBed.ALICE, key.keyId(), Fido2TestBed.MESSAGE);
        String odd = authenticator.authenticate(ceremony.optionsJson(), bed.gesture(),
                clientData -> clientData.putObject("tokenBinding").put("status", "bogus"));

        KeyDriverException e = assertThrows(KeyDriverException.class,
                () -> bed.driver.finishSigning(Fido2TestBed.ALICE, ceremony.id(), odd));

        assertEquals(KeyDriverException.INVALID_INPUT, e.code());
    }

    @Test
    void refusesToSignWithAnotherPrincipalsKeyAsIfItDidNotExist() {
        Fido2TestBed bed = new Fido2TestBed(dir);
        KeyInfo key = bed.register(Fido2TestBed.ALICE, "key", bed.authenticator());

        assertEquals(KeyDriverException.NOT_FOUND, assertThrows(KeyDriverException.class,
                () -> bed.driver.startSigning(Fido2TestBed.BOB, key.keyId(), Fido2TestBed.MESSAGE)).code());
        assertEquals(KeyDriverException.NOT_FOUND, assertThrows(KeyDriverException.class,
                () -> bed.driver.startSigning(Fido2TestBed.ALICE, "00".repeat(32), Fido2TestBed.MESSAGE)).code());
    }

    private static String allowing(String requestOptionsJson, SoftwareAuthenticator authenticator) throws Exception {
        ObjectNode options = (ObjectNode) JSON.readTree(requestOptionsJson);
        options.putArray("allowCredentials").addObject().put("type", "public-key")
                .put("id", SoftwareAuthenticator.b64(authenticator.credentialId()));
        return options.toString();
    }
}
