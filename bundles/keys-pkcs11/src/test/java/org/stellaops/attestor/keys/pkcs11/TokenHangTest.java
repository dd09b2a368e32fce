package org.stellaops.attestor.keys.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.keys.KeyDriverException;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.KeyInfo;

/**
 * A token that stops answering or reports itself removed, through a real PKCS#11 shim module in front of SoftHSM2
 * (see {@link P11Shim}).
 */
class TokenHangTest {

    private static final String TOKEN = "pkcs11-hang";
    private static final byte[] MESSAGE = {1, 9, 8, 4};
    private static P11Shim shim;

    private Pkcs11KeyDriver driver;
    private KeyInfo ec;
    private KeyInfo pss;

    @BeforeAll
    static void makeTokenKeysAndShim() throws Exception {
        SoftHsm.createToken(TOKEN);
        // keys made directly on SoftHSM with the default timeout: RSA key generation can outlast the tests' 500 ms
        Pkcs11KeyDriver provisioning = SoftHsm.driver(TOKEN);
        try {
            provisioning.createKey("ec", KeyAlgorithm.ECDSA_P256_SHA256);
            provisioning.createKey("pss", KeyAlgorithm.RSA_PSS_SHA256);
        } finally {
            provisioning.close();
        }
        shim = P11Shim.build();
    }

    @BeforeEach
    void open() {
        driver = SoftHsm.driver(Map.of("library", shim.library().toString(), "tokenLabel", TOKEN,
                "maxConcurrent", 2, "timeoutMillis", 500L));
        ec = named("ec");
        pss = named("pss");
    }

    private KeyInfo named(String name) {
        return driver.keys().stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow();
    }

    @AfterEach
    void releaseAndClose() throws Exception {
        shim.hang(false);
        shim.fail(false);
        await(() -> driver.stuckWorkers() == 0);
        driver.close();
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 30 s");
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void aSignatureTheTokenNeverAnswersFailsWithDriverTimeoutAndTheDriverRecoversWhenItAnswersAgain()
            throws Exception {
        shim.hang(true);

        KeyDriverException e = assertThrows(KeyDriverException.class, () -> driver.sign(ec.keyId(), MESSAGE));
        assertEquals(KeyDriverException.TIMEOUT, e.code());
        assertTrue(e.getMessage().contains("did not finish within 500 ms"), e.getMessage());

        shim.hang(false);
        await(() -> driver.stuckWorkers() == 0);
        assertTrue(Verifier.verifies(ec, MESSAGE, driver.sign(ec.keyId(), MESSAGE)));
    }

    @Test
    void onceEveryWorkerIsStuckOnTheTokenNewCallsFailAtOnceInsteadOfQueueing() throws Exception {
        shim.hang(true);
        // one EC (C_Sign) and one RSA-PSS signature: both stick, one per worker
        assertEquals(KeyDriverException.TIMEOUT,
                assertThrows(KeyDriverException.class, () -> driver.sign(ec.keyId(), MESSAGE)).code());
        assertEquals(KeyDriverException.TIMEOUT,
                assertThrows(KeyDriverException.class, () -> driver.sign(pss.keyId(), MESSAGE)).code());
        await(() -> driver.stuckWorkers() == 2);

        KeyDriverException e = assertThrows(KeyDriverException.class, () -> driver.sign(ec.keyId(), MESSAGE));
        assertEquals(KeyDriverException.TIMEOUT, e.code());
        assertTrue(e.getMessage().contains("refused at once") && e.getMessage().contains("all 2 workers"),
                e.getMessage());

        shim.hang(false);
        await(() -> driver.stuckWorkers() == 0);
        assertTrue(Verifier.verifies(pss, MESSAGE, driver.sign(pss.keyId(), MESSAGE)));
    }

    @Test
    void aRemovedTokenFailsWithDriverFailureAndTheNextCallReconnectsOnceItIsBack() throws Exception {
        shim.fail(true);

        KeyDriverException e = assertThrows(KeyDriverException.class, () -> driver.sign(ec.keyId(), MESSAGE));
        assertEquals(KeyDriverException.DRIVER_FAILURE, e.code());
        assertTrue(e.getMessage().contains("CKR_DEVICE_REMOVED"), e.getMessage());

        shim.fail(false);
        assertTrue(Verifier.verifies(ec, MESSAGE, driver.sign(ec.keyId(), MESSAGE)));
        assertEquals(1, driver.reconnects());
        assertTrue(Verifier.verifies(pss, MESSAGE, driver.sign(pss.keyId(), MESSAGE)));
    }
}
