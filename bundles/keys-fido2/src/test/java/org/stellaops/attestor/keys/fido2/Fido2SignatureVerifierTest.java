package org.stellaops.attestor.keys.fido2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.keys.SignatureVerifier;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.KeyInfo;
import org.stellaops.attestor.api.model.KeyState;

class Fido2SignatureVerifierTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    @TempDir
    Path elsewhere;

    private Fido2TestBed bed;
    private SoftwareAuthenticator authenticator;
    private KeyInfo key;
    private byte[] signature;

    @BeforeEach
    void registerAndSign() {
        bed = new Fido2TestBed(dir);
        authenticator = bed.authenticator();
        key = bed.register(Fido2TestBed.ALICE, "key", authenticator);
        signature = bed.sign(Fido2TestBed.ALICE, key, Fido2TestBed.MESSAGE, authenticator);
    }

    private Fido2Verification check(byte[] message, byte[] candidate) {
        return bed.verifier.check(key, message, candidate);
    }

    private static void assertFails(Fido2Verification outcome, String reasonPart) {
        assertFalse(outcome.valid(), "expected a failure mentioning '" + reasonPart + "'");
        assertTrue(outcome.reason().contains(reasonPart), outcome.reason());
    }

    private Fido2Signature parsed() throws Exception {
        return Fido2Signature.parse(signature);
    }

    @Test
    void verifiesOnAMachineThatKnowsOnlyThePublicKey() {
        Fido2SignatureVerifier remote = new Fido2SignatureVerifier(Fido2TestBed.settings(elsewhere, false));

        assertTrue(remote.verify(key, Fido2TestBed.MESSAGE, signature));
    }

    @Test
    void verifiesWithAFreshVerifierAfterARestart() {
        bed.restart();

        assertTrue(bed.verifier.verify(key, Fido2TestBed.MESSAGE, signature));
    }

    @Test
    void keepsVerifyingAnOldSignatureAfterTheCounterMovedOn() {
        bed.sign(Fido2TestBed.ALICE, key, Fido2TestBed.MESSAGE, authenticator, bed.gesture().withCounterStep(10));
        bed.sign(Fido2TestBed.ALICE, key, "another".getBytes(StandardCharsets.UTF_8), authenticator);

        assertTrue(bed.verifier.verify(key, Fido2TestBed.MESSAGE, signature));
    }

    @Test
    void refusesTheSignatureForAChangedMessage() {
        byte[] changed = Fido2TestBed.MESSAGE.clone();
        changed[changed.length - 1] ^= 1;

        assertFails(check(changed, signature), "challenge");
    }

    @Test
    void refusesASignatureWithAChangedNonce() throws Exception {
        Fido2Signature s = parsed();
        byte[] nonce = s.nonce().value();
        nonce[0] ^= 1;

        assertFails(check(Fido2TestBed.MESSAGE, new Fido2Signature(s.authenticatorData(), s.clientDataJson(),
                s.credentialId(), Bytes.of(nonce), s.signature()).encode()), "challenge");
    }

    @Test
    void refusesASignatureNamingAnotherCredentialThanTheRegisteredOne() throws Exception {
        Fido2Signature s = parsed();

        assertFails(check(Fido2TestBed.MESSAGE, new Fido2Signature(s.authenticatorData(), s.clientDataJson(),
                Bytes.of(bed.authenticator().credentialId()), s.nonce(), s.signature()).encode()), "credential id");
    }

    @Test
    void cannotCheckTheCredentialIdWithoutTheRegistrationBecauseTheAuthenticatorDoesNotSignIt() throws Exception {
        // documented limit (docs/fido2-signatures.md): remotely the public key alone binds the signature to the key
        Fido2Signature s = parsed();
        byte[] relabelled = new Fido2Signature(s.authenticatorData(), s.clientDataJson(),
                Bytes.of(bed.authenticator().credentialId()), s.nonce(), s.signature()).encode();
        Fido2SignatureVerifier remote = new Fido2SignatureVerifier(Fido2TestBed.settings(elsewhere, false));

        assertTrue(remote.verify(key, Fido2TestBed.MESSAGE, relabelled));
    }

    @Test
    void refusesASignatureWithChangedClientData() throws Exception {
        Fido2Signature s = parsed();
        ObjectNode clientData = (ObjectNode) JSON.readTree(s.clientDataJson().value());
        clientData.put("crossOrigin", true);

        assertFails(check(Fido2TestBed.MESSAGE, new Fido2Signature(s.authenticatorData(),
                Bytes.of(clientData.toString().getBytes(StandardCharsets.UTF_8)), s.credentialId(), s.nonce(),
                s.signature()).encode()), "Invalid assertion signature");
    }

    @Test
    void refusesASignatureWithChangedAuthenticatorData() throws Exception {
        Fido2Signature s = parsed();
        byte[] authenticatorData = s.authenticatorData().value();
        authenticatorData[36] ^= 1;

        assertFails(check(Fido2TestBed.MESSAGE, new Fido2Signature(Bytes.of(authenticatorData),
                s.clientDataJson(), s.credentialId(), s.nonce(), s.signature()).encode()),
                "Invalid assertion signature");
    }

    @Test
    void refusesAChangedEcdsaSignature() throws Exception {
        Fido2Signature s = parsed();
        byte[] ecdsa = s.signature().value();
        ecdsa[10] ^= 1;

        assertFails(check(Fido2TestBed.MESSAGE, new Fido2Signature(s.authenticatorData(), s.clientDataJson(),
                s.credentialId(), s.nonce(), Bytes.of(ecdsa)).encode()), "Invalid assertion signature");
    }

    @Test
    void refusesAnAssertionMadeOnAnOriginThatIsNotConfigured() {
        byte[] forged = bed.forge(authenticator, Fido2TestBed.MESSAGE, Fido2TestBed.RP_ID,
                bed.gesture().withOrigin("https://evil.example"));

        assertFails(check(Fido2TestBed.MESSAGE, forged), "origin");
    }

    @Test
    void refusesAnAssertionForAnotherRelyingParty() {
        byte[] forged = bed.forge(authenticator, Fido2TestBed.MESSAGE, "evil.example", bed.gesture());

        assertFails(check(Fido2TestBed.MESSAGE, forged), "RP ID");
    }

    @Test
    void acceptsAnHonestForgeOfTheSameShape() {
        // guards the tests above: the forging path itself yields valid signatures
        assertTrue(check(Fido2TestBed.MESSAGE, bed.forge(authenticator, Fido2TestBed.MESSAGE, Fido2TestBed.RP_ID,
                bed.gesture())).valid());
    }

    @Test
    void refusesAnAssertionWithoutUserPresence() {
        byte[] forged = bed.forge(authenticator, Fido2TestBed.MESSAGE, Fido2TestBed.RP_ID,
                bed.gesture().withUserPresent(false));

        assertFails(check(Fido2TestBed.MESSAGE, forged), "User Presence");
    }

    @Test
    void acceptsAnAssertionWithoutUserVerificationWhenItIsNotRequired() {
        byte[] forged = bed.forge(authenticator, Fido2TestBed.MESSAGE, Fido2TestBed.RP_ID,
                bed.gesture().withUserVerified(false));

        assertTrue(check(Fido2TestBed.MESSAGE, forged).valid());
    }

    @Test
    void refusesAnAssertionWithoutUserVerificationWhenItIsRequired() {
        byte[] forged = bed.forge(authenticator, Fido2TestBed.MESSAGE, Fido2TestBed.RP_ID,
                bed.gesture().withUserVerified(false));
        Fido2SignatureVerifier strict = new Fido2SignatureVerifier(Fido2TestBed.settings(dir, true));

        assertFails(strict.check(key, Fido2TestBed.MESSAGE, forged), "User Verification");
        assertTrue(strict.verify(key, Fido2TestBed.MESSAGE, bed.forge(authenticator, Fido2TestBed.MESSAGE,
                Fido2TestBed.RP_ID, bed.gesture().withUserVerified(true))));
    }

    @Test
    void refusesClientDataOfAnotherCeremonyType() throws Exception {
        Fido2Signature s = parsed();
        ObjectNode clientData = (ObjectNode) JSON.readTree(s.clientDataJson().value());
        clientData.put("type", "webauthn.create");
        byte[] clientDataJson = clientData.toString().getBytes(StandardCharsets.UTF_8);
        byte[] resigned = authenticator.signParts(clientDataJson, s.authenticatorData().value());

        assertFails(check(Fido2TestBed.MESSAGE, new Fido2Signature(s.authenticatorData(), Bytes.of(clientDataJson),
                s.credentialId(), s.nonce(), Bytes.of(resigned)).encode()), "webauthn.get");
    }

    @Test
    void refusesAnAssertionMadeInACrossOriginFrame() throws Exception {
        Fido2Signature s = parsed();
        ObjectNode clientData = (ObjectNode) JSON.readTree(s.clientDataJson().value());
        clientData.put("crossOrigin", true);
        clientData.put("topOrigin", "https://evil.example");
        byte[] clientDataJson = clientData.toString().getBytes(StandardCharsets.UTF_8);
        byte[] resigned = authenticator.signParts(clientDataJson, s.authenticatorData().value());

        assertFails(check(Fido2TestBed.MESSAGE, new Fido2Signature(s.authenticatorData(), Bytes.of(clientDataJson),
                s.credentialId(), s.nonce(), Bytes.of(resigned)).encode()), "cross-origin");
    }

    @Test
    void toleratesExtraClientDataMembersABrowserMayAdd() throws Exception {
        Fido2Signature s = parsed();
        ObjectNode clientData = (ObjectNode) JSON.readTree(s.clientDataJson().value());
        clientData.put("other_keys_can_be_added_here", "do not compare clientDataJSON against a template");
        byte[] clientDataJson = clientData.toString().getBytes(StandardCharsets.UTF_8);
        byte[] resigned = authenticator.signParts(clientDataJson, s.authenticatorData().value());

        assertTrue(check(Fido2TestBed.MESSAGE, new Fido2Signature(s.authenticatorData(), Bytes.of(clientDataJson),
                s.credentialId(), s.nonce(), Bytes.of(resigned)).encode()).valid());
    }

    @Test
    void refusesASignatureOfAnotherKey() {
        SoftwareAuthenticator other = bed.authenticator();
        KeyInfo otherKey = bed.register(Fido2TestBed.BOB, "bob", other);
        byte[] bobs = bed.sign(Fido2TestBed.BOB, otherKey, Fido2TestBed.MESSAGE, other);

        assertFalse(bed.verifier.verify(key, Fido2TestBed.MESSAGE, bobs));
        assertFalse(new Fido2SignatureVerifier(Fido2TestBed.settings(elsewhere, false))
                .verify(key, Fido2TestBed.MESSAGE, bobs));
    }

    @Test
    void refusesAKeyOfAnotherAlgorithm() {
        KeyInfo ecdsa = new KeyInfo(key.keyId(), "k", KeyAlgorithm.ECDSA_P256_SHA256, key.publicKey(),
                KeyState.ACTIVE, Instant.EPOCH, null);

        assertFails(bed.verifier.check(ecdsa, Fido2TestBed.MESSAGE, signature), "ECDSA_P256_SHA256");
    }

    @Test
    void refusesAKeyWhoseIdIsNotTheHashOfItsPublicKey() {
        KeyInfo mislabelled = new KeyInfo("ab".repeat(32), "k", KeyAlgorithm.WEBAUTHN_ES256, key.publicKey(),
                KeyState.ACTIVE, Instant.EPOCH, null);

        assertFails(bed.verifier.check(mislabelled, Fido2TestBed.MESSAGE, signature), "key id");
    }

    @Test
    void refusesAPublicKeyThatIsNotP256WithoutThrowing() {
        KeyInfo broken = new KeyInfo(key.keyId(), "k", KeyAlgorithm.WEBAUTHN_ES256, Bytes.of(new byte[] {1, 2}),
                KeyState.ACTIVE, Instant.EPOCH, null);

        assertFails(bed.verifier.check(broken, Fido2TestBed.MESSAGE, signature), "P-256");
    }

    @Test
    void refusesMissingOrGarbageInputWithoutThrowing() {
        assertFalse(bed.verifier.verify(null, Fido2TestBed.MESSAGE, signature));
        assertFalse(bed.verifier.verify(key, null, signature));
        assertFalse(bed.verifier.verify(key, Fido2TestBed.MESSAGE, null));
        assertFalse(bed.verifier.verify(key, Fido2TestBed.MESSAGE, new byte[0]));
        assertFalse(bed.verifier.verify(key, Fido2TestBed.MESSAGE, "MEUCIQ==".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void refusesEverySingleByteChangeOfASignatureWithoutThrowing() {
        for (int i = 0; i < signature.length; i++) {
            byte[] changed = signature.clone();
            changed[i] ^= 0x01;
            assertFalse(bed.verifier.verify(key, Fido2TestBed.MESSAGE, changed), "byte " + i);
        }
        assertTrue(bed.verifier.verify(key, Fido2TestBed.MESSAGE, signature));
    }

    @Test
    void refusesAuthenticatorDataTooShortToParseWithoutThrowing() throws Exception {
        Fido2Signature s = parsed();
        byte[] data = s.authenticatorData().value();
        data[32] |= 0x40; // claims attested credential data that is not there

        assertFalse(check(Fido2TestBed.MESSAGE, new Fido2Signature(Bytes.of(data), s.clientDataJson(),
                s.credentialId(), s.nonce(), s.signature()).encode()).valid());
    }

    @Test
    void handlesWebauthnEs256AndNothingElse() {
        assertEquals(KeyAlgorithm.WEBAUTHN_ES256, bed.verifier.algorithm());
        assertEquals("attestor.signature.algorithm", SignatureVerifier.ALGORITHM_PROPERTY);
        assertArrayEquals(key.publicKey().value(), authenticator.spki());
    }
}
