package org.stellaops.attestor.sdk.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Hash helpers. SHA-256 digests are kept per thread because Merkle work hashes millions of tiny inputs and
 * {@link MessageDigest#getInstance(String)} costs as much as the hash itself there; each call below uses the digest
 * from start to finish, so no caller can observe another's state.
 */
public final class Hashing {

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> newDigest("SHA-256"));

    private Hashing() {
    }

    /**
     * Hashes the concatenation of the parts with SHA-256.
     *
     * @param parts the byte strings, in order
     * @return the 32-byte digest
     */
    public static byte[] sha256(byte[]... parts) {
        MessageDigest md = SHA256.get();
        md.reset();
        for (byte[] part : parts) {
            md.update(part);
        }
        return md.digest();
    }

    /**
     * Hashes one byte prefix followed by the parts with SHA-256 (the RFC 6962 leaf and node shapes).
     *
     * @param prefix the domain-separation byte
     * @param parts the byte strings, in order
     * @return the 32-byte digest
     */
    public static byte[] sha256(byte prefix, byte[]... parts) {
        MessageDigest md = SHA256.get();
        md.reset();
        md.update(prefix);
        for (byte[] part : parts) {
            md.update(part);
        }
        return md.digest();
    }

    /**
     * Hashes the input with the named JCA digest.
     *
     * @param algorithm for example {@code SHA-384}
     * @param data the input
     * @return the digest
     */
    public static byte[] digest(String algorithm, byte[] data) {
        if ("SHA-256".equals(algorithm)) {
            return sha256(data);
        }
        return newDigest(algorithm).digest(data);
    }

    /**
     * Creates a JDK message digest; the standard names always exist on Java 17.
     *
     * @param algorithm JCA name
     * @return a new digest
     */
    public static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }
}
