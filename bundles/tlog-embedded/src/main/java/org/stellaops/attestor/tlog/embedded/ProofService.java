package org.stellaops.attestor.tlog.embedded;

import java.util.List;

import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.checkpoint.Checkpoints;
import org.stellaops.attestor.sdk.merkle.ProofBuilder;

/**
 * Inclusion and consistency proofs from the latest published tree; every proof comes with the signed note of
 * its own tree size, taken from the checkpoint history for older sizes.
 */
final class ProofService {

    private final TileCache cache;

    ProofService(TileCache cache) {
        this.cache = cache;
    }

    /**
     * @param state the open log
     * @param tree the published tree to prove against (its size or a published size below it)
     * @param index leaf index
     * @param size a published tree size, {@code index < size <= tree.size()}
     * @return the proof with the note for {@code size}
     */
    InclusionProof inclusion(LogState state, PublishedTree tree, long index, long size) {
        if (index < 0 || size <= index || size > tree.size()) {
            throw LogErrors.badRequest("no inclusion proof for index " + index + " in size " + size
                    + " (published size " + tree.size() + ")");
        }
        String note;
        Bytes root;
        if (size == tree.size()) {
            note = tree.note();
            root = Bytes.of(tree.root());
        } else {
            note = state.checkpoints.note(size)
                    .orElseThrow(() -> LogErrors.badRequest("no checkpoint was published for size " + size));
            root = parseRoot(note);
        }
        List<byte[]> path = ProofBuilder.inclusion(index, size, new TreeHashes(tree.edge(), cache));
        return new InclusionProof(index, size, root, path.stream().map(Bytes::of).toList(), note);
    }

    /**
     * @param tree the published tree
     * @param from older size, {@code 0 < from <= to}
     * @param to newer size, at most the published size
     * @return the RFC 9162 consistency proof
     */
    List<Bytes> consistency(PublishedTree tree, long from, long to) {
        if (from <= 0 || to < from || to > tree.size()) {
            throw LogErrors.badRequest("no consistency proof from " + from + " to " + to + " (published size "
                    + tree.size() + ")");
        }
        if (from == to) {
            return List.of();
        }
        return ProofBuilder.consistency(from, to, new TreeHashes(tree.edge(), cache)).stream().map(Bytes::of).toList();
    }

    private static Bytes parseRoot(String note) {
        try {
            return Checkpoints.parse(note).rootHash();
        } catch (AttestorException e) {
            throw LogErrors.corrupt("a checkpoint in the history cannot be parsed: " + e.getMessage());
        }
    }
}
