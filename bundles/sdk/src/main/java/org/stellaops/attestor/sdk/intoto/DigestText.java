package org.stellaops.attestor.sdk.intoto;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The text form {@code <algorithm>:<hex>} by which an artifact digest is asked about (a record search by subject,
 * a verification's {@code subject}), with one set of rules for the service and for clients that check their
 * arguments before sending them, so the two cannot drift apart.
 */
public final class DigestText {

    private static final Pattern ALGORITHM = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,31}");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{2,512}");
    /** Hex length of the digests whose length is known; other algorithms only need well-formed hex. */
    private static final Map<String, Integer> HEX_LENGTHS = Map.of("sha1", 40, "sha224", 56, "sha256", 64,
            "sha384", 96, "sha512", 128, "sha512_256", 64, "sha3_256", 64, "sha3_512", 128);

    private DigestText() {
    }

    /**
     * @param text {@code <algorithm>:<hex>}, hex in either case
     * @return the same digest with its hex in lowercase (the algorithm is kept as given)
     * @throws IllegalArgumentException with a message that completes "&lt;parameter&gt; …" (for example "must be
     *         &lt;algorithm&gt;:&lt;hex&gt;, …" or "sha256 digests have 64 hex digits, not 63")
     */
    public static String canonical(String text) {
        int colon = text.indexOf(':');
        String algorithm = colon < 0 ? "" : text.substring(0, colon);
        String hex = colon < 0 ? "" : text.substring(colon + 1);
        if (!ALGORITHM.matcher(algorithm).matches() || !HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("must be <algorithm>:<hex>, e.g. sha256:<64 hex digits>");
        }
        Integer length = HEX_LENGTHS.get(algorithm);
        if (length != null && hex.length() != length) {
            throw new IllegalArgumentException(algorithm + " digests have " + length + " hex digits, not "
                    + hex.length());
        }
        return algorithm + ":" + hex.toLowerCase(Locale.ROOT);
    }
}
