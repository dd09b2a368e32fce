package org.stellaops.attestor.keys.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.keys.KeyDriverException;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.KeyInfo;

/**
 * Keys put on the token by other means than the driver: SunPKCS11 pairs a private key with the certificate of the
 * same CKA_ID, whatever key the certificate holds, so the driver must prove each pair before offering it.
 */
class KeyCheckTest {

    private static final String TOKEN = "pkcs11-check";
    private static final byte[] MESSAGE = {1, 2, 3};

    @BeforeAll
    static void provisionTokenWithAMismatchedAndAWeakKey() throws Exception {
        SoftHsm.createToken(TOKEN);
        Provider p11 = Security.getProvider("SunPKCS11").configure("--name = raw\nlibrary = " + SoftHsm.LIBRARY
                + "\nslot = " + TokenSlots.find(SoftHsm.LIBRARY, TOKEN).id() + "\n");
        KeyStore keyStore = KeyStore.getInstance("PKCS11", p11);
        keyStore.load(null, SoftHsm.PIN.toCharArray());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        KeyPair stored = P11Algorithms.generator(KeyAlgorithm.ECDSA_P256_SHA256, p11).generateKeyPair();
        KeyPair other = P11Algorithms.generator(KeyAlgorithm.ECDSA_P256_SHA256, p11).generateKeyPair();
        X509Certificate otherCertificate = SelfSignedCertificates.create("mismatched", KeyAlgorithm.ECDSA_P256_SHA256,
                other, now, p11);
        keyStore.setKeyEntry("mismatched", stored.getPrivate(), null, new Certificate[] {otherCertificate});

        KeyPairGenerator rsa1024 = KeyPairGenerator.getInstance("RSA", p11);
        rsa1024.initialize(1024);
        KeyPair weak = rsa1024.generateKeyPair();
        keyStore.setKeyEntry("weak", weak.getPrivate(), null, new Certificate[] {
            SelfSignedCertificates.create("weak", KeyAlgorithm.RSA_PKCS1_SHA256, weak, now, p11)});
    }

    @Test
    void offersOnlyKeysWhosePrivateKeyMatchesTheirCertificateAndSaysWhyTheOthersAreSkipped() throws Exception {
        KeyInfo good;
        Pkcs11KeyDriver driver = SoftHsm.driver(TOKEN);
        try {
            good = driver.createKey("good", KeyAlgorithm.ECDSA_P256_SHA256);
        } finally {
            driver.close();
        }

        driver = SoftHsm.driver(TOKEN);
        try {
            assertEquals(List.of(good), driver.keys());
            Map<String, String> skipped = driver.skippedKeys();
            assertEquals(2, skipped.size(), skipped.toString());
            assertTrue(skipped.get("mismatched").contains("does not match its certificate"), skipped.toString());
            assertTrue(skipped.get("weak").contains("1024 bits"), skipped.toString());
            assertTrue(Verifier.verifies(good, MESSAGE, driver.sign(good.keyId(), MESSAGE)));
        } finally {
            driver.close();
        }
    }

    @Test
    void theNameOfASkippedKeyIsStillTaken() {
        Pkcs11KeyDriver driver = SoftHsm.driver(TOKEN);
        try {
            KeyDriverException e = assertThrows(KeyDriverException.class,
                    () -> driver.createKey("mismatched", KeyAlgorithm.ECDSA_P256_SHA256));
            assertEquals(KeyDriverException.NAME_CONFLICT, e.code());
        } finally {
            driver.close();
        }
    }
}
