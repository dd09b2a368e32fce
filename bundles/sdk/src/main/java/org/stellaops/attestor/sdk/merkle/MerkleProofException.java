package org.stellaops.attestor.sdk.merkle;

import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.ErrorCodes;

/** A Merkle inclusion or consistency proof did not verify; code {@code merkle.invalid_proof}. */
public class MerkleProofException extends AttestorException {

    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message why the proof was rejected
     */
    public MerkleProofException(String message) {
        super(ErrorCodes.MERKLE_INVALID_PROOF, message);
    }
}
