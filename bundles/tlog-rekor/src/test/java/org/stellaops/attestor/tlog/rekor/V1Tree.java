package org.stellaops.attestor.tlog.rekor;

import java.util.ArrayList;
import java.util.List;

import org.stellaops.attestor.sdk.merkle.ProofBuilder;
import org.stellaops.attestor.sdk.merkle.Rfc6962;
import org.stellaops.attestor.sdk.merkle.SubtreeHashes;

/** An in-memory RFC 6962 tree of entry bodies, proofs built with the sdk's {@link ProofBuilder}. */
final class V1Tree {

    private final List<byte[]> bodies = new ArrayList<>();
    private final List<byte[]> leaves = new ArrayList<>();

    synchronized int append(byte[] body) {
        bodies.add(body.clone());
        leaves.add(Rfc6962.leafHash(body));
        return bodies.size() - 1;
    }

    synchronized int size() {
        return bodies.size();
    }

    synchronized byte[] body(int index) {
        return bodies.get(index).clone();
    }

    synchronized int indexOf(byte[] leafHash) {
        for (int i = 0; i < leaves.size(); i++) {
            if (java.util.Arrays.equals(leaves.get(i), leafHash)) {
                return i;
            }
        }
        return -1;
    }

    synchronized byte[] root(long size) {
        return size == 0 ? Rfc6962.emptyRoot() : ProofBuilder.root(size, hashes());
    }

    synchronized List<byte[]> inclusion(long index, long size) {
        return ProofBuilder.inclusion(index, size, hashes());
    }

    synchronized List<byte[]> consistency(long size1, long size2) {
        return ProofBuilder.consistency(size1, size2, hashes());
    }

    /** Complete subtree hashes straight from the leaves: fine for the few entries of a test. */
    private SubtreeHashes hashes() {
        List<byte[]> snapshot = List.copyOf(leaves);
        return new SubtreeHashes() {
            @Override
            public byte[] hash(int level, long index) {
                if (level == 0) {
                    return snapshot.get((int) index);
                }
                return Rfc6962.nodeHash(hash(level - 1, index * 2), hash(level - 1, index * 2 + 1));
            }
        };
    }
}
