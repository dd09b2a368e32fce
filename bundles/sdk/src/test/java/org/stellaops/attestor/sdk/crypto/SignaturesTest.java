package org.stellaops.attestor.sdk.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.TestKeys;

class SignaturesTest {

    private static final byte[] MESSAGE = "message".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, mode = EnumSource.Mode.EXCLUDE, names = "WEBAUTHN_ES256")
    void signatureVerifiesForItsMessageOnly(KeyAlgorithm alg) {
        KeyPair kp = TestKeys.forAlgorithm(alg);
        byte[] sig = Signatures.sign(kp.getPrivate(), alg, MESSAGE);
        assertTrue(Signatures.verify(kp.getPublic(), alg, MESSAGE, sig));
        assertFalse(Signatures.verify(kp.getPublic(), alg, "other".getBytes(StandardCharsets.UTF_8), sig));
    }

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, mode = EnumSource.Mode.EXCLUDE, names = "WEBAUTHN_ES256")
    void corruptedSignatureIsFalseNotAnException(KeyAlgorithm alg) {
        KeyPair kp = TestKeys.forAlgorithm(alg);
        byte[] sig = Signatures.sign(kp.getPrivate(), alg, MESSAGE);
        sig[sig.length / 2] ^= 1;
        assertFalse(Signatures.verify(kp.getPublic(), alg, MESSAGE, sig));
        assertFalse(Signatures.verify(kp.getPublic(), alg, MESSAGE, new byte[0]));
        assertFalse(Signatures.verify(kp.getPublic(), alg, MESSAGE, new byte[] {0x30, 0x02, 0x01}));
    }

    @Test
    void ecdsaSignaturesAreDer() {
        byte[] sig = Signatures.sign(TestKeys.P256.getPrivate(), KeyAlgorithm.ECDSA_P256_SHA256, MESSAGE);
        assertEquals(0x30, sig[0]);
        assertEquals(sig.length - 2, sig[1]);
    }

    @Test
    void rsaPssUsesSha256Mgf1AndSalt32AsTheJdkUnderstandsIt() throws Exception {
        KeyPair kp = TestKeys.RSA2048;
        byte[] sig = Signatures.sign(kp.getPrivate(), KeyAlgorithm.RSA_PSS_SHA256, MESSAGE);
        Signature jdk = Signature.getInstance("RSASSA-PSS");
        jdk.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        jdk.initVerify(kp.getPublic());
        jdk.update(MESSAGE);
        assertTrue(jdk.verify(sig));
    }

    @Test
    void pkcs1SignatureDoesNotVerifyAsPss() {
        KeyPair kp = TestKeys.RSA2048;
        byte[] sig = Signatures.sign(kp.getPrivate(), KeyAlgorithm.RSA_PKCS1_SHA256, MESSAGE);
        assertFalse(Signatures.verify(kp.getPublic(), KeyAlgorithm.RSA_PSS_SHA256, MESSAGE, sig));
    }

    @Test
    void verifiesSignaturesMadeByTheJdkProvidersWithJdkKeys() throws Exception {
        KeyPair kp = TestKeys.jdk("EC", new ECGenParameterSpec("secp256r1"));
        Signature jdk = Signature.getInstance("SHA256withECDSA");
        jdk.initSign(kp.getPrivate());
        jdk.update(MESSAGE);
        assertTrue(Signatures.verify(kp.getPublic(), KeyAlgorithm.ECDSA_P256_SHA256, MESSAGE, jdk.sign()));
        KeyPair ed = TestKeys.jdk("Ed25519", null);
        Signature edSigner = Signature.getInstance("Ed25519");
        edSigner.initSign(ed.getPrivate());
        edSigner.update(MESSAGE);
        assertTrue(Signatures.verify(ed.getPublic(), KeyAlgorithm.ED25519, MESSAGE, edSigner.sign()));
    }

    @Test
    void ed25519SigningIsDeterministic() {
        byte[] a = Signatures.sign(TestKeys.ED25519.getPrivate(), KeyAlgorithm.ED25519, MESSAGE);
        byte[] b = Signatures.sign(TestKeys.ED25519.getPrivate(), KeyAlgorithm.ED25519, MESSAGE);
        assertArrayEquals(a, b);
    }

    @Test
    void refusesKeyAlgorithmMismatchOnVerify() {
        byte[] sig = Signatures.sign(TestKeys.P256.getPrivate(), KeyAlgorithm.ECDSA_P256_SHA256, MESSAGE);
        AttestorException e = assertThrows(AttestorException.class, () -> Signatures.verify(
                TestKeys.P256.getPublic(), KeyAlgorithm.ECDSA_P384_SHA384, MESSAGE, sig));
        assertEquals("key.unsupported_algorithm", e.code());
    }

    @Test
    void refusesKeyAlgorithmMismatchOnSign() {
        assertEquals("key.unsupported_algorithm", assertThrows(AttestorException.class, () -> Signatures.sign(
                TestKeys.P384.getPrivate(), KeyAlgorithm.ECDSA_P256_SHA256, MESSAGE)).code());
        assertEquals("key.unsupported_algorithm", assertThrows(AttestorException.class, () -> Signatures.sign(
                TestKeys.ED25519.getPrivate(), KeyAlgorithm.RSA_PKCS1_SHA256, MESSAGE)).code());
    }

    @Test
    void refusesToSignWithWeakRsa() {
        assertEquals("key.too_weak", assertThrows(AttestorException.class, () -> Signatures.sign(
                TestKeys.rsa(1024).getPrivate(), KeyAlgorithm.RSA_PKCS1_SHA256, MESSAGE)).code());
    }

    @Test
    void verifiesConcurrentlyFromManyThreads() throws Exception {
        byte[] sig = Signatures.sign(TestKeys.P256.getPrivate(), KeyAlgorithm.ECDSA_P256_SHA256, MESSAGE);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                boolean good = i % 2 == 0;
                results.add(pool.submit(() -> Signatures.verify(TestKeys.P256.getPublic(),
                        KeyAlgorithm.ECDSA_P256_SHA256, good ? MESSAGE : new byte[] {1}, sig)));
            }
            for (int i = 0; i < results.size(); i++) {
                assertEquals(i % 2 == 0, results.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
