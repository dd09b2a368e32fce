package org.stellaops.attestor.api.keys;

import org.osgi.annotation.versioning.ConsumerType;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.KeyInfo;

/**
 * Verifies signatures of an algorithm whose signature bytes are more than a bare signature over the message, such as
 * a WebAuthn assertion ({@link KeyAlgorithm#WEBAUTHN_ES256}). Register as an OSGi service with the service property
 * {@value #ALGORITHM_PROPERTY} naming the {@link KeyAlgorithm}; without one, signatures of that algorithm never
 * verify (fail closed). Implementations must be thread-safe and must not block on a person.
 */
@ConsumerType
public interface SignatureVerifier {

    /** Service property naming the {@link KeyAlgorithm} constant the verifier handles. */
    String ALGORITHM_PROPERTY = "attestor.signature.algorithm";

    /** @return the algorithm handled */
    KeyAlgorithm algorithm();

    /**
     * Checks one signature. Never throws for a bad signature; only for a verifier that cannot work.
     *
     * @param key the trusted key the signature claims (its public key and id)
     * @param message the signed bytes (the DSSE PAE)
     * @param signature the signature bytes from the envelope
     * @return whether the signature is valid for that key and message
     */
    boolean verify(KeyInfo key, byte[] message, byte[] signature);
}
