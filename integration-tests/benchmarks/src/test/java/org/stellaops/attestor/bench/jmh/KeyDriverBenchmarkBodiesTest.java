package org.stellaops.attestor.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;
import org.stellaops.attestor.api.model.KeyAlgorithm;

/** Runs the key-driver benchmark bodies once per signer (SoftHSM2 for the PKCS#11 ones). Nothing is timed. */
class KeyDriverBenchmarkBodiesTest {

    @Test
    void everySignerSignsAndTheSignatureVerifiesWithBouncyCastle() throws Exception {
        String[] signers = KeyDriverBenchmark.class.getField("signer").getAnnotation(Param.class).value();
        for (String signer : signers) {
            KeyDriverBenchmark b = new KeyDriverBenchmark();
            b.signer = signer;
            b.setUp();
            try {
                assertTrue(b.verify(), signer);
                byte[] first = b.sign();
                byte[] second = b.sign();
                assertFalse(first.length == 0, signer);
                // ECDSA and PSS are randomised: two signatures of the same PAE differ
                assertFalse(Arrays.equals(first, second), signer);
                assertEquals(signer.equals("PKCS11_RSA3072_PSS") ? KeyAlgorithm.RSA_PSS_SHA256
                        : KeyAlgorithm.ECDSA_P256_SHA256, b.key().algorithm(), signer);
            } finally {
                b.tearDown();
            }
        }
    }
}
