package org.stellaops.attestor.api.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * One witness cosignature (C2SP {@code cosignature/v1}) on a checkpoint.
 *
 * @param witness the witness's name, as the deployment knows it
 * @param keyId the hex key hint of the cosignature line
 * @param timestamp the cosignature's timestamp, or null when it could not be read
 * @param valid whether the signature verified with the known key of that witness over this checkpoint
 */
public record CosignatureEvidence(String witness, String keyId, Instant timestamp, boolean valid) {

    /**
     * @param witness not empty
     * @param keyId null reads as empty
     * @param timestamp may be null
     * @param valid flag
     */
    public CosignatureEvidence {
        Objects.requireNonNull(witness, "witness");
        if (witness.isEmpty()) {
            throw new IllegalArgumentException("a cosignature names its witness");
        }
        keyId = keyId == null ? "" : keyId;
    }
}
