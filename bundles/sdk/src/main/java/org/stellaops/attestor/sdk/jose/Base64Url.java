package org.stellaops.attestor.sdk.jose;

import java.util.Base64;

import org.stellaops.attestor.sdk.encoding.StrictBase64;

/**
 * The base64url form JOSE uses everywhere (RFC 7515 §2): URL-safe alphabet, no padding, and (when decoding) no
 * other characters and no non-zero trailing bits, so every byte string has exactly one accepted text.
 */
public final class Base64Url {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Base64Url() {
    }

    /**
     * @param data the bytes
     * @return their base64url text without padding
     */
    public static String encode(byte[] data) {
        return ENCODER.encodeToString(data);
    }

    /**
     * Decodes strict base64url.
     *
     * @param text the text
     * @return the bytes
     * @throws IllegalArgumentException with the reason when the text is not strict unpadded base64url
     */
    public static byte[] decode(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
            if (!ok) {
                throw new IllegalArgumentException("invalid base64url character at offset " + i);
            }
        }
        return StrictBase64.decode(text);
    }
}
