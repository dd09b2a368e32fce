package org.stellaops.attestor.sdk.dsse;

import java.security.PublicKey;
import java.util.Objects;

import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.internal.BcKeys;

/**
 * A key the verifier trusts, with the ID it reports when the key verifies a signature.
 *
 * @param keyId the trusted key's ID (often {@link PublicKeys#keyId(PublicKey)}); matched against DSSE keyid hints
 * @param key the public key (converted to a BouncyCastle key once, here, so verification needs no conversion)
 * @param algorithm the algorithm the key signs with
 * @param verifier how to check a signature when it is not a bare signature of {@code algorithm} (a WebAuthn
 *                 assertion), or null to check it with the algorithm
 */
public record TrustedSigner(String keyId, PublicKey key, KeyAlgorithm algorithm, Verifier verifier) {

    /** Checks a signature whose format the sdk does not know, for example a WebAuthn assertion. */
    @FunctionalInterface
    public interface Verifier {
        /**
         * @param message the signed bytes (the PAE)
         * @param signature the signature bytes
         * @return whether it is valid; false, never an exception, for a bad signature
         */
        boolean verify(byte[] message, byte[] signature);
    }

    /**
     * A signer whose signatures are bare signatures of its algorithm.
     *
     * @param keyId non-empty
     * @param key not null
     * @param algorithm compatible with the key
     */
    public TrustedSigner(String keyId, PublicKey key, KeyAlgorithm algorithm) {
        this(keyId, key, algorithm, null);
    }


    /**
     * Validates the signer.
     *
     * @param keyId non-empty
     * @param key not null
     * @param algorithm compatible with the key
     * @throws AttestorException {@code key.unsupported_algorithm} or {@code key.too_weak} if key and algorithm
     *         do not go together
     */
    public TrustedSigner {
        Objects.requireNonNull(keyId, "keyId");
        if (keyId.isEmpty()) {
            throw new IllegalArgumentException("a trusted signer needs a key id");
        }
        Objects.requireNonNull(algorithm, "algorithm");
        PublicKeys.checkCompatible(Objects.requireNonNull(key, "key"), algorithm);
        key = BcKeys.toBc(key);
    }

    /**
     * A signer for a key with its default algorithm and its SPKI-digest key ID.
     *
     * @param key the public key
     * @return the signer
     */
    public static TrustedSigner of(PublicKey key) {
        return new TrustedSigner(PublicKeys.keyId(key), key, PublicKeys.defaultAlgorithm(key));
    }
}
