package org.stellaops.attestor.keys.file;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An operator passphrase and where it came from (for error messages; the value itself is never shown).
 *
 * @param value the passphrase characters
 * @param source a description such as {@code environment variable ATTESTOR_KEY_PASSPHRASE}
 */
record Passphrase(char[] value, String source) {

    /**
     * @param value the characters
     * @param source where they came from
     * @return the passphrase, or null if {@code value} is null or empty
     */
    static Passphrase ofNullable(String value, String source) {
        return value == null || value.isEmpty() ? null : new Passphrase(value.toCharArray(), source);
    }

    /** @return a fresh UTF-8 encoding of the value, to be wiped by the caller */
    byte[] utf8() {
        ByteBuffer buf = StandardCharsets.UTF_8.encode(CharBuffer.wrap(value));
        byte[] bytes = new byte[buf.remaining()];
        buf.get(bytes);
        Arrays.fill(buf.array(), (byte) 0);
        return bytes;
    }

    @Override
    public String toString() {
        return "Passphrase[" + source + "]";
    }
}
