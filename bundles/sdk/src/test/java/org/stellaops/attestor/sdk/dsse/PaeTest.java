package org.stellaops.attestor.sdk.dsse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class PaeTest {

    private static String pae(String type, String payload) {
        return new String(Pae.encode(type, payload.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @Test
    void matchesTheDsseSpecificationExample() {
        assertEquals("DSSEv1 29 http://example.com/HelloWorld 11 hello world",
                pae("http://example.com/HelloWorld", "hello world"));
    }

    @Test
    void countsBytesNotCharacters() {
        assertEquals("DSSEv1 3 \u00e9x 4 \u20acx", pae("\u00e9x", "\u20acx"));
    }

    @Test
    void encodesAnEmptyPayload() {
        assertEquals("DSSEv1 1 t 0 ", pae("t", ""));
    }

    @Test
    void keepsBinaryPayloadBytesUntouched() {
        byte[] payload = {0, (byte) 0xff, 10};
        byte[] pae = Pae.encode("t", payload);
        assertEquals(16, pae.length);
        assertEquals((byte) 0xff, pae[14]);
    }
}
