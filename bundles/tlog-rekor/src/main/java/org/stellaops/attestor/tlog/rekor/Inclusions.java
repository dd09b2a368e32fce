package org.stellaops.attestor.tlog.rekor;

import java.net.URI;
import java.util.List;

import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.sdk.merkle.InclusionProofs;
import org.stellaops.attestor.sdk.merkle.MerkleProofException;
import org.stellaops.attestor.sdk.merkle.Rfc6962;

/** Verifies an entry's inclusion against a verified checkpoint and packages the proof. */
final class Inclusions {

    private Inclusions() {
    }

    /**
     * @param index the leaf index in the checkpoint's tree
     * @param body the entry bytes (the leaf)
     * @param hashes the audit path
     * @param checkpoint a verified checkpoint
     * @param errors of the log
     * @param from where the proof came from
     * @return the proof against the checkpoint's size and root
     * @throws org.stellaops.attestor.api.tlog.TransparencyLogException {@code tlog.bad_proof} if it does not verify
     */
    static InclusionProof verified(long index, byte[] body, List<byte[]> hashes, Checkpoint checkpoint, LogErrors errors,
            URI from) {
        if (index < 0 || index >= checkpoint.size()) {
            throw errors.badProof(from, "entry index " + index + " is outside the checkpoint's tree of size "
                    + checkpoint.size(), null);
        }
        try {
            InclusionProofs.verify(index, checkpoint.size(), Rfc6962.leafHash(body), hashes, checkpoint.rootHash().value());
        } catch (MerkleProofException e) {
            throw errors.badProof(from, "the inclusion proof of entry " + index + " does not verify against the "
                    + "checkpoint of size " + checkpoint.size() + ": " + e.getMessage(), e);
        }
        return new InclusionProof(index, checkpoint.size(), checkpoint.rootHash(), hashes.stream().map(Bytes::of).toList(),
                checkpoint.signedNote());
    }
}
