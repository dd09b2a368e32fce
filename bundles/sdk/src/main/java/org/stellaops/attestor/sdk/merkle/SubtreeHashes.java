package org.stellaops.attestor.sdk.merkle;

/**
 * Source of complete-subtree hashes, for example tile storage: {@code hash(level, index)} is the root of the
 * complete subtree of 2^level leaves that starts at leaf {@code index·2^level}. Level 0 gives leaf hashes.
 */
@FunctionalInterface
public interface SubtreeHashes {

    /**
     * Returns one complete-subtree hash.
     *
     * @param level the height of the subtree (0 = a single leaf)
     * @param index the position of the subtree among subtrees of that height
     * @return the 32-byte hash
     */
    byte[] hash(int level, long index);
}
