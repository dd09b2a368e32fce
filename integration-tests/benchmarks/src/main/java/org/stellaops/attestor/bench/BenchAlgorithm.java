package org.stellaops.attestor.bench;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

import org.stellaops.attestor.api.model.KeyAlgorithm;

/**
 * The signer kinds the benchmarks and the load driver use, each with the DSSE signature algorithm it maps to.
 * Keys come from the JDK's generators: the sdk must accept keys from any provider, not only its own.
 */
public enum BenchAlgorithm {
    /** ECDSA on P-256 with SHA-256, the common cosign default. */
    ECDSA_P256(KeyAlgorithm.ECDSA_P256_SHA256),
    /** Pure Ed25519. */
    ED25519(KeyAlgorithm.ED25519),
    /** RSA-3072 with PKCS#1 v1.5 and SHA-256. */
    RSA_3072(KeyAlgorithm.RSA_PKCS1_SHA256);

    private static final int RSA_BITS = 3072;

    private final KeyAlgorithm keyAlgorithm;

    BenchAlgorithm(KeyAlgorithm keyAlgorithm) {
        this.keyAlgorithm = keyAlgorithm;
    }

    /** @return the DSSE signature algorithm of this signer kind */
    public KeyAlgorithm keyAlgorithm() {
        return keyAlgorithm;
    }

    /**
     * Generates a fresh key pair.
     *
     * @return a new key pair of this kind
     * @throws IllegalStateException if the JDK lacks the algorithm (it does not on Java 17)
     */
    public KeyPair generate() {
        try {
            switch (this) {
                case ECDSA_P256: {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec("secp256r1"));
                    return g.generateKeyPair();
                }
                case ED25519:
                    return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                default: {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(RSA_BITS);
                    return g.generateKeyPair();
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate " + this + " keys", e);
        }
    }
}
