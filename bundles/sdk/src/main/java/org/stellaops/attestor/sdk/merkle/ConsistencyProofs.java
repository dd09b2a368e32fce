package org.stellaops.attestor.sdk.merkle;

import java.security.MessageDigest;
import java.util.List;

/**
 * Verifies RFC 9162 section 2.1.4.2 consistency proofs between two tree sizes.
 */
public final class ConsistencyProofs {

    private ConsistencyProofs() {
    }

    /**
     * Checks that the tree of {@code size2} leaves with root {@code root2} extends the tree of {@code size1} leaves
     * with root {@code root1}. A consistency proof from the empty tree proves nothing and is rejected; equal sizes
     * need an empty proof and identical roots.
     *
     * @param size1 the older size, at least 1
     * @param size2 the newer size, at least size1
     * @param root1 the older root
     * @param root2 the newer root
     * @param proof the consistency proof, each hash 32 bytes
     * @throws MerkleProofException if the proof does not verify or any input is out of range
     */
    public static void verify(long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof) {
        if (size1 <= 0) {
            throw new MerkleProofException("a consistency proof needs an old size of at least 1, got " + size1);
        }
        if (size2 < size1) {
            throw new MerkleProofException("new size " + size2 + " is smaller than old size " + size1);
        }
        if (root1 == null || root2 == null || proof == null) {
            throw new MerkleProofException("missing root or proof");
        }
        if (size1 == size2) {
            if (!proof.isEmpty()) {
                throw new MerkleProofException("equal sizes need an empty consistency proof");
            }
            if (!MessageDigest.isEqual(root1, root2)) {
                throw new MerkleProofException("equal sizes but different roots");
            }
            return;
        }
        if (proof.isEmpty()) {
            throw new MerkleProofException("empty consistency proof for different sizes");
        }
        InclusionProofs.requireHash(root1, "old root");
        InclusionProofs.requireHash(root2, "new root");
        for (byte[] p : proof) {
            InclusionProofs.requireHash(p, "proof hash");
        }
        fold(size1, size2, root1, root2, proof);
    }

    private static void fold(long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof) {
        boolean powerOfTwo = (size1 & (size1 - 1)) == 0;
        int next = powerOfTwo ? 0 : 1;
        byte[] first = powerOfTwo ? root1 : proof.get(0);
        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        byte[] fr = first;
        byte[] sr = first;
        for (int i = next; i < proof.size(); i++) {
            byte[] c = proof.get(i);
            if (sn == 0) {
                throw new MerkleProofException("consistency proof is longer than needed");
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = Rfc6962.nodeHash(c, fr);
                sr = Rfc6962.nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                sr = Rfc6962.nodeHash(sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            throw new MerkleProofException("consistency proof is shorter than needed");
        }
        if (!MessageDigest.isEqual(fr, root1)) {
            throw new MerkleProofException("consistency proof does not lead to the old root");
        }
        if (!MessageDigest.isEqual(sr, root2)) {
            throw new MerkleProofException("consistency proof does not lead to the new root");
        }
    }
}
