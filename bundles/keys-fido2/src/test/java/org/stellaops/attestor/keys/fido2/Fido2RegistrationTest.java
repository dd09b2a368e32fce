package org.stellaops.attestor.keys.fido2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.keys.Ceremony;
import org.stellaops.attestor.api.keys.KeyDriverException;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.KeyInfo;
import org.stellaops.attestor.api.model.KeyState;

class Fido2RegistrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void registersAnAuthenticatorWithNoneAttestationAndNamesItByItsPublicKey() {
        Fido2TestBed bed = new Fido2TestBed(dir);
        SoftwareAuthenticator authenticator = bed.authenticator();

        KeyInfo key = bed.register(Fido2TestBed.ALICE, "alice-yubikey", authenticator);

        assertArrayEquals(authenticator.spki(), key.publicKey().value());
        assertEquals(P256Keys.keyId(authenticator.spki()), key.keyId());
        assertEquals(KeyAlgorithm.WEBAUTHN_ES256, key.algorithm());
        assertEquals(KeyState.ACTIVE, key.state());
        assertEquals("alice-yubikey", key.name());
        assertEquals(List.of(key), bed.driver.keys());
        assertEquals(key, bed.driver.key(key.keyId()).orElseThrow());
    }

    @Test
    void registersAnAuthenticatorWithPackedSelfAttestation() {
        Fido2TestBed bed = new Fido2TestBed(dir);
        SoftwareAuthenticator authenticator = bed.authenticator();
        Ceremony ceremony = bed.driver.startRegistration(Fido2TestBed.ALICE, "packed");

        KeyInfo key = bed.driver.finishRegistration(Fido2TestBed.ALICE, ceremony.id(), authenticator.register(
                ceremony.optionsJson(), bed.gesture(), SoftwareAuthenticator.Attestation.PACKED_SELF));

        assertArrayEquals(authenticator.spki(), key.publicKey().value());
    }

    @Test
    void refusesAnAnswerToAnotherRegistrationCeremony() {
        Fido2TestBed bed = new Fido2TestBed(dir);
        SoftwareAuthenticator authenticator = bed.authenticator();
        Ceremony first = bed.driver.startRegistration(Fido2TestBed.ALICE, "first");
        Ceremony second = bed.driver.startRegistration(Fido2TestBed.ALICE, "second");
        String answerToFirst = authenticator.register(first.optionsJson(), bed.gesture(),
                SoftwareAuthenticator.Attestation.PACKED_SELF);

        KeyDriverException e = assertThrows(KeyDriverException.class,
                () -> bed.driver.finishRegistration(Fido2TestBed.ALICE, second.id(), answerToFirst));
        assertEquals(KeyDriverException.INVALID_INPUT, e.code());
        assertTrue(e.getMessage().contains("challenge"), e.getMessage());
    }

    @Test
    void refusesAPackedAttestationWhoseSignatureIsNotDer() {
        Fido2TestBed bed = new Fido2TestBed(dir);
        Ceremony ceremony = bed.driver.startRegistration(Fido2TestBed.ALICE, "key");
        String answer = bed.authenticator().register(ceremony.optionsJson(), bed.gesture(),
                SoftwareAuthenticator.Attestation.PACKED_SELF_NOT_DER);

        KeyDriverException e = assertThrows(KeyDriverException.class,
                () -> bed.driver.finishRegistration(Fido2TestBed.ALICE, ceremony.id(), answer));

        assertEquals(KeyDriverException.INVALID_INPUT, e.code());
        assertTrue(bed.driver.keys().isEmpty());
    }

    @Test
    void offersCreationOptionsABrowserCanUseAfterDecodingTheBinaryMembers() throws Exception {
        Fido2TestBed bed = new Fido2TestBed(dir);

        Ceremony ceremony = bed.driver.startRegistration(Fido2TestBed.ALICE, "key");
        JsonNode options = JSON.readTree(ceremony.optionsJson());

        assertEquals("localhost", options.path("rp").path("id").asText());
        assertEquals("StellaOps Attestor", options.path("rp").path("name").asText());
        assertEquals(Fido2TestBed.ALICE, options.path("user").path("name").asText());
        assertEquals(32, Base64.getUrlDecoder().decode(options.path("user").path("id").asText()).length);
        assertEquals(32, Base64.getUrlDecoder().decode(options.path("challenge").asText()).length);
        assertEquals(1, options.path("pubKeyCredParams").size());
        assertEquals("public-key", options.path("pubKeyCredParams").get(0).path("type").asText());
        assertEquals(-7, options.path("pubKeyCredParams").get(0).path("alg").asInt());
        assertEquals("none", options.path("attestation").asText());
        assertEquals(300_000, options.path("timeout").asLong());
        assertEquals("preferred", options.path("authenticatorSelection").path("userVerification").asText());
        assertEquals("discouraged", options.path("authenticatorSelection").path("residentKey").asText());
        assertFalse(options.has("publicKey"), "the options object itself, not the library's wrapper");
        assertEquals(bed.clock.instant().plusSeconds(300), ceremony.expiresAt());
        assertEquals(Fido2TestBed.ALICE, ceremony.principal());
    }

    @Test
    void requiresUserVerificationInTheOptionsWhenConfigured() throws Exception {
        Fido2TestBed bed = new Fido2TestBed(dir, true);

        JsonNode options = JSON.readTree(bed.driver.startRegistration(Fido2TestBed.ALICE, "key").optionsJson());

        assertEquals("required", options.path("authenticatorSelection").path("userVerification").asText());
    }

    @Test
    void refusesARegistrationWithoutUserVerificationWhenItIsRequired() {
        Fido2TestBed bed = new Fido2TestBed(dir, true);
        Ceremony ceremony = bed.driver.startRegistration(Fido2TestBed.ALICE, "key");
        String answer = bed.authenticator().register(ceremony.optionsJson(), bed.gesture().withUserVerified(false),
                SoftwareAuthenticator.Attestation.NONE);

        KeyDriverException e = assertThrows(KeyDriverException.class,
                () -> bed.driver.finishRegistration(Fido2TestBed.ALICE, ceremony.id(), answer));
        assertEquals(KeyDriverException.INVALID_INPUT, e.code());
        assertTrue(e.getMessage().contains("User Verification is required"), e.getMessage());
        assertTrue(bed.driver.keys().isEmpty());
    }

    @Test
    void refusesARegistrationFromAnOriginThatIsNotConfigured() {
        Fido2TestBed bed = new Fido2TestBed(dir);
        Ceremony ceremony = bed.driver.startRegistration(Fido2TestBed.ALICE, "key");
        String answer = bed.authenticator().register(ceremony.optionsJson(),
                bed.gesture().withOrigin("https://evil.example"), SoftwareAuthenticator.Attestation.NONE);

        KeyDriverException e = assertThrows(KeyDriverException.class,
                () -> bed.driver.finishRegistration(Fido2TestBed.ALICE, ceremony.id(), answer));
        assertEquals(KeyDriverException.INVALID_INPUT, e.code());
        assertTrue(e.getMessage().contains("origin"), e.getMessage());
    }

    @Test
    void refusesARegistrationForAnotherRelyingParty() {
        Fido2TestBed bed = new Fido2TestBed(dir);
        Ceremony ceremony = bed.driver.startRegistration(Fido2TestBed.ALICE, "key");
        String answer = bed.authenticator().register(ceremony.optionsJson(), bed.gesture().withRpId("evil.example"),
                SoftwareAuthenticator.Attestation.NONE);

        KeyDriverException e = assertThrows(KeyDriverException.class,
                () -> bed.driver.finishRegistration(Fido2TestBed.ALICE, ceremony.id(), answer));
        assertEquals(KeyDriverException.INVALID_INPUT, e.code());
        assertTrue(e.getMessage().contains("RP ID"), e.getMessage());
    }

    @Test
    void refusesAResponseThatIsNotWebAuthnJson() {
        Fido2TestBed bed = new Fido2TestBed(dir);
        Ceremony ceremony = bed.driver.startRegistration(Fido2TestBed.ALICE, "key");

        KeyDriverException e = assertThrows(KeyDriverException.class,
                () -> bed.driver.finishRegistration(Fido2TestBed.ALICE, ceremony.id(), "{\"id\":42"));
        assertEquals(KeyDriverException.INVALID_INPUT, e.code());
    }

    @Test
    void refusesASecondKeyWithTheSameName() {
        Fido2TestBed bed = new Fido2TestBed(dir);
        bed.register(Fido2TestBed.ALICE, "shared-name", bed.authenticator());

        KeyDriverException e = assertThrows(KeyDriverException.class,
                () -> bed.driver.startRegistration(Fido2TestBed.BOB, "shared-name"));
        assertEquals(KeyDriverException.NAME_CONFLICT, e.code());
    }

    @Test
    void refusesANameTakenWhileTheCeremonyWasOpen() {
        Fido2TestBed bed = new Fido2TestBed(dir);
        Ceremony slow = bed.driver.startRegistration(Fido2TestBed.ALICE, "contested");
        bed.register(Fido2TestBed.BOB, "contested", bed.authenticator());
        String answer = bed.authenticator().register(slow.optionsJson(), bed.gesture(),
                SoftwareAuthenticator.Attestation.NONE);

        KeyDriverException e = assertThrows(KeyDriverException.class,
                () -> bed.driver.finishRegistration(Fido2TestBed.ALICE, slow.id(), answer));
        assertEquals(KeyDriverException.NAME_CONFLICT, e.code());
    }

    @Test
    void refusesToRegisterTheSameCredentialTwice() {
        Fido2TestBed bed = new Fido2TestBed(dir);
        SoftwareAuthenticator authenticator = bed.authenticator();
        bed.register(Fido2TestBed.ALICE, "once", authenticator);

        KeyDriverException e = assertThrows(KeyDriverException.class,
                () -> bed.register(Fido2TestBed.ALICE, "twice", authenticator));
        assertEquals(KeyDriverException.INVALID_INPUT, e.code());
    }

    @Test
    void givesEachPrincipalOneStableUserHandleThatDoesNotRevealThePrincipal() throws Exception {
        Fido2TestBed bed = new Fido2TestBed(dir);

        String alice1 = userId(bed.driver.startRegistration(Fido2TestBed.ALICE, "a1"));
        String alice2 = userId(bed.driver.startRegistration(Fido2TestBed.ALICE, "a2"));
        String bob = userId(bed.driver.startRegistration(Fido2TestBed.BOB, "b1"));
        bed.restart();
        String aliceAfterRestart = userId(bed.driver.startRegistration(Fido2TestBed.ALICE, "a3"));

        assertEquals(alice1, alice2);
        assertEquals(alice1, aliceAfterRestart);
        assertNotEquals(alice1, bob);
        assertFalse(new String(Base64.getUrlDecoder().decode(alice1), java.nio.charset.StandardCharsets.ISO_8859_1)
                .contains("alice"));
    }

    @Test
    void excludesThePrincipalsRegisteredAuthenticatorsFromANewRegistration() throws Exception {
        Fido2TestBed bed = new Fido2TestBed(dir);
        SoftwareAuthenticator authenticator = bed.authenticator();
        bed.register(Fido2TestBed.ALICE, "first", authenticator);

        JsonNode alice = JSON.readTree(bed.driver.startRegistration(Fido2TestBed.ALICE, "second").optionsJson());
        JsonNode bob = JSON.readTree(bed.driver.startRegistration(Fido2TestBed.BOB, "third").optionsJson());

        assertEquals(1, alice.path("excludeCredentials").size());
        assertEquals(SoftwareAuthenticator.b64(authenticator.credentialId()),
                alice.path("excludeCredentials").get(0).path("id").asText());
        assertEquals("usb", alice.path("excludeCredentials").get(0).path("transports").get(0).asText());
        assertEquals(0, bob.path("excludeCredentials").size());
    }

    @Test
    void refusesToCreateKeysOrSignWithoutACeremony() {
        Fido2TestBed bed = new Fido2TestBed(dir);
        KeyInfo key = bed.register(Fido2TestBed.ALICE, "key", bed.authenticator());

        assertEquals(KeyDriverException.UNSUPPORTED_OPERATION, assertThrows(KeyDriverException.class,
                () -> bed.driver.createKey("new", KeyAlgorithm.WEBAUTHN_ES256)).code());
        assertEquals(KeyDriverException.UNSUPPORTED_OPERATION, assertThrows(KeyDriverException.class,
                () -> bed.driver.sign(key.keyId(), Fido2TestBed.MESSAGE)).code());
        assertEquals(KeyDriverException.UNSUPPORTED_OPERATION, assertThrows(KeyDriverException.class,
                () -> bed.driver.exportKey(key.keyId(), "cosign", "pw".toCharArray())).code());
    }

    @Test
    void describesItselfAsHardwareBackedHumanApprovedAndNotExportable() {
        Fido2TestBed bed = new Fido2TestBed(dir);

        assertEquals("fido2", bed.driver.name());
        assertEquals(java.util.Set.of(KeyAlgorithm.WEBAUTHN_ES256), bed.driver.capabilities().algorithms());
        assertTrue(bed.driver.capabilities().hardwareBacked());
        assertTrue(bed.driver.capabilities().humanPresence());
        assertFalse(bed.driver.capabilities().exportable());
    }

    @Test
    void refusesABlankPrincipalOrName() {
        Fido2TestBed bed = new Fido2TestBed(dir);

        assertEquals(KeyDriverException.INVALID_INPUT, assertThrows(KeyDriverException.class,
                () -> bed.driver.startRegistration(" ", "key")).code());
        assertEquals(KeyDriverException.INVALID_INPUT, assertThrows(KeyDriverException.class,
                () -> bed.driver.startRegistration(Fido2TestBed.ALICE, "")).code());
    }

    private static String userId(Ceremony ceremony) throws Exception {
        return JSON.readTree(ceremony.optionsJson()).path("user").path("id").asText();
    }
}
