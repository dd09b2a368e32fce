package org.stellaops.attestor.tlog.embedded;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;

import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.tlog.HashedRekordRequest;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.crypto.Signatures;

/**
 * Real signers of each algorithm, producing hashedrekord requests as a Sigstore client does: the signature is
 * over the artifact, the digest is the artifact's hash with the algorithm's hash function.
 */
enum Signers {
    P256(KeyAlgorithm.ECDSA_P256_SHA256, "EC", 256),
    RSA3072(KeyAlgorithm.RSA_PKCS1_SHA256, "RSA", 3072),
    RSA_PSS3072(KeyAlgorithm.RSA_PSS_SHA256, "RSA", 3072),
    ED25519(KeyAlgorithm.ED25519, "Ed25519", 0);

    private final KeyAlgorithm algorithm;
    private final KeyPair keys;

    Signers(KeyAlgorithm algorithm, String keyType, int bits) {
        this.algorithm = algorithm;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(keyType);
            if (bits > 0) {
                generator.initialize(bits);
            }
            this.keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return a request for the artifact {@code text} */
    HashedRekordRequest request(String text) {
        byte[] artifact = text.getBytes(StandardCharsets.UTF_8);
        try {
            byte[] digest = MessageDigest.getInstance(algorithm.hashAlgorithm()).digest(artifact);
            return new HashedRekordRequest(Bytes.of(digest), Bytes.of(Signatures.sign(keys.getPrivate(), algorithm, artifact)),
                    Bytes.of(PublicKeys.spki(keys.getPublic())), algorithm);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
