package org.stellaops.attestor.sdk.encoding;

import java.util.Arrays;
import java.util.Base64;

/**
 * Strict RFC 4648 base64: the standard (section 4) or the URL-safe (section 5) alphabet but never both in one text,
 * padding optional but exact when present, no whitespace or other characters, and the unused low bits of the last
 * character zero, so that every byte string has exactly one accepted encoding per alphabet and padding choice.
 */
public final class StrictBase64 {

    private static final int INVALID = -1;
    private static final int[] VALUES = new int[128];

    static {
        Arrays.fill(VALUES, INVALID);
        String std = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = 0; i < std.length(); i++) {
            VALUES[std.charAt(i)] = i;
        }
        VALUES['+'] = 62;
        VALUES['/'] = 63;
        VALUES['-'] = 62;
        VALUES['_'] = 63;
    }

    private StrictBase64() {
    }

    /**
     * Decodes base64 text.
     *
     * @param text the encoded text (may be empty)
     * @return the decoded bytes
     * @throws IllegalArgumentException with the reason if the text is not strict base64
     */
    public static byte[] decode(String text) {
        int end = unpaddedLength(text);
        checkAlphabet(text, end);
        int rem = end % 4;
        if (rem == 1) {
            throw new IllegalArgumentException("base64 length leaves a single dangling character");
        }
        byte[] out = new byte[end / 4 * 3 + (rem == 0 ? 0 : rem - 1)];
        int o = 0;
        int i = 0;
        for (; i + 4 <= end; i += 4) {
            int v = value(text, i) << 18 | value(text, i + 1) << 12 | value(text, i + 2) << 6 | value(text, i + 3);
            out[o++] = (byte) (v >> 16);
            out[o++] = (byte) (v >> 8);
            out[o++] = (byte) v;
        }
        if (rem == 2) {
            int v = value(text, i) << 6 | value(text, i + 1);
            if ((v & 0xf) != 0) {
                throw new IllegalArgumentException("base64 has non-zero trailing bits");
            }
            out[o] = (byte) (v >> 4);
        } else if (rem == 3) {
            int v = value(text, i) << 12 | value(text, i + 1) << 6 | value(text, i + 2);
            if ((v & 0x3) != 0) {
                throw new IllegalArgumentException("base64 has non-zero trailing bits");
            }
            out[o++] = (byte) (v >> 10);
            out[o] = (byte) (v >> 2);
        }
        return out;
    }

    /**
     * Encodes bytes with the standard alphabet and padding.
     *
     * @param data the bytes
     * @return the base64 text
     */
    public static String encode(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }

    /** Length without padding, after checking that any padding is exactly what the length needs. */
    private static int unpaddedLength(String text) {
        int len = text.length();
        int pad = 0;
        while (pad < len && text.charAt(len - 1 - pad) == '=') {
            pad++;
        }
        if (pad == 0) {
            return len;
        }
        if (pad > 2 || len % 4 != 0) {
            throw new IllegalArgumentException("base64 padding is wrong");
        }
        int dataChars = (len - pad) % 4;
        if (dataChars + pad != 4 || dataChars < 2) {
            throw new IllegalArgumentException("base64 padding is wrong");
        }
        return len - pad;
    }

    private static void checkAlphabet(String text, int end) {
        boolean standard = false;
        boolean urlSafe = false;
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c >= 128 || VALUES[c] == INVALID) {
                throw new IllegalArgumentException("invalid base64 character at offset " + i);
            }
            standard |= c == '+' || c == '/';
            urlSafe |= c == '-' || c == '_';
        }
        if (standard && urlSafe) {
            throw new IllegalArgumentException("base64 mixes the standard and URL-safe alphabets");
        }
    }

    private static int value(String text, int i) {
        return VALUES[text.charAt(i)];
    }
}
