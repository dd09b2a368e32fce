package org.stellaops.attestor.api.model;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An immutable byte string. Records in this API hold {@code Bytes} instead of {@code byte[]} so that they keep
 * value semantics ({@code equals}, {@code hashCode}) and cannot be modified by a caller after construction.
 *
 * @param value the bytes; copied on the way in and on the way out
 */
public record Bytes(byte[] value) {

    /** The empty byte string. */
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    /**
     * Creates a byte string from a copy of {@code value}.
     *
     * @param value the bytes, not null
     */
    public Bytes {
        value = value.clone();
    }

    /**
     * Wraps a copy of the given array.
     *
     * @param value the bytes
     * @return a new byte string
     */
    public static Bytes of(byte[] value) {
        return new Bytes(value);
    }

    /**
     * Parses lowercase or uppercase hexadecimal.
     *
     * @param hex an even number of hex digits
     * @return the decoded bytes
     * @throws IllegalArgumentException if {@code hex} is not valid hexadecimal
     */
    public static Bytes fromHex(String hex) {
        return new Bytes(HexFormat.of().parseHex(hex));
    }

    /**
     * Decodes standard base64 (RFC 4648 section 4, padded or not).
     *
     * @param base64 the text
     * @return the decoded bytes
     * @throws IllegalArgumentException if the text is not standard base64
     */
    public static Bytes fromBase64(String base64) {
        return new Bytes(Base64.getDecoder().decode(base64));
    }

    /** @return a copy of the bytes */
    @Override
    public byte[] value() {
        return value.clone();
    }

    /** @return the number of bytes */
    public int length() {
        return value.length;
    }

    /** @return lowercase hexadecimal */
    public String hex() {
        return HexFormat.of().formatHex(value);
    }

    /** @return standard padded base64, the binary encoding of Sigstore JSON */
    public String base64() {
        return Base64.getEncoder().encodeToString(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(value, b.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return value.length <= 64 ? hex() : hex().substring(0, 64) + "…(" + value.length + " bytes)";
    }
}
