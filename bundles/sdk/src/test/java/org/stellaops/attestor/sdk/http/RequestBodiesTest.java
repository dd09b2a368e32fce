package org.stellaops.attestor.sdk.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class RequestBodiesTest {

    @Test
    void readsAShortBodyToItsEndAndSaysSo() throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(new byte[10_000]);
        assertTrue(RequestBodies.drain(in, RequestBodies.DRAIN_LIMIT));
        assertEquals(0, in.available());
    }

    @Test
    void stopsWithinABufferOfTheBoundAndSaysTheEndWasNotReached() throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(new byte[100_000]);
        assertFalse(RequestBodies.drain(in, 20_000));
        assertEquals(100_000 - 24_576, in.available(), "three 8 KiB reads pass the bound of 20,000 bytes");
    }

    @Test
    void seesTheEndOfABodyExactlyAsLongAsTheBound() throws IOException {
        assertTrue(RequestBodies.drain(new ByteArrayInputStream(new byte[8192]), 8192));
    }

    @Test
    void doesNotStartOnABodyDeclaredLargerThanTheDrainLimit() throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(new byte[100]);
        assertFalse(RequestBodies.drainDeclared(in, RequestBodies.DRAIN_LIMIT + 1));
        assertEquals(100, in.available());
    }

    @Test
    void drainsAChunkedBodyOfUnknownLength() throws IOException {
        assertTrue(RequestBodies.drainDeclared(new ByteArrayInputStream(new byte[100]), -1));
    }

    @Test
    void lingersUntilTheBodyEnds() {
        ByteArrayInputStream in = new ByteArrayInputStream(new byte[3_000_000]);
        assertTrue(RequestBodies.linger(in));
        assertEquals(0, in.available());
    }

    @Test
    void stopsLingeringAtTheByteBound() {
        ByteArrayInputStream in = new ByteArrayInputStream(new byte[100_000]);
        assertFalse(RequestBodies.linger(in, 20_000, Duration.ofMinutes(1)));
        assertTrue(in.available() > 0);
    }

    @Test
    void stopsLingeringAtTheTimeBoundOnABodyThatNeverEnds() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return len;
            }
        };
        assertFalse(RequestBodies.linger(endless, Long.MAX_VALUE, Duration.ofMillis(50)));
    }

    @Test
    void aClientThatHangsUpEndsTheLingering() {
        InputStream reset = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("Connection reset by peer");
            }
        };
        assertTrue(RequestBodies.linger(reset));
    }
}
