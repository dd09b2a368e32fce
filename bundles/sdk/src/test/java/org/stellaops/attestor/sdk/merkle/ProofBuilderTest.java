package org.stellaops.attestor.sdk.merkle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Checks ProofBuilder against a naive, recursive transcription of RFC 6962 section 2.1 over explicit leaf lists.
 */
class ProofBuilderTest {

    private static final int MAX_SIZE = 70;
    private static final List<byte[]> LEAVES = leaves(MAX_SIZE);

    private static List<byte[]> leaves(int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Rfc6962.leafHash(("leaf-" + i).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    private static int k(int n) {
        int k = 1;
        while (k << 1 < n) {
            k <<= 1;
        }
        return k;
    }

    /** MTH(D[n]) of RFC 6962 section 2.1, over leaf hashes. */
    static byte[] mth(List<byte[]> d) {
        if (d.isEmpty()) {
            return Rfc6962.emptyRoot();
        }
        if (d.size() == 1) {
            return d.get(0);
        }
        int k = k(d.size());
        return Rfc6962.nodeHash(mth(d.subList(0, k)), mth(d.subList(k, d.size())));
    }

    /** PATH(m, D[n]) of RFC 6962 section 2.1.1. */
    static List<byte[]> path(int m, List<byte[]> d) {
        List<byte[]> out = new ArrayList<>();
        if (d.size() <= 1) {
            return out;
        }
        int k = k(d.size());
        if (m < k) {
            out.addAll(path(m, d.subList(0, k)));
            out.add(mth(d.subList(k, d.size())));
        } else {
            out.addAll(path(m - k, d.subList(k, d.size())));
            out.add(mth(d.subList(0, k)));
        }
        return out;
    }

    /** SUBPROOF(m, D[n], b) of RFC 6962 section 2.1.2. */
    static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
        List<byte[]> out = new ArrayList<>();
        int n = d.size();
        if (m == n) {
            if (!b) {
                out.add(mth(d));
            }
            return out;
        }
        int k = k(n);
        if (m <= k) {
            out.addAll(subproof(m, d.subList(0, k), b));
            out.add(mth(d.subList(k, n)));
        } else {
            out.addAll(subproof(m - k, d.subList(k, n), false));
            out.add(mth(d.subList(0, k)));
        }
        return out;
    }

    /** Complete-subtree source that refuses any subtree reaching past the tree being proven. */
    static SubtreeHashes subtrees(long size) {
        return (level, index) -> {
            long start = index << level;
            long end = start + (1L << level);
            if (level < 0 || start < 0 || end > size) {
                throw new AssertionError("subtree " + level + "/" + index + " is outside a tree of size " + size);
            }
            return mth(LEAVES.subList((int) start, (int) end));
        };
    }

    private static void assertSameHashes(List<byte[]> expected, List<byte[]> actual, String what) {
        assertEquals(expected.size(), actual.size(), what + " length");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), what + " element " + i);
        }
    }

    @Test
    void rootMatchesNaiveTreeHashForEverySizeUpTo70() {
        for (int n = 0; n <= MAX_SIZE; n++) {
            assertArrayEquals(mth(LEAVES.subList(0, n)), ProofBuilder.root(n, subtrees(n)), "size " + n);
        }
    }

    @Test
    void inclusionProofsMatchNaivePathsAndVerifyForEveryIndexOfEverySizeUpTo70() {
        int checked = 0;
        for (int n = 1; n <= MAX_SIZE; n++) {
            List<byte[]> d = LEAVES.subList(0, n);
            byte[] root = mth(d);
            for (int m = 0; m < n; m++) {
                List<byte[]> proof = ProofBuilder.inclusion(m, n, subtrees(n));
                assertSameHashes(path(m, d), proof, "inclusion " + m + "/" + n);
                long index = m;
                long size = n;
                byte[] leaf = d.get(m);
                assertDoesNotThrow(() -> InclusionProofs.verify(index, size, leaf, proof, root));
                checked++;
            }
        }
        assertEquals(MAX_SIZE * (MAX_SIZE + 1) / 2, checked);
    }

    @Test
    void consistencyProofsMatchNaiveSubproofsAndVerifyForEverySizePairUpTo70() {
        int checked = 0;
        for (int n = 1; n <= MAX_SIZE; n++) {
            List<byte[]> d = LEAVES.subList(0, n);
            byte[] root2 = mth(d);
            for (int m = 1; m <= n; m++) {
                List<byte[]> proof = ProofBuilder.consistency(m, n, subtrees(n));
                assertSameHashes(subproof(m, d, true), proof, "consistency " + m + "→" + n);
                long size1 = m;
                long size2 = n;
                byte[] root1 = mth(d.subList(0, m));
                assertDoesNotThrow(() -> ConsistencyProofs.verify(size1, size2, root1, root2, proof));
                checked++;
            }
        }
        assertEquals(MAX_SIZE * (MAX_SIZE + 1) / 2, checked);
    }

    @Test
    void builtInclusionProofFailsForAnotherLeaf() {
        List<byte[]> proof = ProofBuilder.inclusion(5, 13, subtrees(13));
        byte[] root = mth(LEAVES.subList(0, 13));
        assertThrows(MerkleProofException.class, () -> InclusionProofs.verify(5, 13, LEAVES.get(6), proof, root));
    }

    @Test
    void builtConsistencyProofFailsAgainstAnotherOldRoot() {
        List<byte[]> proof = ProofBuilder.consistency(6, 13, subtrees(13));
        byte[] root2 = mth(LEAVES.subList(0, 13));
        byte[] wrongRoot1 = mth(LEAVES.subList(1, 7));
        assertThrows(MerkleProofException.class, () -> ConsistencyProofs.verify(6, 13, wrongRoot1, root2, proof));
    }

    @Test
    void consistencyFromEmptyTreeIsAnEmptyProof() {
        assertTrue(ProofBuilder.consistency(0, 9, subtrees(9)).isEmpty());
    }

    @Test
    void rejectsInclusionRequestOutsideTheTree() {
        assertThrows(IllegalArgumentException.class, () -> ProofBuilder.inclusion(9, 9, subtrees(9)));
        assertThrows(IllegalArgumentException.class, () -> ProofBuilder.inclusion(-1, 9, subtrees(9)));
    }

    @Test
    void rejectsConsistencyRequestWithShrinkingSize() {
        assertThrows(IllegalArgumentException.class, () -> ProofBuilder.consistency(10, 9, subtrees(10)));
    }

    @Test
    void requestsOnlyLogarithmicallyManySubtreesForAHugeTree() {
        long size = (1L << 40) + 12345;
        int[] calls = {0};
        SubtreeHashes counting = (level, index) -> {
            calls[0]++;
            return Rfc6962.leafHash(new byte[] {(byte) level, (byte) index});
        };
        List<byte[]> proof = ProofBuilder.inclusion(0, size, counting);
        assertEquals(41, proof.size());
        assertTrue(calls[0] < 200, "subtree requests: " + calls[0]);
    }
}
