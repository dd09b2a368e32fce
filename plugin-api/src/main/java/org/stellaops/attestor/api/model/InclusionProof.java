package org.stellaops.attestor.api.model;

import java.util.List;
import java.util.Objects;

/**
 * An RFC 6962 / RFC 9162 inclusion proof of one leaf in a tree of {@code treeSize} leaves, with the signed
 * checkpoint that commits to that tree.
 *
 * @param logIndex the zero-based index of the leaf
 * @param treeSize the size of the tree the proof is for
 * @param rootHash the root hash of that tree (taken from the checkpoint; 32 bytes)
 * @param hashes the audit path, leaf side first
 * @param checkpoint the signed checkpoint note for {@code treeSize}
 */
public record InclusionProof(long logIndex, long treeSize, Bytes rootHash, List<Bytes> hashes, String checkpoint) {
    /**
     * Validates and copies.
     *
     * @param logIndex {@code 0 <= logIndex < treeSize}
     * @param treeSize positive
     * @param rootHash 32 bytes
     * @param hashes not null
     * @param checkpoint not null
     */
    public InclusionProof {
        if (logIndex < 0 || treeSize <= logIndex) {
            throw new IllegalArgumentException("logIndex must be in [0, treeSize)");
        }
        Objects.requireNonNull(rootHash, "rootHash");
        hashes = List.copyOf(hashes);
        Objects.requireNonNull(checkpoint, "checkpoint");
    }
}
