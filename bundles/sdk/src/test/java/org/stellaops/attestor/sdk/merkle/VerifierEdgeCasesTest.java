package org.stellaops.attestor.sdk.merkle;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class VerifierEdgeCasesTest {

    private static final byte[] LEAF = Rfc6962.leafHash(new byte[] {1});

    @Test
    void singleLeafTreeVerifiesWithEmptyProof() {
        assertDoesNotThrow(() -> InclusionProofs.verify(0, 1, LEAF, List.of(), LEAF));
    }

    @Test
    void rejectsInclusionInEmptyTree() {
        assertThrows(MerkleProofException.class, () -> InclusionProofs.verify(0, 0, LEAF, List.of(), LEAF));
    }

    @Test
    void rejectsNegativeIndex() {
        assertThrows(MerkleProofException.class, () -> InclusionProofs.verify(-1, 4, LEAF, List.of(), LEAF));
    }

    @Test
    void rejectsLeafHashOfWrongLength() {
        byte[] shortLeaf = new byte[31];
        assertThrows(MerkleProofException.class, () -> InclusionProofs.verify(0, 1, shortLeaf, List.of(), shortLeaf));
    }

    @Test
    void rejectsProofHashOfWrongLength() {
        byte[] other = Rfc6962.leafHash(new byte[] {2});
        byte[] root = Rfc6962.nodeHash(LEAF, other);
        assertThrows(MerkleProofException.class,
                () -> InclusionProofs.verify(0, 2, LEAF, List.of(new byte[33]), root));
    }

    @Test
    void rejectsConsistencyFromSizeZeroEvenWithEmptyProof() {
        byte[] empty = Rfc6962.emptyRoot();
        assertThrows(MerkleProofException.class, () -> ConsistencyProofs.verify(0, 0, empty, empty, List.of()));
    }

    @Test
    void rejectsNullRoots() {
        assertThrows(MerkleProofException.class, () -> ConsistencyProofs.verify(1, 1, null, LEAF, List.of()));
        assertThrows(MerkleProofException.class, () -> InclusionProofs.verify(0, 1, LEAF, List.of(), null));
    }
}
