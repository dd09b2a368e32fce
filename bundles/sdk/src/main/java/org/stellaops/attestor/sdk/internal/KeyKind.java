package org.stellaops.attestor.sdk.internal;

import java.security.Key;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;

/** The key families the sdk knows, recognised on any provider's key objects. */
public enum KeyKind {
    /** Elliptic-curve keys (ECDSA). */
    EC,
    /** Ed25519 keys. */
    ED25519,
    /** RSA keys. */
    RSA,
    /** Anything else. */
    OTHER;

    /**
     * Classifies a key.
     *
     * @param key a public or private key from any provider
     * @return its family
     */
    public static KeyKind of(Key key) {
        if (key instanceof ECKey) {
            return EC;
        }
        if (key instanceof RSAKey) {
            return RSA;
        }
        String alg = key.getAlgorithm();
        if ("Ed25519".equalsIgnoreCase(alg)) {
            return ED25519;
        }
        if ("EdDSA".equalsIgnoreCase(alg)) {
            return isEd25519Encoding(key.getEncoded()) ? ED25519 : OTHER;
        }
        return OTHER;
    }

    /** Both the SPKI and the PKCS#8 encodings carry the Ed25519 OID 1.3.101.112 as 06 03 2b 65 70. */
    private static boolean isEd25519Encoding(byte[] der) {
        if (der == null) {
            return false;
        }
        for (int i = 0; i + 4 < der.length && i < 24; i++) {
            if (der[i] == 0x06 && der[i + 1] == 0x03 && der[i + 2] == 0x2b && der[i + 3] == 0x65
                    && der[i + 4] == 0x70) {
                return true;
            }
        }
        return false;
    }
}
