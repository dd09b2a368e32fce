package org.stellaops.attestor.bench.jmh;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.stellaops.attestor.sdk.merkle.Rfc6962;
import org.stellaops.attestor.sdk.merkle.SubtreeHashes;

/**
 * A synthetic RFC 6962 tree of any size that costs O(log n) hashes instead of n: the subtrees on the path from one
 * leaf to the root are real node hashes of their children, every other complete subtree has an opaque,
 * deterministic hash. A verifier only ever sees the opaque subtrees as whole siblings, so an inclusion proof for that
 * leaf is indistinguishable from one out of a fully hashed tree of the same size.
 */
final class PathSubtreeHashes implements SubtreeHashes {

    private final long leafIndex;
    private final byte[] leafHash;

    /**
     * @param leafIndex the leaf whose path is hashed for real
     * @param leafHash its RFC 6962 leaf hash
     */
    PathSubtreeHashes(long leafIndex, byte[] leafHash) {
        this.leafIndex = leafIndex;
        this.leafHash = leafHash.clone();
    }

    @Override
    public byte[] hash(int level, long index) {
        if (index != leafIndex >>> level) {
            return opaque(level, index);
        }
        if (level == 0) {
            return leafHash.clone();
        }
        return Rfc6962.nodeHash(hash(level - 1, 2 * index), hash(level - 1, 2 * index + 1));
    }

    private static byte[] opaque(int level, long index) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            // A prefix no RFC 6962 leaf (0x00) or node (0x01) hash input starts with.
            sha.update((byte) 0x7f);
            sha.update(ByteBuffer.allocate(Integer.BYTES + Long.BYTES).putInt(level).putLong(index).array());
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
