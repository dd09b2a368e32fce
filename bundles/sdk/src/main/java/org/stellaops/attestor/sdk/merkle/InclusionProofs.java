package org.stellaops.attestor.sdk.merkle;

import java.security.MessageDigest;
import java.util.List;

/**
 * Verifies RFC 9162 section 2.1.3.2 inclusion proofs (audit paths, leaf sibling first).
 */
public final class InclusionProofs {

    private InclusionProofs() {
    }

    /**
     * Checks that {@code leafHash} is the leaf at {@code index} of the tree of {@code size} leaves whose root is
     * {@code root}.
     *
     * @param index the leaf index, 0 ≤ index &lt; size
     * @param size the tree size
     * @param leafHash the RFC 6962 leaf hash (32 bytes)
     * @param proof the audit path, each hash 32 bytes
     * @param root the expected root hash
     * @throws MerkleProofException if the proof does not verify or any input is out of range
     */
    public static void verify(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
        if (index < 0 || size <= 0 || index >= size) {
            throw new MerkleProofException("leaf index " + index + " is outside a tree of size " + size);
        }
        requireHash(leafHash, "leaf hash");
        if (root == null || proof == null) {
            throw new MerkleProofException("missing root or proof");
        }
        byte[] computed = rootFromPath(index, size, leafHash, proof);
        if (!MessageDigest.isEqual(computed, root)) {
            throw new MerkleProofException("inclusion proof leads to a different root");
        }
    }

    private static byte[] rootFromPath(long index, long size, byte[] leafHash, List<byte[]> proof) {
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            requireHash(p, "proof hash");
            if (sn == 0) {
                throw new MerkleProofException("inclusion proof is longer than the path to the root");
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = Rfc6962.nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                r = Rfc6962.nodeHash(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            throw new MerkleProofException("inclusion proof is shorter than the path to the root");
        }
        return r;
    }

    static void requireHash(byte[] hash, String what) {
        if (hash == null || hash.length != Rfc6962.HASH_LENGTH) {
            throw new MerkleProofException(what + " must be " + Rfc6962.HASH_LENGTH + " bytes");
        }
    }
}
