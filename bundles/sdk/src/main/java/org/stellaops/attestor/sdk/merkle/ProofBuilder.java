package org.stellaops.attestor.sdk.merkle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Builds RFC 6962 roots, audit paths and consistency proofs from complete-subtree hashes. Every range the RFC's
 * recursion visits starts at a multiple of a power of two at least as large as the range, so its hash is the
 * right-to-left fold of at most 64 complete subtrees: only those are ever requested.
 */
public final class ProofBuilder {

    private ProofBuilder() {
    }

    /**
     * Computes the root of the first {@code size} leaves.
     *
     * @param size tree size, 0 or more
     * @param h subtree hash source
     * @return the root hash ({@link Rfc6962#emptyRoot()} for size 0)
     */
    public static byte[] root(long size, SubtreeHashes h) {
        if (size < 0) {
            throw new IllegalArgumentException("negative tree size " + size);
        }
        return size == 0 ? Rfc6962.emptyRoot() : rangeHash(0, size, h);
    }

    /**
     * Builds the audit path of one leaf, leaf sibling first (RFC 6962 section 2.1.1).
     *
     * @param index the leaf index, 0 ≤ index &lt; size
     * @param size the tree size
     * @param h subtree hash source
     * @return the proof hashes
     * @throws IllegalArgumentException if the index is not inside the tree
     */
    public static List<byte[]> inclusion(long index, long size, SubtreeHashes h) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf index " + index + " is outside a tree of size " + size);
        }
        List<byte[]> topDown = new ArrayList<>();
        long start = 0;
        long end = size;
        while (end - start > 1) {
            long k = largestPowerOfTwoBelow(end - start);
            if (index < start + k) {
                topDown.add(rangeHash(start + k, end, h));
                end = start + k;
            } else {
                topDown.add(rangeHash(start, start + k, h));
                start += k;
            }
        }
        Collections.reverse(topDown);
        return topDown;
    }

    /**
     * Builds the consistency proof between two sizes (RFC 6962 section 2.1.2). The proof from size 0, and between
     * equal sizes, is empty.
     *
     * @param size1 the older size, 0 ≤ size1 ≤ size2
     * @param size2 the newer size
     * @param h subtree hash source
     * @return the proof hashes
     * @throws IllegalArgumentException if the sizes are out of order or negative
     */
    public static List<byte[]> consistency(long size1, long size2, SubtreeHashes h) {
        if (size1 < 0 || size1 > size2) {
            throw new IllegalArgumentException("bad sizes " + size1 + " → " + size2);
        }
        if (size1 == 0 || size1 == size2) {
            return new ArrayList<>();
        }
        List<byte[]> topDown = new ArrayList<>();
        long start = 0;
        long end = size2;
        long m = size1;
        boolean startOfTree = true;
        while (m != end - start) {
            long k = largestPowerOfTwoBelow(end - start);
            if (m <= k) {
                topDown.add(rangeHash(start + k, end, h));
                end = start + k;
            } else {
                topDown.add(rangeHash(start, start + k, h));
                m -= k;
                start += k;
                startOfTree = false;
            }
        }
        if (!startOfTree) {
            topDown.add(rangeHash(start, end, h));
        }
        Collections.reverse(topDown);
        return topDown;
    }

    /** Hash of leaves [start, end), folded right to left from the complete subtrees that make it up. */
    private static byte[] rangeHash(long start, long end, SubtreeHashes h) {
        long offset = start;
        long remaining = end - start;
        List<byte[]> parts = new ArrayList<>(Long.bitCount(remaining));
        while (remaining > 0) {
            int level = 63 - Long.numberOfLeadingZeros(remaining);
            long width = 1L << level;
            if ((offset & (width - 1)) != 0) {
                throw new IllegalStateException("range [" + start + "," + end + ") is not subtree-aligned");
            }
            parts.add(h.hash(level, offset >>> level));
            offset += width;
            remaining -= width;
        }
        byte[] acc = parts.get(parts.size() - 1);
        for (int i = parts.size() - 2; i >= 0; i--) {
            acc = Rfc6962.nodeHash(parts.get(i), acc);
        }
        return acc;
    }

    private static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }
}
