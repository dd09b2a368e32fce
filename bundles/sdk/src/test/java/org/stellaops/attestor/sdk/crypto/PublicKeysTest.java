package org.stellaops.attestor.sdk.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.TestKeys;
import org.stellaops.attestor.sdk.internal.Hashing;

class PublicKeysTest {

    /** The public Ed25519 key of log2025-1.rekor.sigstore.dev (from sigstore-js test fixtures). */
    static final String REKOR_LOG2025_SPKI = "MCowBQYDK2VwAyEAt8rlp1knGwjfbcXAYPYAkn0XiLz1x8O4t0YkEhie244=";

    private static String code(Runnable r) {
        return assertThrows(AttestorException.class, r::run).code();
    }

    @Test
    void pemRoundTripKeepsTheKey() {
        for (KeyPair kp : new KeyPair[] {TestKeys.P256, TestKeys.P384, TestKeys.ED25519, TestKeys.RSA2048}) {
            String pem = PublicKeys.toPem(kp.getPublic());
            assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----\n"));
            assertTrue(pem.endsWith("-----END PUBLIC KEY-----\n"));
            PublicKey back = PublicKeys.parsePem(pem);
            assertArrayEquals(kp.getPublic().getEncoded(), back.getEncoded());
        }
    }

    @Test
    void parsesPemWithCrlfLineEndingsAndSurroundingWhitespace() {
        String pem = PublicKeys.toPem(TestKeys.P256.getPublic()).replace("\n", "\r\n");
        assertArrayEquals(TestKeys.P256.getPublic().getEncoded(), PublicKeys.parsePem("\n  " + pem + "\n").getEncoded());
    }

    @Test
    void rejectsPrivateKeyPemWhereAPublicKeyIsExpected() {
        String pem = PrivateKeys.toPem(TestKeys.P256.getPrivate());
        assertEquals("key.malformed", code(() -> PublicKeys.parsePem(pem)));
    }

    @Test
    void rejectsGarbagePem() {
        assertEquals("key.malformed", code(() -> PublicKeys.parsePem("hello")));
        assertEquals("key.malformed", code(() -> PublicKeys.parsePem(
                "-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----\n")));
        assertEquals("key.malformed", code(() -> PublicKeys.parsePem(
                "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")));
        assertEquals("key.malformed", code(() -> PublicKeys.parsePem(null)));
    }

    @Test
    void rejectsSpkiWithTrailingBytes() {
        byte[] der = TestKeys.P256.getPublic().getEncoded();
        byte[] longer = java.util.Arrays.copyOf(der, der.length + 1);
        assertEquals("key.malformed", code(() -> PublicKeys.parseSpki(longer)));
    }

    @Test
    void keyIdIsHexSha256OfSpki() {
        PublicKey key = TestKeys.P256.getPublic();
        assertEquals(HexFormat.of().formatHex(Hashing.sha256(key.getEncoded())), PublicKeys.keyId(key));
        assertEquals(64, PublicKeys.keyId(key).length());
    }

    @Test
    void defaultAlgorithmFollowsKeyType() {
        assertEquals(KeyAlgorithm.ECDSA_P256_SHA256, PublicKeys.defaultAlgorithm(TestKeys.P256.getPublic()));
        assertEquals(KeyAlgorithm.ECDSA_P384_SHA384, PublicKeys.defaultAlgorithm(TestKeys.P384.getPublic()));
        assertEquals(KeyAlgorithm.ED25519, PublicKeys.defaultAlgorithm(TestKeys.ED25519.getPublic()));
        assertEquals(KeyAlgorithm.RSA_PKCS1_SHA256, PublicKeys.defaultAlgorithm(TestKeys.RSA2048.getPublic()));
    }

    @Test
    void defaultAlgorithmRecognisesJdkKeysToo() {
        assertEquals(KeyAlgorithm.ECDSA_P256_SHA256, PublicKeys.defaultAlgorithm(
                TestKeys.jdk("EC", new ECGenParameterSpec("secp256r1")).getPublic()));
        assertEquals(KeyAlgorithm.ED25519, PublicKeys.defaultAlgorithm(TestKeys.jdk("Ed25519", null).getPublic()));
    }

    @Test
    void rejectsRsaBelow2048BitsAsTooWeak() {
        PublicKey weak = TestKeys.rsa(1024).getPublic();
        assertEquals("key.too_weak", code(() -> PublicKeys.defaultAlgorithm(weak)));
        assertEquals("key.too_weak", code(() -> PublicKeys.checkCompatible(weak, KeyAlgorithm.RSA_PSS_SHA256)));
    }

    @Test
    void rejectsOtherCurvesAsUnsupported() {
        PublicKey p521 = TestKeys.ec("secp521r1").getPublic();
        PublicKey k1 = TestKeys.ec("secp256k1").getPublic();
        assertEquals("key.unsupported_algorithm", code(() -> PublicKeys.defaultAlgorithm(p521)));
        assertEquals("key.unsupported_algorithm", code(() -> PublicKeys.defaultAlgorithm(k1)));
    }

    @Test
    void checkCompatibleRejectsMismatchedPairs() {
        assertEquals("key.unsupported_algorithm", code(() -> PublicKeys.checkCompatible(
                TestKeys.P256.getPublic(), KeyAlgorithm.ECDSA_P384_SHA384)));
        assertEquals("key.unsupported_algorithm", code(() -> PublicKeys.checkCompatible(
                TestKeys.ED25519.getPublic(), KeyAlgorithm.RSA_PKCS1_SHA256)));
        assertEquals("key.unsupported_algorithm", code(() -> PublicKeys.checkCompatible(
                TestKeys.RSA2048.getPublic(), KeyAlgorithm.ED25519)));
        assertDoesNotThrow(() -> PublicKeys.checkCompatible(TestKeys.RSA2048.getPublic(),
                KeyAlgorithm.RSA_PSS_SHA256));
    }

    @Test
    void keyDetailsCarryTheRealRsaSize() {
        PublicKey rsa3072 = TestKeys.rsa3072().getPublic();
        assertEquals("PKIX_RSA_PKCS1V15_3072_SHA256", PublicKeys.keyDetails(rsa3072, KeyAlgorithm.RSA_PKCS1_SHA256));
        assertEquals("PKIX_RSA_PSS_3072_SHA256", PublicKeys.keyDetails(rsa3072, KeyAlgorithm.RSA_PSS_SHA256));
        assertEquals("PKIX_RSA_PKCS1V15_2048_SHA256",
                PublicKeys.keyDetails(TestKeys.RSA2048.getPublic(), KeyAlgorithm.RSA_PKCS1_SHA256));
        assertEquals("PKIX_ECDSA_P256_SHA_256",
                PublicKeys.keyDetails(TestKeys.P256.getPublic(), KeyAlgorithm.ECDSA_P256_SHA256));
        assertEquals("PKIX_ECDSA_P384_SHA_384",
                PublicKeys.keyDetails(TestKeys.P384.getPublic(), KeyAlgorithm.ECDSA_P384_SHA384));
        assertEquals("PKIX_ED25519", PublicKeys.keyDetails(TestKeys.ED25519.getPublic(), KeyAlgorithm.ED25519));
    }

    @Test
    void parsesTheRekorProductionEd25519Key() {
        PublicKey key = PublicKeys.parseSpki(Base64.getDecoder().decode(REKOR_LOG2025_SPKI));
        assertEquals(KeyAlgorithm.ED25519, PublicKeys.defaultAlgorithm(key));
    }
}
