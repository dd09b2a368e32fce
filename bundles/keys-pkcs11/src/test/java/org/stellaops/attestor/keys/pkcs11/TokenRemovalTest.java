package org.stellaops.attestor.keys.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.keys.KeyDriverException;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.KeyInfo;

/** The token is deleted (softhsm2-util --delete-token) while the driver is up. */
class TokenRemovalTest {

    private static final String TOKEN = "pkcs11-removal";
    private static final byte[] MESSAGE = {7, 7, 7};

    @BeforeAll
    static void makeToken() throws Exception {
        SoftHsm.createToken(TOKEN);
    }

    @Test
    void signingAfterTheTokenIsDeletedFailsWithClearDriverFailuresAndNeverHangs() throws Exception {
        Pkcs11KeyDriver driver = SoftHsm.driver(TOKEN);
        try {
            KeyInfo key = driver.createKey("doomed", KeyAlgorithm.ECDSA_P256_SHA256);
            assertTrue(Verifier.verifies(key, MESSAGE, driver.sign(key.keyId(), MESSAGE)));

            SoftHsm.deleteToken(TOKEN);

            KeyDriverException first = assertThrows(KeyDriverException.class, () -> driver.sign(key.keyId(), MESSAGE));
            assertEquals(KeyDriverException.DRIVER_FAILURE, first.code());
            assertTrue(first.getMessage().contains("token 'pkcs11-removal'")
                    && first.getMessage().contains("CKR_OBJECT_HANDLE_INVALID"), first.getMessage());

            // the failure marked the connection lost: the next calls try to reconnect and say why they cannot
            for (int i = 0; i < 2; i++) {
                KeyDriverException next = assertThrows(KeyDriverException.class,
                        () -> driver.sign(key.keyId(), MESSAGE));
                assertEquals(KeyDriverException.DRIVER_FAILURE, next.code());
                assertTrue(next.getMessage().contains("reconnecting to the token 'pkcs11-removal' failed")
                        && next.getMessage().contains("no token labelled 'pkcs11-removal'"), next.getMessage());
            }
            assertEquals(0, driver.reconnects());
        } finally {
            driver.close();
        }
    }
}
