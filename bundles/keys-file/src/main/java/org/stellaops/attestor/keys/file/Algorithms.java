package org.stellaops.attestor.keys.file;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.EnumSet;
import java.util.Set;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.stellaops.attestor.api.model.KeyAlgorithm;

/**
 * Key generation, key decoding and signature engines per {@link KeyAlgorithm}, all through one private
 * BouncyCastle provider instance (never registered globally, so other bundles' JCA lookups are unaffected).
 */
final class Algorithms {

    /**
     * Every algorithm this driver creates and signs with. {@link KeyAlgorithm#WEBAUTHN_ES256} is not among them: its
     * signatures are assertions made by a security key, which a key held in a file cannot produce.
     */
    static final Set<KeyAlgorithm> SUPPORTED = EnumSet.of(KeyAlgorithm.ECDSA_P256_SHA256,
            KeyAlgorithm.ECDSA_P384_SHA384, KeyAlgorithm.ED25519, KeyAlgorithm.RSA_PKCS1_SHA256,
            KeyAlgorithm.RSA_PSS_SHA256);

    /** RSA keys are 3072 bits: 128-bit security, like P-256. */
    static final int RSA_BITS = 3072;

    private static final Provider BC = new BouncyCastleProvider();
    private static final byte[] PROBE =
            "stellaops attestor keys-file key pair probe".getBytes(StandardCharsets.US_ASCII);

    private Algorithms() {
    }

    static KeyPair generate(KeyAlgorithm algorithm, SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance(keyFactoryName(algorithm), BC);
        switch (algorithm) {
            case ECDSA_P256_SHA256 -> gen.initialize(new ECGenParameterSpec("secp256r1"), random);
            case ECDSA_P384_SHA384 -> gen.initialize(new ECGenParameterSpec("secp384r1"), random);
            case RSA_PKCS1_SHA256, RSA_PSS_SHA256 ->
                    gen.initialize(new RSAKeyGenParameterSpec(RSA_BITS, RSAKeyGenParameterSpec.F4), random);
            case ED25519 -> gen.initialize(255, random);
            default -> throw unsupported(algorithm);
        }
        return gen.generateKeyPair();
    }

    static PublicKey publicKey(KeyAlgorithm algorithm, byte[] spki) throws GeneralSecurityException {
        return KeyFactory.getInstance(keyFactoryName(algorithm), BC).generatePublic(new X509EncodedKeySpec(spki));
    }

    static PrivateKey privateKey(KeyAlgorithm algorithm, byte[] pkcs8) throws GeneralSecurityException {
        return KeyFactory.getInstance(keyFactoryName(algorithm), BC).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }

    /**
     * @param key the private key
     * @param algorithm its algorithm
     * @param message the bytes; hashed as the algorithm requires (Ed25519 signs them directly)
     * @return ASN.1 DER for ECDSA, raw 64 bytes for Ed25519, the RSA signature block for RSA
     * @throws GeneralSecurityException on failure
     */
    static byte[] sign(PrivateKey key, KeyAlgorithm algorithm, byte[] message) throws GeneralSecurityException {
        Signature sig = engine(algorithm);
        sig.initSign(key);
        sig.update(message);
        return sig.sign();
    }

    static boolean verify(PublicKey key, KeyAlgorithm algorithm, byte[] message, byte[] signature)
            throws GeneralSecurityException {
        Signature sig = engine(algorithm);
        sig.initVerify(key);
        sig.update(message);
        return sig.verify(signature);
    }

    /**
     * Proves that two keys are one pair by signing a probe with the private key and verifying it with the public key.
     *
     * @param privateKey the private key
     * @param publicKey the public key
     * @param algorithm their algorithm
     * @return whether the public key verifies the private key's signature
     * @throws GeneralSecurityException on a JCA failure
     */
    static boolean isPair(PrivateKey privateKey, PublicKey publicKey, KeyAlgorithm algorithm)
            throws GeneralSecurityException {
        return verify(publicKey, algorithm, PROBE, sign(privateKey, algorithm, PROBE));
    }

    private static Signature engine(KeyAlgorithm algorithm) throws GeneralSecurityException {
        return switch (algorithm) {
            case ECDSA_P256_SHA256 -> Signature.getInstance("SHA256withECDSA", BC);
            case ECDSA_P384_SHA384 -> Signature.getInstance("SHA384withECDSA", BC);
            case ED25519 -> Signature.getInstance("Ed25519", BC);
            case RSA_PKCS1_SHA256 -> Signature.getInstance("SHA256withRSA", BC);
            case RSA_PSS_SHA256 -> {
                Signature pss = Signature.getInstance("SHA256withRSAandMGF1", BC);
                pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                yield pss;
            }
            case WEBAUTHN_ES256 -> throw unsupported(algorithm);
        };
    }

    private static String keyFactoryName(KeyAlgorithm algorithm) throws NoSuchAlgorithmException {
        return switch (algorithm) {
            case ECDSA_P256_SHA256, ECDSA_P384_SHA384 -> "EC";
            case ED25519 -> "Ed25519";
            case RSA_PKCS1_SHA256, RSA_PSS_SHA256 -> "RSA";
            case WEBAUTHN_ES256 -> throw unsupported(algorithm);
        };
    }

    private static NoSuchAlgorithmException unsupported(KeyAlgorithm algorithm) {
        return new NoSuchAlgorithmException("the file driver does not hold " + algorithm + " keys");
    }
}
