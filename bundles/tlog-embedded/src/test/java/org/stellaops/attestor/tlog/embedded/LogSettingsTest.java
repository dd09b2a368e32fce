package org.stellaops.attestor.tlog.embedded;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class LogSettingsTest {

    private static LogSettings withOrigin(String origin) {
        return new LogSettings(Path.of("x"), origin, "service", 256, 0, "");
    }

    @Test
    void refusesOriginsThatCannotBeNoteKeyNames() {
        for (String origin : List.of("", "a b", "a+b", "tab\there", "line\nbreak", "nb\u00a0sp")) {
            assertThrows(IllegalArgumentException.class, () -> withOrigin(origin), origin);
        }
    }

    @Test
    void acceptsHostAndPathOrigins() {
        assertDoesNotThrow(() -> withOrigin("attestor.local"));
        assertDoesNotThrow(() -> withOrigin("rekor.example.com/tenant-1"));
    }

    @Test
    void refusesEmptyBatchesAndNegativeAges() {
        assertThrows(IllegalArgumentException.class, () -> new LogSettings(Path.of("x"), "o", "service", 0, 0, ""));
        assertThrows(IllegalArgumentException.class, () -> new LogSettings(Path.of("x"), "o", "service", 1, -1, ""));
    }
}
