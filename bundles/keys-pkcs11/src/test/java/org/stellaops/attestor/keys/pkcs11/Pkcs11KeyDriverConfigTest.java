package org.stellaops.attestor.keys.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.keys.KeyDriverException;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.KeyInfo;

/** Activation from a configuration, as Declarative Services does it, against real SoftHSM2 tokens. */
class Pkcs11KeyDriverConfigTest {

    private static final String TOKEN = "pkcs11-config";
    /** Never logged in to: SunPKCS11 skips the PIN check when the process is already logged in to a token. */
    private static final String WRONG_PIN_TOKEN = "pkcs11-wrong-pin";
    private static final byte[] MESSAGE = {42};

    @TempDir
    Path dir;

    @BeforeAll
    static void makeTokens() throws Exception {
        SoftHsm.createToken(TOKEN);
        SoftHsm.createToken(WRONG_PIN_TOKEN);
    }

    private static Pkcs11KeyDriver activate(Map<String, Object> properties) {
        return new Pkcs11KeyDriver(SoftHsm.config(properties), properties);
    }

    @Test
    void readsThePinFromTheConfiguredFileIgnoringATrailingNewline() throws Exception {
        Path pinFile = Files.writeString(dir.resolve("pin"), SoftHsm.PIN + "\n");
        Pkcs11KeyDriver driver = activate(Map.of("tokenLabel", TOKEN, "pinEnv", "", "pinFile", pinFile.toString()));
        try {
            KeyInfo key = driver.createKey("from-pin-file", KeyAlgorithm.ECDSA_P256_SHA256);
            assertTrue(Verifier.verifies(key, MESSAGE, driver.sign(key.keyId(), MESSAGE)));
        } finally {
            driver.close();
        }
    }

    @Test
    void readsThePinFromTheNamedEnvironmentVariable() throws Exception {
        Pkcs11KeyDriver driver = activate(Map.of("tokenLabel", TOKEN, "pinEnv", SoftHsm.PIN_ENV));
        try {
            KeyInfo key = driver.createKey("from-pin-env", KeyAlgorithm.ECDSA_P384_SHA384);
            assertTrue(Verifier.verifies(key, MESSAGE, driver.sign(key.keyId(), MESSAGE)));
        } finally {
            driver.close();
        }
    }

    @Test
    void refusesAConfigurationThatCarriesAPinWithoutRepeatingIt() {
        for (String property : List.of("pin", ".pin", "PIN")) {
            KeyDriverException e = assertThrows(KeyDriverException.class,
                    () -> activate(Map.of("tokenLabel", TOKEN, property, "s3cr3t-1234")), property);
            assertEquals(KeyDriverException.INVALID_INPUT, e.code());
            assertTrue(e.getMessage().contains("never taken from the configuration"), e.getMessage());
            assertFalse(e.getMessage().contains("s3cr3t-1234"), e.getMessage());
        }
    }

    @Test
    void aWrongPinFailsActivationWithDriverFailureSayingSo() throws Exception {
        Path pinFile = Files.writeString(dir.resolve("wrong"), "9999");
        KeyDriverException e = assertThrows(KeyDriverException.class, () -> activate(
                Map.of("tokenLabel", WRONG_PIN_TOKEN, "pinEnv", "", "pinFile", pinFile.toString())));
        assertEquals(KeyDriverException.DRIVER_FAILURE, e.code());
        assertTrue(e.getMessage().contains("CKR_PIN_INCORRECT") && e.getMessage().contains("wrong PIN"),
                e.getMessage());
    }

    @Test
    void selectsTheSameTokenBySlotListIndexAsByLabel() {
        int index = TokenSlots.find(SoftHsm.LIBRARY, TOKEN).index();
        List<KeyInfo> byLabel;
        Pkcs11KeyDriver driver = activate(Map.of("tokenLabel", TOKEN));
        try {
            driver.createKey("by-index", KeyAlgorithm.ECDSA_P256_SHA256);
            byLabel = driver.keys();
        } finally {
            driver.close();
        }
        driver = activate(Map.of("slotListIndex", index));
        try {
            assertEquals(byLabel, driver.keys());
        } finally {
            driver.close();
        }
    }

    @Test
    void anUnknownTokenLabelFailsNamingTheTokensPresent() {
        KeyDriverException e = assertThrows(KeyDriverException.class,
                () -> activate(Map.of("tokenLabel", "no-such-token")));
        assertEquals(KeyDriverException.DRIVER_FAILURE, e.code());
        assertTrue(e.getMessage().contains("no token labelled 'no-such-token'")
                && e.getMessage().contains("'" + TOKEN + "'"), e.getMessage());
    }

    @Test
    void anUnreadablePinFileFailsActivationNamingTheFile() {
        Path missing = dir.resolve("missing-pin");
        KeyDriverException e = assertThrows(KeyDriverException.class, () -> activate(
                Map.of("tokenLabel", TOKEN, "pinEnv", "", "pinFile", missing.toString())));
        assertEquals(KeyDriverException.DRIVER_FAILURE, e.code());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void anUnsetPinVariableFailsActivationNamingTheVariable() {
        KeyDriverException e = assertThrows(KeyDriverException.class,
                () -> activate(Map.of("tokenLabel", TOKEN, "pinEnv", "ATTESTOR_TEST_NO_SUCH_VARIABLE")));
        assertEquals(KeyDriverException.DRIVER_FAILURE, e.code());
        assertTrue(e.getMessage().contains("ATTESTOR_TEST_NO_SUCH_VARIABLE is not set"), e.getMessage());
    }

    @Test
    void aClosedDriverRefusesToSign() {
        Pkcs11KeyDriver driver = activate(Map.of("tokenLabel", TOKEN));
        KeyInfo key = driver.createKey("closed", KeyAlgorithm.ECDSA_P256_SHA256);
        driver.close();
        KeyDriverException e = assertThrows(KeyDriverException.class, () -> driver.sign(key.keyId(), MESSAGE));
        assertEquals(KeyDriverException.DRIVER_FAILURE, e.code());
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }
}
