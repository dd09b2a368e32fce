package org.stellaops.attestor.sdk.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictBase64Test {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void decodesRfc4648TestVectorsPaddedAndUnpadded() {
        String[][] vectors = {{"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"}, {"foob", "Zm9vYg=="},
                {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"}};
        for (String[] v : vectors) {
            assertArrayEquals(ascii(v[0]), StrictBase64.decode(v[1]));
            assertArrayEquals(ascii(v[0]), StrictBase64.decode(v[1].replace("=", "")));
            assertEquals(v[1], StrictBase64.encode(ascii(v[0])));
        }
    }

    @Test
    void decodesUrlSafeAlphabet() {
        byte[] data = {(byte) 0xfb, (byte) 0xff, (byte) 0xbf};
        assertArrayEquals(data, StrictBase64.decode("-_-_"));
        assertArrayEquals(data, StrictBase64.decode("+/+/"));
    }

    @Test
    void roundTripsRandomDataInBothAlphabets() {
        Random random = new Random(42);
        for (int len = 0; len < 200; len++) {
            byte[] data = new byte[len];
            random.nextBytes(data);
            assertArrayEquals(data, StrictBase64.decode(Base64.getEncoder().encodeToString(data)));
            assertArrayEquals(data, StrictBase64.decode(Base64.getUrlEncoder().withoutPadding().encodeToString(data)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"+/-_", "ab+_", "Zg=", "Zg===", "Zm8==", "Z", "Zm9vY", "Zg==Zg==", "=", "====", "Zm 9v",
            "Zm9v\n", " Zm9v", "Zm9v!", "Zh==", "Zm9=", "Zg=a", "\u00e9AAA"})
    void rejectsNonStrictText(String text) {
        assertThrows(IllegalArgumentException.class, () -> StrictBase64.decode(text));
    }

    @Test
    void explainsWhyTextWasRejected() {
        assertEquals("base64 mixes the standard and URL-safe alphabets",
                assertThrows(IllegalArgumentException.class, () -> StrictBase64.decode("+/-_")).getMessage());
        assertEquals("base64 has non-zero trailing bits",
                assertThrows(IllegalArgumentException.class, () -> StrictBase64.decode("Zh")).getMessage());
    }
}
