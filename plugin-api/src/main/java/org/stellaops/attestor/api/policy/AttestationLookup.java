package org.stellaops.attestor.api.policy;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.stellaops.attestor.api.model.Digest;

/**
 * Finds other attestations about the same artifact, for rules such as "the VEX is newer than the scan". The platform
 * supplies it with the context; it answers from the same tenant's stored, verified records only, and must answer the
 * same question the same way for the duration of one evaluation.
 */
@ProviderType
@FunctionalInterface
public interface AttestationLookup {

    /** A lookup that finds nothing (offline verification without a store). */
    AttestationLookup NONE = (predicateType, subject) -> Optional.empty();

    /**
     * @param predicateType the exact predicate type URI
     * @param subject a subject digest
     * @return the attestation of that type about that subject with the newest trusted time, if any
     */
    Optional<RelatedAttestation> newest(String predicateType, Digest subject);
}
