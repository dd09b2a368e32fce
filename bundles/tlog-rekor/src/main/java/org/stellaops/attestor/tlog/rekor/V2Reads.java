package org.stellaops.attestor.tlog.rekor;

import java.net.URI;
import java.security.MessageDigest;
import java.util.List;

import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.sdk.merkle.ConsistencyProofs;
import org.stellaops.attestor.sdk.merkle.MerkleProofException;

/**
 * Reads of a Rekor v2 log, all anchored in a verified, split-view-checked checkpoint: the latest checkpoint, and
 * inclusion and consistency proofs computed from tiles. Every root below the latest size is authenticated with a
 * consistency proof to the latest root before anything is proven against it.
 */
final class V2Reads {

    private final TileView tiles;
    private final CheckpointVerifier checkpoints;
    private final SplitViewGuard guard;
    private final LogErrors errors;

    V2Reads(TileView tiles, CheckpointVerifier checkpoints, SplitViewGuard guard, LogErrors errors) {
        this.tiles = tiles;
        this.checkpoints = checkpoints;
        this.guard = guard;
        this.errors = errors;
    }

    /**
     * Verifies a checkpoint the log presented and checks it against the trusted one (proofs from tiles).
     *
     * @param note the signed note
     * @param from where it came from
     * @return the checkpoint
     */
    Checkpoint accept(String note, URI from) {
        return trust(checkpoints.verify(note, from), from);
    }

    /**
     * Checks a verified checkpoint against the trusted one (proofs from tiles).
     *
     * @param checkpoint signature-checked checkpoint
     * @param from where it came from
     * @return the checkpoint
     */
    Checkpoint trust(Checkpoint checkpoint, URI from) {
        guard.check(checkpoint, from, tiles::consistency);
        return checkpoint;
    }

    /** @return the log's latest checkpoint, verified and consistent with the trusted one */
    Checkpoint latest() {
        return accept(tiles.checkpoint(), tiles.checkpointUri());
    }

    /**
     * @param index the leaf
     * @param size the tree size, at most the latest verified size
     * @return a verified proof; the note is the latest checkpoint's when {@code size} is older
     */
    InclusionProof inclusion(long index, long size) {
        Checkpoint latest = latest();
        if (index < 0 || size <= 0 || index >= size || size > latest.size()) {
            throw errors.badProofRequest(tiles.readUrl(), "cannot prove entry " + index + " in a tree of size " + size
                    + " (latest verified size " + latest.size() + ")");
        }
        byte[] root = authenticatedRoot(size, latest);
        Checkpoint anchor = size == latest.size() ? latest
                : new Checkpoint(latest.origin(), size, Bytes.of(root), List.of(), latest.signedNote());
        byte[] entry = tiles.entry(index, size);
        return Inclusions.verified(index, entry, tiles.inclusion(index, size), anchor, errors, tiles.readUrl());
    }

    /**
     * @param size1 older size
     * @param size2 newer size, at most the latest verified size
     * @return a verified consistency proof
     */
    List<Bytes> consistency(long size1, long size2) {
        Checkpoint latest = latest();
        if (size1 <= 0 || size1 > size2 || size2 > latest.size()) {
            throw errors.badProofRequest(tiles.readUrl(), "cannot prove consistency from size " + size1 + " to "
                    + size2 + " (latest verified size " + latest.size() + ")");
        }
        if (size1 == size2) {
            return List.of();
        }
        byte[] root1 = authenticatedRoot(size1, latest);
        byte[] root2 = authenticatedRoot(size2, latest);
        List<byte[]> proof = tiles.consistency(size1, size2);
        verifyConsistency(size1, size2, root1, root2, proof);
        return proof.stream().map(Bytes::of).toList();
    }

    /** The root of an older size, computed from tiles and proven to be a prefix of the latest verified tree. */
    private byte[] authenticatedRoot(long size, Checkpoint latest) {
        byte[] latestRoot = latest.rootHash().value();
        if (size == latest.size()) {
            return latestRoot;
        }
        byte[] root = tiles.root(size);
        verifyConsistency(size, latest.size(), root, latestRoot, tiles.consistency(size, latest.size()));
        return root;
    }

    private void verifyConsistency(long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof) {
        try {
            ConsistencyProofs.verify(size1, size2, root1, root2, proof);
        } catch (MerkleProofException e) {
            throw errors.badProof(tiles.readUrl(), "tiles give no valid consistency proof from size " + size1 + " to "
                    + size2 + ": " + e.getMessage(), e);
        }
        if (size1 == size2 && !MessageDigest.isEqual(root1, root2)) {
            throw errors.badProof(tiles.readUrl(), "tiles give two roots for size " + size1, null);
        }
    }
}
