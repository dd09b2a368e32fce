package org.stellaops.attestor.api.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class KeyLifecycleTest {

    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant RETIRED = Instant.parse("2026-06-01T00:00:00Z");
    private static final Instant REVOKED = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant COMPROMISED = Instant.parse("2026-02-01T00:00:00Z");

    @ParameterizedTest(name = "{0} signed at {1} (trusted {2}) is {3}")
    @CsvSource({
        "plain,       2026-02-01T00:00:00Z, true,  ACTIVE",
        "plain,       2025-12-31T23:59:59Z, true,  NOT_YET_VALID",
        "retiring,    2026-05-31T23:59:59Z, true,  ACTIVE",
        "retiring,    2026-06-01T00:00:00Z, true,  RETIRED",
        "revoked,     2026-02-28T23:59:59Z, true,  ACTIVE",
        "revoked,     2026-03-01T00:00:00Z, true,  REVOKED",
        "revoked,     2026-04-01T00:00:00Z, false, REVOKED",
        "compromised, 2026-01-15T00:00:00Z, true,  ACTIVE",
        "compromised, 2026-02-01T00:00:00Z, true,  COMPROMISED",
        "compromised, 2026-01-15T00:00:00Z, false, COMPROMISED",
    })
    void judgesASignatureByItsSigningTime(String kind, Instant at, boolean trusted, KeyStatus expected) {
        KeyLifecycle lifecycle = switch (kind) {
            case "plain" -> KeyLifecycle.validSince(FROM);
            case "retiring" -> new KeyLifecycle(FROM, RETIRED, null, "", null);
            case "revoked" -> new KeyLifecycle(FROM, null, REVOKED, "superseded", null);
            case "compromised" -> new KeyLifecycle(FROM, null, REVOKED, "key_compromise", COMPROMISED);
            default -> throw new IllegalArgumentException(kind);
        };
        assertEquals(expected, lifecycle.statusAt(at, trusted));
    }

    @Test
    void refusesACompromiseWithoutARevocation() {
        assertThrows(IllegalArgumentException.class,
                () -> new KeyLifecycle(FROM, null, null, "", COMPROMISED));
    }

    @Test
    void explainsARevocationWithItsTimeAndReason() {
        KeyLifecycle lifecycle = new KeyLifecycle(FROM, null, REVOKED, "superseded", null);
        assertEquals("revoked at 2026-03-01T00:00:00Z (superseded)", lifecycle.explain(KeyStatus.REVOKED));
    }
}
