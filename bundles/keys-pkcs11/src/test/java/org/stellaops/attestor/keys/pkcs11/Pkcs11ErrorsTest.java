package org.stellaops.attestor.keys.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.ProviderException;
import java.security.SignatureException;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.keys.KeyDriverException;

class Pkcs11ErrorsTest {

    @Test
    void findsThePkcs11ReturnValueAnywhereInTheCauseChain() {
        Exception failure = new SignatureException("sign failed",
                new ProviderException("Initialization failed", new RuntimeException("CKR_OBJECT_HANDLE_INVALID")));
        assertEquals(Optional.of("CKR_OBJECT_HANDLE_INVALID"), Pkcs11Errors.returnValue(failure));
    }

    @Test
    void aVanishedTokenSessionOrKeyMeansTheConnectionIsLostButAWrongPinDoesNot() {
        assertTrue(Pkcs11Errors.connectionLost(new ProviderException("CKR_DEVICE_REMOVED")));
        assertTrue(Pkcs11Errors.connectionLost(new ProviderException("x", new Exception("CKR_SESSION_HANDLE_INVALID"))));
        assertFalse(Pkcs11Errors.connectionLost(new ProviderException("CKR_PIN_INCORRECT")));
        assertFalse(Pkcs11Errors.connectionLost(new IllegalStateException("no return value")));
    }

    @Test
    void failuresBecomeDriverFailuresThatNameTheReturnValueAndItsUsualMeaning() {
        KeyDriverException e = Pkcs11Errors.failure("signing", new ProviderException("CKR_DEVICE_REMOVED"));
        assertEquals(KeyDriverException.DRIVER_FAILURE, e.code());
        assertEquals("signing failed: CKR_DEVICE_REMOVED (the token was removed)", e.getMessage());
        KeyDriverException known = new KeyDriverException(KeyDriverException.NOT_FOUND, "x");
        assertSame(known, Pkcs11Errors.failure("signing", known));
    }

    @Test
    void namesKnownReturnValuesAndShowsOthersInHex() {
        assertEquals("CKR_CRYPTOKI_ALREADY_INITIALIZED", Pkcs11Errors.name(0x191));
        assertEquals("CKR 0x80000001", Pkcs11Errors.name(0x80000001L));
    }
}
