package org.stellaops.attestor.sdk.rekor;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.HexFormat;

import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.sdk.internal.Bc;
import org.stellaops.attestor.sdk.internal.BcKeys;

/**
 * Verifies a signature over a message the verifier only knows by its digest, as a Rekor log does for hashedrekord:
 * ECDSA signs the digest directly, and RSA PKCS#1 v1.5 signs the DER DigestInfo that wraps it.
 */
final class Prehash {

    /** DER DigestInfo prefix for SHA-256 (RFC 8017 section 9.2, note 1). */
    private static final byte[] SHA256_DIGEST_INFO = HexFormat.of().parseHex("3031300d060960864801650304020105000420");

    private Prehash() {
    }

    /**
     * Checks a signature over a digest.
     *
     * @param key the signer's key, compatible with {@code alg}
     * @param alg ECDSA P-256, ECDSA P-384 or RSA PKCS#1 v1.5 with SHA-256
     * @param digest the message digest, of the algorithm's hash length
     * @param signature DER ECDSA or raw RSA signature bytes
     * @return true if it verifies; false for a wrong or malformed signature
     */
    static boolean verify(PublicKey key, KeyAlgorithm alg, byte[] digest, byte[] signature) {
        boolean rsa = alg == KeyAlgorithm.RSA_PKCS1_SHA256;
        if (!rsa && alg != KeyAlgorithm.ECDSA_P256_SHA256 && alg != KeyAlgorithm.ECDSA_P384_SHA384) {
            throw new IllegalArgumentException("no prehash verification for " + alg);
        }
        byte[] input = rsa ? digestInfo(digest) : digest;
        try {
            Signature verifier = Signature.getInstance(rsa ? "NONEwithRSA" : "NONEwithECDSA", Bc.PROVIDER);
            verifier.initVerify(BcKeys.toBc(key));
            verifier.update(input);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            // An undecodable signature is simply not a valid one.
            return false;
        }
    }

    private static byte[] digestInfo(byte[] digest) {
        byte[] input = new byte[SHA256_DIGEST_INFO.length + digest.length];
        System.arraycopy(SHA256_DIGEST_INFO, 0, input, 0, SHA256_DIGEST_INFO.length);
        System.arraycopy(digest, 0, input, SHA256_DIGEST_INFO.length, digest.length);
        return input;
    }
}
