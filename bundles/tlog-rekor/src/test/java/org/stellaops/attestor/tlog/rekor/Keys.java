package org.stellaops.attestor.tlog.rekor;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;

import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.tlog.HashedRekordRequest;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.crypto.Signatures;

/** Real key pairs and real signed hashedrekord requests. */
final class Keys {

    private Keys() {
    }

    static KeyPair p256() {
        return generate("EC", new ECGenParameterSpec("secp256r1"), 0);
    }

    static KeyPair rsa3072() {
        return generate("RSA", null, 3072);
    }

    static KeyPair ed25519() {
        return generate("Ed25519", null, 0);
    }

    /**
     * @param signer the signer's key pair
     * @param alg its algorithm
     * @param message what is signed; the request's digest is its hash
     * @return a request whose signature verifies over the digest
     */
    static HashedRekordRequest request(KeyPair signer, KeyAlgorithm alg, String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        byte[] digest;
        try {
            digest = MessageDigest.getInstance(alg.hashAlgorithm()).digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return new HashedRekordRequest(Bytes.of(digest), Bytes.of(Signatures.sign(signer.getPrivate(), alg, bytes)),
                Bytes.of(PublicKeys.spki(signer.getPublic())), alg);
    }

    private static KeyPair generate(String algorithm, ECGenParameterSpec spec, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (spec != null) {
                generator.initialize(spec);
            } else if (bits > 0) {
                generator.initialize(bits);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
