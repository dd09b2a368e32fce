package org.stellaops.attestor.api.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named digest such as {@code sha256:9f86d0…}. The value is lowercase hexadecimal, the form used by in-toto
 * subjects and by the Attestor HTTP API.
 *
 * @param algorithm the in-toto digest-set name (for example {@code sha256}, {@code sha512_256}, {@code gitCommit})
 * @param hex the digest value as lowercase hexadecimal
 */
public record Digest(String algorithm, String hex) {

    private static final Pattern ALGORITHM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");
    private static final Pattern HEX = Pattern.compile("([0-9a-f]{2}){1,128}");

    /**
     * Validates the parts.
     *
     * @param algorithm digest-set name: letters, digits, {@code _} and {@code -}
     * @param hex lowercase hexadecimal value
     * @throws IllegalArgumentException if either part is malformed
     */
    public Digest {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(hex, "hex");
        if (!ALGORITHM.matcher(algorithm).matches()) {
            throw new IllegalArgumentException("invalid digest algorithm: " + algorithm);
        }
        if (!HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("digest value must be lowercase hex: " + algorithm);
        }
    }

    /**
     * Creates a SHA-256 digest from raw bytes.
     *
     * @param digest 32 bytes
     * @return the digest
     */
    public static Digest sha256(Bytes digest) {
        if (digest.length() != 32) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, not " + digest.length());
        }
        return new Digest("sha256", digest.hex());
    }

    /**
     * Parses {@code algorithm:hex}.
     *
     * @param text for example {@code sha256:e3b0c4…}
     * @return the digest
     * @throws IllegalArgumentException if the text is not of that form
     */
    public static Digest parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("expected <algorithm>:<hex>");
        }
        return new Digest(text.substring(0, colon), text.substring(colon + 1));
    }

    /** @return {@code algorithm:hex} */
    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
