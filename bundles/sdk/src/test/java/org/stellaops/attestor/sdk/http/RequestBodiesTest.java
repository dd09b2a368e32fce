package org.stellaops.attestor.sdk.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;

class RequestBodiesTest {

    @Test
    void readsAShortBodyToItsEnd() throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(new byte[10_000]);
        RequestBodies.discard(in, RequestBodies.DRAIN_LIMIT);
        assertEquals(0, in.available());
    }

    @Test
    void stopsWithinABufferOfTheBound() throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(new byte[100_000]);
        RequestBodies.discard(in, 20_000);
        assertEquals(100_000 - 24_576, in.available(), "three 8 KiB reads reach the bound of 20,000 bytes");
    }

    @Test
    void readsNothingWithABoundOfZero() throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(new byte[100]);
        RequestBodies.discard(in, 0);
        assertEquals(100, in.available());
    }
}
