package org.stellaops.attestor.api.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * What verification found for one entry of the attestation in one transparency log.
 *
 * @param logId the log's id, lowercase hex
 * @param origin the log's checkpoint origin
 * @param logIndex the entry's index
 * @param signatureIndex the envelope signature the entry covers, or -1 when unknown
 * @param bodyVerified whether the logged body is what that signature must be logged as
 * @param inclusionVerified whether the inclusion proof verified against {@code proofRootHash}
 * @param proofTreeSize the tree size the inclusion proof is for
 * @param proofRootHash the root the inclusion proof was verified against, lowercase hex
 * @param checkpoint the signed checkpoint that root must come from
 * @param integratedTime the integration time the log vouches for, or null (Rekor v2 and tile logs give none)
 */
public record LogEvidence(String logId, String origin, long logIndex, int signatureIndex, boolean bodyVerified,
                          boolean inclusionVerified, long proofTreeSize, String proofRootHash,
                          CheckpointEvidence checkpoint, Instant integratedTime) {

    /**
     * @param logId not null
     * @param origin not null
     * @param logIndex not negative
     * @param signatureIndex -1 or more
     * @param bodyVerified flag
     * @param inclusionVerified flag
     * @param proofTreeSize not negative
     * @param proofRootHash not null
     * @param checkpoint not null
     * @param integratedTime may be null
     */
    public LogEvidence {
        Objects.requireNonNull(logId, "logId");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(proofRootHash, "proofRootHash");
        Objects.requireNonNull(checkpoint, "checkpoint");
        if (logIndex < 0 || signatureIndex < -1 || proofTreeSize < 0) {
            throw new IllegalArgumentException("negative index or size");
        }
    }

    /**
     * @param ref a log reference of a policy
     * @return whether it names this log: its origin or its log id
     */
    public boolean matches(String ref) {
        return ref.equals(origin) || ref.equals(logId);
    }

    /**
     * @return whether the proof was made against exactly the checkpoint given (same tree size and root): a proof
     *         against one tree head presented with another is inconsistent evidence
     */
    public boolean proofMatchesCheckpoint() {
        return proofTreeSize == checkpoint.size() && proofRootHash.equals(checkpoint.rootHash());
    }

    /**
     * @return whether the entry is verified: body, inclusion, checkpoint signature, the proof matches the checkpoint,
     *         and no inconsistency was found
     */
    public boolean verified() {
        return bodyVerified && inclusionVerified && checkpoint.signatureVerified() && proofMatchesCheckpoint()
                && checkpoint.consistency() != Consistency.INCONSISTENT;
    }
}
