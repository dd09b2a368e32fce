package org.stellaops.attestor.tlog.embedded;

import org.stellaops.attestor.api.model.Checkpoint;

/**
 * A tree state whose signed checkpoint is durable: what proofs and readers are served from.
 *
 * @param edge the tree's right edge
 * @param root its RFC 6962 root
 * @param note the signed checkpoint note
 * @param checkpoint the parsed note
 */
record PublishedTree(EdgeSnapshot edge, byte[] root, String note, Checkpoint checkpoint) {

    /** @return the tree size */
    long size() {
        return edge.size();
    }
}
