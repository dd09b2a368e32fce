package org.stellaops.attestor.keys.fido2;

import java.util.Base64;

/** Unpadded base64url (RFC 4648 section 5), decoded strictly: only the canonical encoding of some bytes is accepted. */
final class Base64Url {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Base64Url() {
    }

    /**
     * @param bytes the bytes
     * @return unpadded base64url
     */
    static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    /**
     * @param text unpadded base64url
     * @return the bytes
     * @throws IllegalArgumentException for padding, characters outside the alphabet, or unused bits that are not zero
     */
    static byte[] decode(String text) {
        if (text.indexOf('=') >= 0) {
            throw new IllegalArgumentException("base64url must be unpadded");
        }
        byte[] bytes = DECODER.decode(text);
        if (!encode(bytes).equals(text)) {
            throw new IllegalArgumentException("not the canonical base64url encoding");
        }
        return bytes;
    }
}
