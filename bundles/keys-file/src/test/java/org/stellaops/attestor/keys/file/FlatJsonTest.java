package org.stellaops.attestor.keys.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FlatJsonTest {

    @Test
    void readsBackWhatItWroteIncludingEscapedCharacters() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("pem", "-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n");
        m.put("quote", "a \"b\" \\ c\t\u0001 é");
        assertEquals(m, FlatJson.read(FlatJson.write(m)));
    }

    @Test
    void rejectsDuplicateMembers() {
        assertThrows(IllegalArgumentException.class, () -> FlatJson.read("{\"a\":\"1\",\"a\":\"2\"}"));
    }

    @Test
    void rejectsValuesThatAreNotStrings() {
        assertThrows(IllegalArgumentException.class, () -> FlatJson.read("{\"a\":1}"));
    }

    @Test
    void rejectsContentAfterTheObject() {
        assertThrows(IllegalArgumentException.class, () -> FlatJson.read("{\"a\":\"1\"} {}"));
    }

    @Test
    void rejectsTruncatedText() {
        assertThrows(IllegalArgumentException.class, () -> FlatJson.read("{\"a\":\"1\""));
    }
}
