package org.stellaops.attestor.api.tlog;

import java.util.Objects;

import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.KeyAlgorithm;

/**
 * What gets logged for one DSSE signature: a Rekor v2 {@code hashedrekord} v0.0.2 request.
 *
 * @param digest the hash of PAE(payloadType, payload) with the algorithm's hash
 * @param signature the DSSE signature bytes
 * @param publicKey the signer's DER SubjectPublicKeyInfo
 * @param algorithm the signer's algorithm; its default {@code keyDetails} go into the entry
 */
public record HashedRekordRequest(Bytes digest, Bytes signature, Bytes publicKey, KeyAlgorithm algorithm) {
    /**
     * Validates the parts.
     *
     * @param digest not null
     * @param signature not null
     * @param publicKey not null
     * @param algorithm not null
     */
    public HashedRekordRequest {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(algorithm, "algorithm");
    }
}
