package org.stellaops.attestor.sdk.dsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.Signature;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.TestKeys;
import org.stellaops.attestor.sdk.crypto.PublicKeys;

class EnvelopeVerifierTest {

    private static final String TYPE = "application/vnd.in-toto+json";
    private static final byte[] PAYLOAD = "{\"_type\":\"x\"}".getBytes(StandardCharsets.UTF_8);

    private static TrustedSigner trusted(KeyPair kp, KeyAlgorithm alg) {
        return new TrustedSigner(PublicKeys.keyId(kp.getPublic()), kp.getPublic(), alg);
    }

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, mode = EnumSource.Mode.EXCLUDE, names = "WEBAUTHN_ES256")
    void signedEnvelopeVerifiesWithEachAlgorithm(KeyAlgorithm alg) {
        KeyPair kp = TestKeys.forAlgorithm(alg);
        TrustedSigner signer = trusted(kp, alg);
        Envelope env = DsseEnvelopes.sign(TYPE, PAYLOAD, kp.getPrivate(), alg, signer.keyId());
        EnvelopeVerification v = EnvelopeVerifier.verify(env, List.of(signer));
        assertTrue(v.anyVerified());
        assertEquals(Set.of(signer.keyId()), v.verifiedKeyIds());
        assertEquals(signer.keyId(), v.checks().get(0).verifiedKeyId());
    }

    @Test
    void aWebAuthnKeyWithoutItsVerifierNeverVerifiesEvenABareSignature() {
        Envelope env = DsseEnvelopes.sign(TYPE, PAYLOAD, TestKeys.P256.getPrivate(), KeyAlgorithm.ECDSA_P256_SHA256,
                "");
        TrustedSigner webauthn = trusted(TestKeys.P256, KeyAlgorithm.WEBAUTHN_ES256);
        assertFalse(EnvelopeVerifier.verify(env, List.of(webauthn)).anyVerified());
    }

    @Test
    void aCustomVerifierDecidesForItsSigner() {
        Envelope env = DsseEnvelopes.sign(TYPE, PAYLOAD, TestKeys.P256.getPrivate(), KeyAlgorithm.ECDSA_P256_SHA256,
                "");
        TrustedSigner refusing = new TrustedSigner(PublicKeys.keyId(TestKeys.P256.getPublic()),
                TestKeys.P256.getPublic(), KeyAlgorithm.ECDSA_P256_SHA256, (message, signature) -> false);
        assertFalse(EnvelopeVerifier.verify(env, List.of(refusing)).anyVerified());
    }

    @Test
    void rejectsEnvelopeWhoseSignatureCoversAnotherPayload() {
        TrustedSigner signer = trusted(TestKeys.P256, KeyAlgorithm.ECDSA_P256_SHA256);
        Envelope other = DsseEnvelopes.sign(TYPE, "{}".getBytes(StandardCharsets.UTF_8), TestKeys.P256.getPrivate(),
                KeyAlgorithm.ECDSA_P256_SHA256, signer.keyId());
        Envelope transplanted = new Envelope(TYPE, Bytes.of(PAYLOAD), other.signatures());
        EnvelopeVerification v = EnvelopeVerifier.verify(transplanted, List.of(signer));
        assertFalse(v.anyVerified());
        assertNull(v.checks().get(0).verifiedKeyId());
    }

    @Test
    void rejectsSignatureOverAnotherPayloadType() {
        TrustedSigner signer = trusted(TestKeys.ED25519, KeyAlgorithm.ED25519);
        Envelope env = DsseEnvelopes.sign("text/plain", PAYLOAD, TestKeys.ED25519.getPrivate(), KeyAlgorithm.ED25519,
                "");
        Envelope retyped = new Envelope(TYPE, env.payload(), env.signatures());
        assertFalse(EnvelopeVerifier.verify(retyped, List.of(signer)).anyVerified());
    }

    @Test
    void rejectsTamperedPayload() {
        TrustedSigner signer = trusted(TestKeys.P384, KeyAlgorithm.ECDSA_P384_SHA384);
        Envelope env = DsseEnvelopes.sign(TYPE, PAYLOAD, TestKeys.P384.getPrivate(), KeyAlgorithm.ECDSA_P384_SHA384, "");
        byte[] tampered = PAYLOAD.clone();
        tampered[3] ^= 1;
        assertFalse(EnvelopeVerifier.verify(new Envelope(TYPE, Bytes.of(tampered), env.signatures()), List.of(signer))
                .anyVerified());
    }

    @Test
    void keySigningTwiceCountsOnce() {
        TrustedSigner signer = trusted(TestKeys.P256, KeyAlgorithm.ECDSA_P256_SHA256);
        Envelope once = DsseEnvelopes.sign(TYPE, PAYLOAD, TestKeys.P256.getPrivate(), KeyAlgorithm.ECDSA_P256_SHA256,
                signer.keyId());
        Envelope twice = DsseEnvelopes.addSignature(once, TestKeys.P256.getPrivate(), KeyAlgorithm.ECDSA_P256_SHA256,
                "");
        EnvelopeVerification v = EnvelopeVerifier.verify(twice, List.of(signer));
        assertEquals(2, v.checks().size());
        assertTrue(v.checks().get(0).verified() && v.checks().get(1).verified());
        assertEquals(1, v.verifiedKeyIds().size());
    }

    @Test
    void distinctKeysAreCountedSeparately() {
        TrustedSigner a = trusted(TestKeys.P256, KeyAlgorithm.ECDSA_P256_SHA256);
        TrustedSigner b = trusted(TestKeys.ED25519, KeyAlgorithm.ED25519);
        Envelope env = DsseEnvelopes.addSignature(DsseEnvelopes.sign(TYPE, PAYLOAD, TestKeys.P256.getPrivate(),
                KeyAlgorithm.ECDSA_P256_SHA256, ""), TestKeys.ED25519.getPrivate(), KeyAlgorithm.ED25519, "");
        assertEquals(Set.of(a.keyId(), b.keyId()), EnvelopeVerifier.verify(env, List.of(b, a)).verifiedKeyIds());
    }

    @Test
    void wrongKeyidHintStillVerifiesThroughFallback() {
        TrustedSigner a = trusted(TestKeys.P256, KeyAlgorithm.ECDSA_P256_SHA256);
        TrustedSigner b = trusted(TestKeys.ED25519, KeyAlgorithm.ED25519);
        Envelope env = DsseEnvelopes.sign(TYPE, PAYLOAD, TestKeys.P256.getPrivate(), KeyAlgorithm.ECDSA_P256_SHA256,
                b.keyId());
        EnvelopeVerification v = EnvelopeVerifier.verify(env, List.of(b, a));
        assertEquals(Set.of(a.keyId()), v.verifiedKeyIds());
        assertEquals(b.keyId(), v.checks().get(0).keyIdHint());
        assertTrue(v.checks().get(0).detail().contains("names another key"));
    }

    @Test
    void keyidHintAloneNeverMakesAnUnknownKeyTrusted() {
        TrustedSigner trustedKey = trusted(TestKeys.P256, KeyAlgorithm.ECDSA_P256_SHA256);
        KeyPair attacker = TestKeys.ec("secp256r1");
        Envelope env = DsseEnvelopes.sign(TYPE, PAYLOAD, attacker.getPrivate(), KeyAlgorithm.ECDSA_P256_SHA256,
                trustedKey.keyId());
        EnvelopeVerification v = EnvelopeVerifier.verify(env, List.of(trustedKey));
        assertFalse(v.anyVerified());
        assertTrue(v.checks().get(0).detail().contains("names"));
    }

    @Test
    void nothingVerifiesWithoutTrustedSigners() {
        Envelope env = DsseEnvelopes.sign(TYPE, PAYLOAD, TestKeys.ED25519.getPrivate(), KeyAlgorithm.ED25519, "");
        EnvelopeVerification v = EnvelopeVerifier.verify(env, List.of());
        assertFalse(v.anyVerified());
        assertEquals(1, v.checks().size());
    }

    @Test
    void reportsEachSignatureInEnvelopeOrder() {
        TrustedSigner a = trusted(TestKeys.P256, KeyAlgorithm.ECDSA_P256_SHA256);
        Envelope signed = DsseEnvelopes.sign(TYPE, PAYLOAD, TestKeys.P256.getPrivate(), KeyAlgorithm.ECDSA_P256_SHA256,
                "");
        List<Signature> sigs = new ArrayList<>(signed.signatures());
        sigs.add(0, new Signature("junk", Bytes.of(new byte[] {1, 2, 3})));
        EnvelopeVerification v = EnvelopeVerifier.verify(new Envelope(TYPE, signed.payload(), sigs), List.of(a));
        assertEquals(0, v.checks().get(0).index());
        assertFalse(v.checks().get(0).verified());
        assertEquals(1, v.checks().get(1).index());
        assertTrue(v.checks().get(1).verified());
    }

    @Test
    void resultCollectionsAreUnmodifiable() {
        Envelope env = DsseEnvelopes.sign(TYPE, PAYLOAD, TestKeys.ED25519.getPrivate(), KeyAlgorithm.ED25519, "");
        EnvelopeVerification v = EnvelopeVerifier.verify(env, List.of(TrustedSigner.of(TestKeys.ED25519.getPublic())));
        assertThrows(UnsupportedOperationException.class, () -> v.verifiedKeyIds().add("x"));
        assertThrows(UnsupportedOperationException.class, () -> v.checks().clear());
    }

    @Test
    void trustedSignerRefusesMismatchedKeyAndAlgorithm() {
        assertEquals("key.unsupported_algorithm", assertThrows(AttestorException.class,
                () -> new TrustedSigner("k", TestKeys.P256.getPublic(), KeyAlgorithm.ED25519)).code());
        assertEquals("key.too_weak", assertThrows(AttestorException.class,
                () -> new TrustedSigner("k", TestKeys.rsa(1024).getPublic(), KeyAlgorithm.RSA_PKCS1_SHA256)).code());
        assertThrows(IllegalArgumentException.class,
                () -> new TrustedSigner("", TestKeys.P256.getPublic(), KeyAlgorithm.ECDSA_P256_SHA256));
    }

    @Test
    void trustedSignerOfUsesDefaultAlgorithmAndSpkiKeyId() {
        TrustedSigner s = TrustedSigner.of(TestKeys.P384.getPublic());
        assertEquals(KeyAlgorithm.ECDSA_P384_SHA384, s.algorithm());
        assertEquals(PublicKeys.keyId(TestKeys.P384.getPublic()), s.keyId());
    }

    @Test
    void verifiesTheSameEnvelopeConcurrently() throws Exception {
        TrustedSigner signer = trusted(TestKeys.P256, KeyAlgorithm.ECDSA_P256_SHA256);
        Envelope env = DsseEnvelopes.sign(TYPE, PAYLOAD, TestKeys.P256.getPrivate(), KeyAlgorithm.ECDSA_P256_SHA256, "");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<EnvelopeVerification>> futures = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                futures.add(pool.submit(() -> EnvelopeVerifier.verify(env, List.of(signer))));
            }
            for (Future<EnvelopeVerification> f : futures) {
                assertTrue(f.get().anyVerified());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
