package org.stellaops.attestor.tlog.witness;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.stellaops.attestor.sdk.merkle.ProofBuilder;
import org.stellaops.attestor.sdk.merkle.Rfc6962;
import org.stellaops.attestor.sdk.merkle.SubtreeHashes;

/** A real RFC 6962 tree over generated entries; a fork is a tree that shares only a prefix of its entries. */
final class Tree {

    private final List<byte[]> leaves = new ArrayList<>();

    /** @return a tree of {@code size} entries named after {@code branch} */
    static Tree of(String branch, int size) {
        return new Tree().append(branch, size);
    }

    /** @return a new tree with the first {@code keep} entries of this one, then entries of {@code branch} up to {@code size} */
    Tree fork(int keep, String branch, int size) {
        Tree fork = new Tree();
        fork.leaves.addAll(leaves.subList(0, keep));
        return fork.append(branch, size - keep);
    }

    /** Appends {@code count} entries named after {@code branch}. @return this */
    synchronized Tree append(String branch, int count) {
        int start = leaves.size();
        for (int i = start; i < start + count; i++) {
            leaves.add(Rfc6962.leafHash((branch + "/" + i).getBytes(StandardCharsets.UTF_8)));
        }
        return this;
    }

    synchronized int size() {
        return leaves.size();
    }

    synchronized byte[] root(long size) {
        return ProofBuilder.root(size, hashes());
    }

    synchronized List<byte[]> consistency(long from, long to) {
        return ProofBuilder.consistency(from, to, hashes());
    }

    private SubtreeHashes hashes() {
        List<byte[]> snapshot = List.copyOf(leaves);
        return (level, index) -> mth(snapshot, (int) (index << level), (int) ((index + 1) << level));
    }

    private static byte[] mth(List<byte[]> leaves, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return leaves.get(from);
        }
        int k = Integer.highestOneBit(n - 1);
        return Rfc6962.nodeHash(mth(leaves, from, from + k), mth(leaves, from + k, to));
    }
}
