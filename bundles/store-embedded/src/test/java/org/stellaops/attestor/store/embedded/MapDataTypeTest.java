package org.stellaops.attestor.store.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.DataType;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

class MapDataTypeTest {

    private static final int[] LENGTHS = {0, 1, 15, 16, 127, 128, 5_000, 70_000};

    private static ByteBuffer written(DataType<Object> type, Object value) {
        WriteBuffer buffer = new WriteBuffer(16);
        type.write(buffer, value);
        return buffer.getBuffer().flip();
    }

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    @Test
    void readsByteArraysOfEveryLengthAsMvstoresOwnTypeWroteThem() {
        for (int length : LENGTHS) {
            ByteBuffer buffer = written(new ObjectDataType(), bytes(length));
            assertArrayEquals(bytes(length), (byte[]) new MapDataType().read(buffer), "length " + length);
            assertEquals(0, buffer.remaining(), "length " + length);
        }
    }

    @Test
    void writesByteArraysThatMvstoresOwnTypeReads() {
        for (int length : LENGTHS) {
            assertArrayEquals(bytes(length), (byte[]) new ObjectDataType().read(written(new MapDataType(), bytes(length))),
                    "length " + length);
        }
    }

    @Test
    void readsOtherValuesAsMvstoresOwnTypeDoes() {
        for (Object value : List.of("a record written by an earlier version", 42L, "", Long.MIN_VALUE)) {
            assertEquals(value, new MapDataType().read(written(new ObjectDataType(), value)));
        }
    }

    @Test
    void readsAValueThatFollowsAByteArrayFromWhereTheArrayEnds() {
        WriteBuffer buffer = new WriteBuffer(16);
        new ObjectDataType().write(buffer, bytes(300));
        new ObjectDataType().write(buffer, "next");
        ByteBuffer read = buffer.getBuffer().flip();
        MapDataType type = new MapDataType();
        assertArrayEquals(bytes(300), (byte[]) type.read(read));
        assertEquals("next", type.read(read));
    }

    /**
     * Keys as the store makes them, and strings of every length class with and without non-ASCII characters,
     * including lone surrogates (a UTF-8 encoder turns each into one '?', the length an ASCII string would have),
     * among them those whose low byte is '?' itself, and strings longer than the scratch array grows to.
     */
    private static final List<String> STRINGS = List.of("", "a", "t\0x", "0123456789abcde", "0123456789abcdef",
            "default\0sha256:" + "ab".repeat(32), "x".repeat(127), "y".repeat(128), "z".repeat(70_000),
            "\u007f\u0000\u0001", "tenant\0caf\u00e9", "\u20ac", "abc\u0080", "\ud83d\ude00 emoji",
            "\u00e9".repeat(16), "lone \ud800 high", "lone low \udc00", "?\ud83d", "what?", "\ufffd",
            "x".repeat(40) + "\ud800", "a\ud83f", "\udf3f" + "k".repeat(30), "?\uda3f?", "\ud83f\udc3f pair",
            "key\0\udd3f\0tail" + "0".repeat(200), "y".repeat(300) + "\ud900",
            "w".repeat(5000) + "\udb3f", "v".repeat(5000));

    @Test
    void writesStringsByteForByteAsMvstoresOwnType() {
        for (String string : STRINGS) {
            assertEquals(written(new ObjectDataType(), string), written(new MapDataType(), string),
                    () -> "string of length " + string.length());
        }
    }

    @Test
    void readsStringsAsMvstoresOwnTypeWroteThem() {
        for (String string : STRINGS) {
            ByteBuffer buffer = written(new ObjectDataType(), string);
            assertEquals(string, new MapDataType().read(buffer));
            assertEquals(0, buffer.remaining(), () -> "string of length " + string.length());
        }
    }

    @Test
    void readsAStringThatFollowsAnotherFromWhereTheFirstEnds() {
        WriteBuffer buffer = new WriteBuffer(16);
        MapDataType type = new MapDataType();
        for (String string : STRINGS) {
            type.write(buffer, string);
            type.write(buffer, 7L);
        }
        ByteBuffer read = buffer.getBuffer().flip();
        for (String string : STRINGS) {
            assertEquals(string, type.read(read));
            assertEquals(7L, type.read(read));
        }
        assertEquals(0, read.remaining());
    }
}
