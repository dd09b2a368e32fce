package org.stellaops.attestor.sdk.jose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.TestKeys;

class JwsAlgorithmTest {

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void parsesEveryListedAlgorithmByItsJoseName(JwsAlgorithm alg) {
        assertEquals(alg, JwsAlgorithm.parse(alg.name()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "HS256", "HS384", "HS512", "es256", "ES256K", "Ed25519", "RSA1_5", ""})
    void refusesNoneHmacAndUnknownNames(String name) {
        AttestorException e = assertThrows(AttestorException.class, () -> JwsAlgorithm.parse(name));
        assertEquals(JoseCodes.ALGORITHM_NOT_ALLOWED, e.code());
    }

    @Test
    void refusesAMissingName() {
        assertEquals(JoseCodes.ALGORITHM_NOT_ALLOWED,
                assertThrows(AttestorException.class, () -> JwsAlgorithm.parse(null)).code());
    }

    @Test
    void ecdsaAlgorithmsFitOnlyTheirOwnCurve() {
        assertTrue(JwsAlgorithm.ES256.fits(JoseTestKeys.P256.getPublic()));
        assertFalse(JwsAlgorithm.ES256.fits(JoseTestKeys.P384.getPublic()));
        assertTrue(JwsAlgorithm.ES384.fits(JoseTestKeys.P384.getPublic()));
        assertFalse(JwsAlgorithm.ES384.fits(JoseTestKeys.P521.getPublic()));
        assertTrue(JwsAlgorithm.ES512.fits(JoseTestKeys.P521.getPublic()));
        assertFalse(JwsAlgorithm.ES512.fits(JoseTestKeys.P256.getPublic()));
    }

    @Test
    void rsaAlgorithmsFitOnlyRsaKeysOfAtLeast2048Bits() {
        for (JwsAlgorithm alg : new JwsAlgorithm[] {JwsAlgorithm.RS256, JwsAlgorithm.PS384, JwsAlgorithm.RS512}) {
            assertTrue(alg.fits(JoseTestKeys.RSA2048.getPublic()));
            assertFalse(alg.fits(TestKeys.rsa(1024).getPublic()));
            assertFalse(alg.fits(JoseTestKeys.P256.getPublic()));
        }
    }

    @Test
    void eddsaFitsOnlyEd25519Keys() {
        assertTrue(JwsAlgorithm.EdDSA.fits(JoseTestKeys.ED25519.getPublic()));
        assertFalse(JwsAlgorithm.EdDSA.fits(JoseTestKeys.P256.getPublic()));
        assertFalse(JwsAlgorithm.EdDSA.fits(TestKeys.jdk("Ed448", null).getPublic()));
    }

    @Test
    void ecAlgorithmsDoNotFitRsaOrEdwardsKeys() {
        assertFalse(JwsAlgorithm.ES256.fits(JoseTestKeys.RSA2048.getPublic()));
        assertFalse(JwsAlgorithm.ES256.fits(JoseTestKeys.ED25519.getPublic()));
    }

    @Test
    void fitsKeysOfTheJdkProvidersToo() {
        assertTrue(JwsAlgorithm.ES256.fits(TestKeys.jdk("EC", new java.security.spec.ECGenParameterSpec("secp256r1"))
                .getPublic()));
        assertTrue(JwsAlgorithm.EdDSA.fits(TestKeys.jdk("Ed25519", null).getPublic()));
    }
}
