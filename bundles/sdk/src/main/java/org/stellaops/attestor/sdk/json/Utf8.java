package org.stellaops.attestor.sdk.json;

/**
 * Strict UTF-8 validation (RFC 3629): no overlong forms, no encoded surrogates, nothing above U+10FFFF. The JSON
 * parser alone does not catch all of these, and a canonical form must never depend on how a decoder repairs them.
 */
final class Utf8 {

    private Utf8() {
    }

    /** @return the offset of the first invalid byte, or -1 if all of {@code b} is valid UTF-8 */
    static int firstInvalid(byte[] b) {
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                i++;
                continue;
            }
            int len = sequenceLength(b, i, c);
            if (len < 0) {
                return i;
            }
            i += len;
        }
        return -1;
    }

    private static int sequenceLength(byte[] b, int i, int c) {
        int len;
        int lo = 0x80;
        int hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            lo = c == 0xE0 ? 0xA0 : 0x80;
            hi = c == 0xED ? 0x9F : 0xBF;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            lo = c == 0xF0 ? 0x90 : 0x80;
            hi = c == 0xF4 ? 0x8F : 0xBF;
        } else {
            return -1;
        }
        if (i + len > b.length) {
            return -1;
        }
        int second = b[i + 1] & 0xff;
        if (second < lo || second > hi) {
            return -1;
        }
        for (int j = 2; j < len; j++) {
            int cont = b[i + j] & 0xff;
            if (cont < 0x80 || cont > 0xBF) {
                return -1;
            }
        }
        return len;
    }
}
