package org.stellaops.attestor.sdk;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.math.BigInteger;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.stellaops.attestor.api.model.KeyAlgorithm;

/** Real key pairs for tests; RSA generation is slow, so each kind is made once per test JVM. */
public final class TestKeys {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    public static final KeyPair P256 = ec("secp256r1");
    public static final KeyPair P384 = ec("secp384r1");
    public static final KeyPair ED25519 = generate("Ed25519", null);
    public static final KeyPair RSA2048 = rsa(2048);

    private static KeyPair rsa3072;

    private TestKeys() {
    }

    public static synchronized KeyPair rsa3072() {
        if (rsa3072 == null) {
            rsa3072 = rsa(3072);
        }
        return rsa3072;
    }

    public static KeyPair ec(String curve) {
        return generate("EC", new ECGenParameterSpec(curve));
    }

    public static KeyPair rsa(int bits) {
        return generate("RSA", new RSAKeyGenParameterSpec(bits, BigInteger.valueOf(65537)));
    }

    /** A key pair made by the JDK's own providers (SunEC, SunRsaSign), not BouncyCastle. */
    public static KeyPair jdk(String algorithm, java.security.spec.AlgorithmParameterSpec spec) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if (spec != null) {
                g.initialize(spec);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair forAlgorithm(KeyAlgorithm alg) {
        switch (alg) {
            case ECDSA_P256_SHA256:
                return P256;
            case ECDSA_P384_SHA384:
                return P384;
            case ED25519:
                return ED25519;
            default:
                return RSA2048;
        }
    }

    private static KeyPair generate(String algorithm, java.security.spec.AlgorithmParameterSpec spec) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm, BC);
            if (spec != null) {
                g.initialize(spec);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
