package org.stellaops.attestor.keys.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stellaops.attestor.api.keys.KeyDriverException;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.KeyInfo;
import org.stellaops.attestor.api.model.KeyState;

class Pkcs11KeyDriverTest {

    private static final String TOKEN = "pkcs11-driver";
    private static final byte[] MESSAGE = "DSSEv1 28 application/vnd.in-toto+json 2 {}".getBytes(StandardCharsets.UTF_8);

    private Pkcs11KeyDriver driver;

    @BeforeAll
    static void makeToken() throws Exception {
        SoftHsm.createToken(TOKEN);
    }

    @BeforeEach
    void open() {
        driver = SoftHsm.driver(TOKEN);
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @ParameterizedTest
    @EnumSource(names = {"ECDSA_P256_SHA256", "ECDSA_P384_SHA384", "RSA_PKCS1_SHA256", "RSA_PSS_SHA256"})
    void createsListsAndSignsWithEachAlgorithmAndAPlainVerifierAcceptsTheSignature(KeyAlgorithm algorithm)
            throws Exception {
        KeyInfo key = driver.createKey("sign-" + algorithm.name().toLowerCase(), algorithm);

        assertEquals(algorithm, key.algorithm());
        assertEquals(KeyState.ACTIVE, key.state());
        assertNull(key.revokedAt());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.publicKey().value())),
                key.keyId());
        assertTrue(driver.keys().contains(key));
        assertEquals(key, driver.key(key.keyId()).orElseThrow());
        assertTrue(Verifier.verifies(key, MESSAGE, driver.sign(key.keyId(), MESSAGE)));
    }

    @ParameterizedTest
    @EnumSource(names = {"ECDSA_P256_SHA256", "ECDSA_P384_SHA384"})
    void ecdsaSignaturesAreAsn1DerSequencesOfTwoIntegers(KeyAlgorithm algorithm) throws Exception {
        KeyInfo key = driver.createKey("der-" + algorithm.name().toLowerCase(), algorithm);
        byte[] signature = driver.sign(key.keyId(), MESSAGE);

        ASN1Sequence sequence = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(signature));
        assertEquals(2, sequence.size());
        assertTrue(sequence.getObjectAt(0) instanceof ASN1Integer && sequence.getObjectAt(1) instanceof ASN1Integer);
        assertTrue(Verifier.verifies(key, MESSAGE, signature));
    }

    @Test
    void keysPersistAcrossADriverRestartWithTheSameIdsNamesAndCreationTimes() throws Exception {
        KeyInfo ec = driver.createKey("persist-ec", KeyAlgorithm.ECDSA_P256_SHA256);
        KeyInfo pss = driver.createKey("persist-pss", KeyAlgorithm.RSA_PSS_SHA256);
        List<KeyInfo> before = driver.keys();
        driver.close();

        driver = SoftHsm.driver(TOKEN);

        assertEquals(before, driver.keys());
        assertEquals(ec, driver.key(ec.keyId()).orElseThrow());
        assertEquals(KeyAlgorithm.RSA_PSS_SHA256, driver.key(pss.keyId()).orElseThrow().algorithm());
        assertTrue(Verifier.verifies(pss, MESSAGE, driver.sign(pss.keyId(), MESSAGE)));
    }

    @Test
    void declaresHardwareBackedKeysThatCannotBeExportedForEcAndRsaOnly() {
        assertEquals("pkcs11", driver.name());
        assertFalse(driver.capabilities().exportable());
        assertTrue(driver.capabilities().hardwareBacked());
        assertFalse(driver.capabilities().humanPresence());
        assertFalse(driver.capabilities().algorithms().contains(KeyAlgorithm.ED25519));
        assertEquals(4, driver.capabilities().algorithms().size());
        assertEquals(KeyDriverException.UNSUPPORTED_OPERATION, assertThrows(KeyDriverException.class,
                () -> driver.exportKey(driver.createKey("no-export", KeyAlgorithm.ECDSA_P256_SHA256).keyId(),
                        "cosign", "x".toCharArray())).code());
    }

    @Test
    void refusesEd25519WithUnsupportedAlgorithm() {
        KeyDriverException e = assertThrows(KeyDriverException.class,
                () -> driver.createKey("ed", KeyAlgorithm.ED25519));
        assertEquals(KeyDriverException.UNSUPPORTED_ALGORITHM, e.code());
    }

    @Test
    void anUnknownKeyIsNotFound() {
        String unknown = "00".repeat(32);
        assertEquals(KeyDriverException.NOT_FOUND,
                assertThrows(KeyDriverException.class, () -> driver.sign(unknown, MESSAGE)).code());
        assertTrue(driver.key(unknown).isEmpty());
    }

    @Test
    void aSecondKeyWithATakenNameIsANameConflict() {
        driver.createKey("taken", KeyAlgorithm.ECDSA_P256_SHA256);
        KeyDriverException e = assertThrows(KeyDriverException.class,
                () -> driver.createKey("taken", KeyAlgorithm.ECDSA_P384_SHA384));
        assertEquals(KeyDriverException.NAME_CONFLICT, e.code());
    }

    @Test
    void refusesNamesThatAreNotSafeAliases() {
        for (String name : List.of("", "two words", "a/b", "ä", "x".repeat(65), "semi;colon")) {
            KeyDriverException e = assertThrows(KeyDriverException.class,
                    () -> driver.createKey(name, KeyAlgorithm.ECDSA_P256_SHA256), name);
            assertEquals(KeyDriverException.INVALID_INPUT, e.code(), name);
        }
        assertEquals("A-z_0.9-", driver.createKey("A-z_0.9-", KeyAlgorithm.ECDSA_P256_SHA256).name());
    }

    @Test
    void eightThreadsSigningAtOnceAllGetSignaturesThatVerify() throws Exception {
        KeyInfo ec = driver.createKey("concurrent-ec", KeyAlgorithm.ECDSA_P256_SHA256);
        KeyInfo rsa = driver.createKey("concurrent-rsa", KeyAlgorithm.RSA_PKCS1_SHA256);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                KeyInfo key = t % 2 == 0 ? ec : rsa;
                byte[] message = ("message of thread " + t).getBytes(StandardCharsets.UTF_8);
                Callable<Boolean> signMany = () -> {
                    for (int i = 0; i < 25; i++) {
                        if (!Verifier.verifies(key, message, driver.sign(key.keyId(), message))) {
                            return false;
                        }
                    }
                    return true;
                };
                results.add(threads.submit(signMany));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
