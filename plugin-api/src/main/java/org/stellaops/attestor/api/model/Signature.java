package org.stellaops.attestor.api.model;

import java.util.Objects;

/**
 * One DSSE signature.
 *
 * @param keyId the optional, untrusted key hint of the signer ({@code ""} when absent); never a reason to trust a key
 * @param sig the raw signature bytes over PAE(payloadType, payload)
 */
public record Signature(String keyId, Bytes sig) {
    /**
     * Normalises a null key id to the empty string.
     *
     * @param keyId hint, may be null
     * @param sig signature bytes, not null
     */
    public Signature {
        keyId = keyId == null ? "" : keyId;
        Objects.requireNonNull(sig, "sig");
    }
}
