package org.stellaops.attestor.keys.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stellaops.attestor.api.keys.KeyDriverException;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.KeyInfo;

/** Which algorithms the file driver generates, and the one it must never hold. */
class FileKeyDriverAlgorithmsTest {

    @TempDir
    Path dir;

    @Test
    void refusesToCreateWebAuthnKeysWhichOnlyASecurityKeyCanHold() {
        FileKeyDriver driver = new FileKeyDriver(dir, null);
        KeyDriverException e = assertThrows(KeyDriverException.class,
                () -> driver.createKey("fido", KeyAlgorithm.WEBAUTHN_ES256));
        assertEquals(KeyDriverException.UNSUPPORTED_ALGORITHM, e.code());
        assertEquals(1, driver.keys().size());
    }

    @Test
    void refusesToLoadAKeyFileClaimingAWebAuthnAlgorithm() throws IOException {
        KeyInfo key = new FileKeyDriver(dir, null).keys().get(0);
        Map<String, String> json = new java.util.LinkedHashMap<>(FlatJson.read(Files.readString(dir.resolve(key.keyId() + KeyFileCodec.SUFFIX))));
        json.put("algorithm", KeyAlgorithm.WEBAUTHN_ES256.name());
        Files.writeString(dir.resolve(key.keyId() + KeyFileCodec.SUFFIX), FlatJson.write(json));
        KeyDriverException e = assertThrows(KeyDriverException.class, () -> new FileKeyDriver(dir, null));
        assertEquals(KeyDriverException.DRIVER_FAILURE, e.code());
        assertTrue(e.getMessage().contains("does not hold WEBAUTHN_ES256 keys"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"RSA_PKCS1_SHA256", "RSA_PSS_SHA256"})
    void generatesRsaKeysOf3072Bits(KeyAlgorithm algorithm) throws Exception {
        KeyInfo key = new FileKeyDriver(dir, null).createKey("rsa", algorithm);
        java.security.interfaces.RSAPublicKey rsa = (java.security.interfaces.RSAPublicKey) KeyFactory
                .getInstance("RSA").generatePublic(new X509EncodedKeySpec(key.publicKey().value()));
        assertEquals(3072, rsa.getModulus().bitLength());
    }

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"ECDSA_P256_SHA256", "ECDSA_P384_SHA384"})
    void generatesEcdsaKeysOnTheCurveTheAlgorithmNames(KeyAlgorithm algorithm) throws Exception {
        KeyInfo key = new FileKeyDriver(dir, null).createKey("ec", algorithm);
        java.security.interfaces.ECPublicKey ec = (java.security.interfaces.ECPublicKey) KeyFactory
                .getInstance("EC").generatePublic(new X509EncodedKeySpec(key.publicKey().value()));
        assertEquals(algorithm == KeyAlgorithm.ECDSA_P256_SHA256 ? 256 : 384,
                ec.getParams().getCurve().getField().getFieldSize());
    }
}
