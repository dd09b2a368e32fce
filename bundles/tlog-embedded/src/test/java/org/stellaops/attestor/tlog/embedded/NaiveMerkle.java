package org.stellaops.attestor.tlog.embedded;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/** RFC 6962 Merkle Tree Hash straight from the definition, independent of the sdk and of the tiles. */
final class NaiveMerkle {

    private NaiveMerkle() {
    }

    static byte[] leafHash(byte[] entry) {
        MessageDigest sha = sha256();
        sha.update((byte) 0);
        return sha.digest(entry);
    }

    /** @return MTH(D[from:to]) over leaf hashes */
    static byte[] mth(List<byte[]> leafHashes, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return sha256().digest();
        }
        if (n == 1) {
            return leafHashes.get(from);
        }
        int k = Integer.highestOneBit(n - 1);
        MessageDigest sha = sha256();
        sha.update((byte) 1);
        sha.update(mth(leafHashes, from, from + k));
        sha.update(mth(leafHashes, from + k, to));
        return sha.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
