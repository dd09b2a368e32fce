package org.stellaops.attestor.store.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
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

    private static final String[] SORTED_KEYS = {"default\0https://slsa.dev/provenance/v1\0800000006a5c1f2b1d0c0000\0sha256:0a",
        "default\0https://slsa.dev/provenance/v1\0800000006a5c1f2b1d0c0001\0sha256:ff",
        "default\0https://slsa.dev/provenance/v1\0800000006a5c1f2c00000000\0sha256:17",
        "default\0https://slsa.dev/provenance/v2", "default\0https://slsa.dev/provenance/v2", "e"};

    private static ByteBuffer page(MapDataType type, Object... items) {
        WriteBuffer buffer = new WriteBuffer(16);
        type.write(buffer, items, items.length);
        return buffer.getBuffer().flip();
    }

    private static Object[] readPage(DataType<Object> type, ByteBuffer buffer, int len) {
        Object[] items = new Object[len];
        type.read(buffer, items, len);
        return items;
    }

    @Test
    void aPageOfSortedAsciiKeysIsFrontCodedAndReadsBackWhole() {
        ByteBuffer buffer = page(new MapDataType(() -> true), (Object[]) SORTED_KEYS);
        assertEquals(MapDataType.FRONT_CODED_TAG, buffer.get(0));
        assertArrayEquals(SORTED_KEYS, readPage(new MapDataType(), buffer, SORTED_KEYS.length));
        assertEquals(0, buffer.remaining());
    }

    @Test
    void frontCodingWritesFewerBytesThanItemByItem() {
        int frontCoded = page(new MapDataType(() -> true), (Object[]) SORTED_KEYS).remaining();
        int itemByItem = page(new MapDataType(), (Object[]) SORTED_KEYS).remaining();
        assertTrue(frontCoded < itemByItem * 2 / 3, frontCoded + " bytes front-coded, " + itemByItem + " item by item");
    }

    @Test
    void withoutFrontCodingAPageIsWhatMvstoresOwnTypeWrites() {
        WriteBuffer own = new WriteBuffer(16);
        new ObjectDataType().write(own, SORTED_KEYS, SORTED_KEYS.length);
        assertEquals(own.getBuffer().flip(), page(new MapDataType(), (Object[]) SORTED_KEYS));
    }

    @Test
    void aPageThatFrontCodingWouldNotShrinkIsWrittenItemByItem() {
        // the empty values of the search indexes: one byte each item by item, two front-coded
        ByteBuffer buffer = page(new MapDataType(() -> true), "", "", "", "");
        assertArrayEquals(new Object[] {"", "", "", ""}, readPage(new ObjectDataType(), buffer, 4));
    }

    @Test
    void aPageWithAnythingButAsciiStringsIsWrittenItemByItem() {
        for (Object[] items : List.of(new Object[] {"a\0b", 7L}, new Object[] {"caf\u00e9-1", "caf\u00e9-2"},
                new Object[] {"x\uD83Fy", "x\uD83Fz"}, new Object[] {new byte[20], new byte[20]})) {
            ByteBuffer buffer = page(new MapDataType(() -> true), items);
            Object[] read = readPage(new ObjectDataType(), buffer, items.length);
            for (int i = 0; i < items.length; i++) {
                if (items[i] instanceof byte[] bytes) {
                    assertArrayEquals(bytes, (byte[]) read[i]);
                } else {
                    assertEquals(items[i], read[i]);
                }
            }
        }
    }

    @Test
    void aSingleKeyIsWrittenItemByItem() {
        ByteBuffer buffer = page(new MapDataType(() -> true), SORTED_KEYS[0]);
        assertEquals(SORTED_KEYS[0], new ObjectDataType().read(buffer));
    }

    @Test
    void aDamagedFrontCodedPageIsAFailureNotWrongKeys() {
        ByteBuffer buffer = page(new MapDataType(() -> true), (Object[]) SORTED_KEYS);
        // the first key claims to share bytes with a key before it, which does not exist
        buffer.put(1, (byte) 5);
        assertThrows(IllegalStateException.class, () -> readPage(new MapDataType(), buffer, SORTED_KEYS.length));
    }

    @Test
    void keysOfRandomDigestsReadBackWhole() {
        Random random = new Random(42);
        String[] keys = new String[48];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = "t\0sha256:" + HexFormat.of().formatHex(bytes(random.nextInt(40)));
        }
        Arrays.sort(keys);
        ByteBuffer buffer = page(new MapDataType(() -> true), (Object[]) keys);
        assertArrayEquals(keys, readPage(new MapDataType(), buffer, keys.length));
    }
}
