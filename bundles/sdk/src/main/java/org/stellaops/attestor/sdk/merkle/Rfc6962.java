package org.stellaops.attestor.sdk.merkle;

import org.stellaops.attestor.sdk.internal.Hashing;

/**
 * RFC 6962 section 2.1 hashing with SHA-256: leaves and interior nodes are domain-separated by a prefix byte so that
 * a leaf can never be passed off as a node.
 */
public final class Rfc6962 {

    /** Length in bytes of every hash in the tree. */
    public static final int HASH_LENGTH = 32;

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;
    private static final byte[] EMPTY_ROOT = Hashing.sha256(new byte[0]);

    private Rfc6962() {
    }

    /**
     * Hashes a leaf.
     *
     * @param data the leaf data (for Rekor, the canonical entry body)
     * @return SHA-256(0x00 ‖ data)
     */
    public static byte[] leafHash(byte[] data) {
        return Hashing.sha256(LEAF_PREFIX, data);
    }

    /**
     * Hashes an interior node.
     *
     * @param left the left child hash
     * @param right the right child hash
     * @return SHA-256(0x01 ‖ left ‖ right)
     */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        return Hashing.sha256(NODE_PREFIX, left, right);
    }

    /** @return the root of the empty tree, SHA-256 of the empty string */
    public static byte[] emptyRoot() {
        return EMPTY_ROOT.clone();
    }
}
