package org.stellaops.attestor.api.policy;

import java.util.Objects;

/**
 * Another verified attestation found by an {@link AttestationLookup}.
 *
 * @param envelopeDigest {@code sha256:<hex>} of its envelope
 * @param predicateType its predicate type
 * @param trustedTime its trusted time
 */
public record RelatedAttestation(String envelopeDigest, String predicateType, TrustedTime trustedTime) {

    /**
     * @param envelopeDigest not null
     * @param predicateType not null
     * @param trustedTime not null ({@link TrustedTime#none()} when it has none)
     */
    public RelatedAttestation {
        Objects.requireNonNull(envelopeDigest, "envelopeDigest");
        Objects.requireNonNull(predicateType, "predicateType");
        Objects.requireNonNull(trustedTime, "trustedTime");
    }
}
