package org.stellaops.attestor.sdk.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.TestKeys;

class PrivateKeysTest {

    private static String pem(String label, byte[] der) {
        return Pem.encode(label, der);
    }

    @Test
    void pkcs8PemRoundTripKeepsEveryKeyType() {
        for (KeyPair kp : new KeyPair[] {TestKeys.P256, TestKeys.P384, TestKeys.ED25519, TestKeys.RSA2048}) {
            PrivateKey back = PrivateKeys.parsePem(PrivateKeys.toPem(kp.getPrivate()));
            assertArrayEquals(kp.getPublic().getEncoded(), PrivateKeys.publicKeyOf(back).getEncoded());
        }
    }

    @Test
    void parsesSec1EcPrivateKeys() throws Exception {
        byte[] sec1 = PrivateKeyInfo.getInstance(TestKeys.P256.getPrivate().getEncoded()).parsePrivateKey()
                .toASN1Primitive().getEncoded();
        PrivateKey key = PrivateKeys.parsePem(pem("EC PRIVATE KEY", sec1));
        assertArrayEquals(TestKeys.P256.getPublic().getEncoded(), PrivateKeys.publicKeyOf(key).getEncoded());
    }

    @Test
    void parsesPkcs1RsaPrivateKeys() throws Exception {
        byte[] pkcs1 = PrivateKeyInfo.getInstance(TestKeys.RSA2048.getPrivate().getEncoded()).parsePrivateKey()
                .toASN1Primitive().getEncoded();
        PrivateKey key = PrivateKeys.parsePem(pem("RSA PRIVATE KEY", pkcs1));
        assertArrayEquals(TestKeys.RSA2048.getPublic().getEncoded(), PrivateKeys.publicKeyOf(key).getEncoded());
    }

    @Test
    void derivesPublicKeysOfJdkGeneratedKeys() {
        KeyPair ec = TestKeys.jdk("EC", new ECGenParameterSpec("secp384r1"));
        assertArrayEquals(ec.getPublic().getEncoded(), PrivateKeys.publicKeyOf(ec.getPrivate()).getEncoded());
        KeyPair ed = TestKeys.jdk("Ed25519", null);
        assertArrayEquals(ed.getPublic().getEncoded(), PrivateKeys.publicKeyOf(ed.getPrivate()).getEncoded());
    }

    @Test
    void toPemWritesPkcs8() {
        assertTrue(PrivateKeys.toPem(TestKeys.ED25519.getPrivate()).startsWith("-----BEGIN PRIVATE KEY-----\n"));
    }

    @Test
    void rejectsMalformedAndUnknownBlocks() {
        assertEquals("key.malformed", assertThrows(AttestorException.class,
                () -> PrivateKeys.parsePem(pem("PRIVATE KEY", new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}))).code());
        assertEquals("key.malformed", assertThrows(AttestorException.class,
                () -> PrivateKeys.parsePem(pem("ENCRYPTED PRIVATE KEY", new byte[] {0x30, 0x00}))).code());
        assertEquals("key.malformed", assertThrows(AttestorException.class,
                () -> PrivateKeys.parsePem(PublicKeys.toPem(TestKeys.P256.getPublic()))).code());
    }

    @Test
    void parsedKeySignsForItsPublicKey() {
        PrivateKey key = PrivateKeys.parsePem(PrivateKeys.toPem(TestKeys.P256.getPrivate()));
        byte[] sig = Signatures.sign(key, KeyAlgorithm.ECDSA_P256_SHA256, new byte[] {1, 2, 3});
        assertTrue(Signatures.verify(TestKeys.P256.getPublic(), KeyAlgorithm.ECDSA_P256_SHA256,
                new byte[] {1, 2, 3}, sig));
    }
}
