package org.stellaops.attestor.keys.pkcs11;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.keys.KeyDriverException;
import org.stellaops.attestor.testing.Osgi;

/** Validation of the configuration alone; no token involved. */
class Pkcs11SettingsTest {

    @TempDir
    Path dir;

    private static Pkcs11Settings settings(Map<String, Object> values) {
        return Pkcs11Settings.from(Osgi.config(Pkcs11KeyDriverConfig.class, values), values);
    }

    private static String invalid(Map<String, Object> values) {
        KeyDriverException e = assertThrows(KeyDriverException.class, () -> settings(values));
        assertEquals(KeyDriverException.INVALID_INPUT, e.code());
        return e.getMessage();
    }

    @Test
    void defaultsToSoftHsmFiveSecondsAndFourWorkers() {
        Pkcs11Settings s = settings(Map.of("tokenLabel", "t", "pinEnv", "X"));
        assertEquals(Path.of("/usr/lib/softhsm/libsofthsm2.so"), s.library());
        assertEquals(Duration.ofSeconds(5), s.timeout());
        assertEquals(4, s.maxConcurrent());
        assertEquals(-1, s.slotListIndex());
        assertEquals("PIN environment variable X", s.pin().describe());
    }

    @Test
    void requiresExactlyOneOfTokenLabelAndSlotListIndex() {
        assertTrue(invalid(Map.of("pinEnv", "X")).contains("exactly one of tokenLabel and slotListIndex"));
        assertTrue(invalid(Map.of("pinEnv", "X", "tokenLabel", "t", "slotListIndex", 0))
                .contains("exactly one of tokenLabel and slotListIndex"));
        Pkcs11Settings byIndex = settings(Map.of("pinEnv", "X", "slotListIndex", 2));
        assertNull(byIndex.tokenLabel());
        assertEquals("token at slot list index 2", byIndex.token());
    }

    @Test
    void requiresExactlyOnePinSource() {
        assertTrue(invalid(Map.of("tokenLabel", "t")).contains("no PIN source"));
        assertTrue(invalid(Map.of("tokenLabel", "t", "pinEnv", "X", "pinFile", "/p")).contains("only one"));
    }

    @Test
    void refusesAPinPropertyWhateverItsCaseOrPrefix() {
        for (String property : new String[] {"pin", ".pin", "Pin", "_pin"}) {
            String message = invalid(Map.of("tokenLabel", "t", "pinEnv", "X", property, "1234"));
            assertTrue(message.contains("'" + property + "'"), message);
        }
    }

    @Test
    void refusesTimeoutsAndPoolSizesOutOfRange() {
        assertTrue(invalid(Map.of("tokenLabel", "t", "pinEnv", "X", "timeoutMillis", 0L)).contains("timeoutMillis"));
        assertTrue(invalid(Map.of("tokenLabel", "t", "pinEnv", "X", "maxConcurrent", 0)).contains("maxConcurrent"));
        assertTrue(invalid(Map.of("tokenLabel", "t", "pinEnv", "X", "library", " ")).contains("library"));
        assertTrue(invalid(Map.of("tokenLabel", "x".repeat(33), "pinEnv", "X")).contains("32 characters"));
    }

    @Test
    void aPinFileMayEndWithOneLineEndWhichIsNotPartOfThePin() throws Exception {
        assertArrayEquals("1234".toCharArray(),
                PinSource.file(Files.writeString(dir.resolve("lf"), "1234\n")).read());
        assertArrayEquals("1234".toCharArray(),
                PinSource.file(Files.writeString(dir.resolve("crlf"), "1234\r\n")).read());
        assertArrayEquals("12 34".toCharArray(),
                PinSource.file(Files.writeString(dir.resolve("inner"), "12 34")).read());
    }

    @Test
    void anEmptyPinFileOrVariableIsRefused() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertEquals(KeyDriverException.DRIVER_FAILURE,
                assertThrows(KeyDriverException.class, () -> PinSource.file(empty).read()).code());
        KeyDriverException e = assertThrows(KeyDriverException.class,
                () -> PinSource.environment("V", Map.of("V", "")).read());
        assertTrue(e.getMessage().contains("V") && e.getMessage().contains("empty"), e.getMessage());
    }
}
