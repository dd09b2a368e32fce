package org.stellaops.attestor.sdk.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.ErrorCodes;

/**
 * Converts keys of other providers into BouncyCastle keys, so that signature operations always run on BouncyCastle's
 * fast EC and EdDSA code (about 12× faster than the JDK's on Java 17).
 */
public final class BcKeys {

    private BcKeys() {
    }

    /**
     * Returns a BouncyCastle key equal to the given one.
     *
     * @param key any public key with an X.509 (SPKI) encoding
     * @return the same key object if it is already a BouncyCastle key, else a converted copy
     * @throws AttestorException {@code key.unsupported_algorithm} or {@code key.malformed} if it cannot be converted
     */
    public static PublicKey toBc(PublicKey key) {
        if (Bc.owns(key)) {
            return key;
        }
        byte[] der = key.getEncoded();
        if (der == null || !"X.509".equals(key.getFormat())) {
            throw new AttestorException(ErrorCodes.KEY_MALFORMED, "public key has no SPKI encoding");
        }
        try {
            return KeyFactory.getInstance(factoryName(KeyKind.of(key)), Bc.PROVIDER)
                    .generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new AttestorException(ErrorCodes.KEY_MALFORMED, "public key cannot be decoded", e);
        }
    }

    /**
     * Returns a BouncyCastle private key equal to the given one, or null when the key cannot leave its provider
     * (for example a non-extractable HSM key).
     *
     * @param key any private key
     * @return a BouncyCastle key, or null if the key has no PKCS#8 encoding
     */
    public static PrivateKey toBcOrNull(PrivateKey key) {
        if (Bc.owns(key)) {
            return key;
        }
        byte[] der = key.getEncoded();
        if (der == null || !"PKCS#8".equals(key.getFormat())) {
            return null;
        }
        try {
            return KeyFactory.getInstance(factoryName(KeyKind.of(key)), Bc.PROVIDER)
                    .generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new AttestorException(ErrorCodes.KEY_MALFORMED, "private key cannot be decoded", e);
        }
    }

    /**
     * The BouncyCastle KeyFactory name of a key family.
     *
     * @param kind the family
     * @return the factory name
     * @throws AttestorException {@code key.unsupported_algorithm} for unknown families
     */
    public static String factoryName(KeyKind kind) {
        switch (kind) {
            case EC:
                return "EC";
            case ED25519:
                return "Ed25519";
            case RSA:
                return "RSA";
            default:
                throw new AttestorException(ErrorCodes.KEY_UNSUPPORTED_ALGORITHM, "unsupported key type");
        }
    }
}
