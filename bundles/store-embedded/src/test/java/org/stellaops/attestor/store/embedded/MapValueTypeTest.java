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

class MapValueTypeTest {

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
            assertArrayEquals(bytes(length), (byte[]) new MapValueType().read(buffer), "length " + length);
            assertEquals(0, buffer.remaining(), "length " + length);
        }
    }

    @Test
    void writesByteArraysThatMvstoresOwnTypeReads() {
        for (int length : LENGTHS) {
            assertArrayEquals(bytes(length), (byte[]) new ObjectDataType().read(written(new MapValueType(), bytes(length))),
                    "length " + length);
        }
    }

    @Test
    void readsOtherValuesAsMvstoresOwnTypeDoes() {
        for (Object value : List.of("a record written by an earlier version", 42L, "", Long.MIN_VALUE)) {
            assertEquals(value, new MapValueType().read(written(new ObjectDataType(), value)));
        }
    }

    @Test
    void readsAValueThatFollowsAByteArrayFromWhereTheArrayEnds() {
        WriteBuffer buffer = new WriteBuffer(16);
        new ObjectDataType().write(buffer, bytes(300));
        new ObjectDataType().write(buffer, "next");
        ByteBuffer read = buffer.getBuffer().flip();
        MapValueType type = new MapValueType();
        assertArrayEquals(bytes(300), (byte[]) type.read(read));
        assertEquals("next", type.read(read));
    }
}
