package org.stellaops.attestor.api.tlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.model.KeyState;

class LogDescriptorTest {

    private static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2026-06-01T00:00:00Z");
    private static final String OLD = "aa".repeat(32);
    private static final String NEW = "bb".repeat(32);

    private static LogKeyVersion v1() {
        return new LogKeyVersion(1, OLD, "PEM1", null, Instant.EPOCH, null, null, null);
    }

    private static LogKeyVersion v2() {
        return new LogKeyVersion(2, NEW, "PEM2", null, T2, null, null, null);
    }

    @Test
    void theFiveArgumentFormHasOneActiveVersionValidSinceTheEpoch() {
        LogDescriptor d = new LogDescriptor(OLD, "log.example", "embedded", "PEM", "");
        assertEquals(List.of(LogKeyVersion.initial(OLD, "PEM")), d.keyVersions());
        assertEquals(Instant.EPOCH, d.currentKey().validFrom());
        assertEquals(KeyState.ACTIVE, d.currentKey().state(T1));
        assertTrue(d.acceptsLogId(OLD));
    }

    @Test
    void findsAnEntryOfARetiredVersionByItsLogId() {
        LogDescriptor d = new LogDescriptor(NEW, "log.example", "embedded", "PEM2", "", List.of(v1().retire(T2), v2()));
        assertEquals(1, d.versionFor(OLD).orElseThrow().version());
        assertEquals(KeyState.RETIRED, d.versionFor(OLD).orElseThrow().state(T2));
        assertTrue(d.acceptsLogId(OLD));
        assertTrue(d.versionFor("cc".repeat(32)).isEmpty());
        assertEquals(2, d.currentKey().version());
    }

    @Test
    void neverAcceptsARevokedVersionWhateverItsRevocationTime() {
        LogKeyVersion revoked = v1().retire(T2).revoke(T2.plusSeconds(3600), "compromised");
        LogDescriptor d = new LogDescriptor(NEW, "log.example", "embedded", "PEM2", "", List.of(revoked, v2()));
        assertEquals(KeyState.REVOKED, revoked.state(T1));
        assertFalse(d.acceptsLogId(OLD));
        assertEquals(List.of(v2()), d.verifiableKeys());
        assertTrue(d.versionFor(OLD).isPresent());
    }

    @Test
    void refusesTheSameKeyUnderALaterVersionOnceAnyVersionOfItIsRevoked() {
        LogKeyVersion again = new LogKeyVersion(3, OLD, "PEM1", null, T2.plusSeconds(1), null, null, null);
        LogDescriptor d = new LogDescriptor(OLD, "log.example", "embedded", "PEM1", "",
                List.of(v1().retire(T1).revoke(T1, "lost"), v2().retire(T2.plusSeconds(1)), again));
        assertFalse(d.acceptsLogId(OLD));
        assertTrue(d.acceptsLogId(NEW));
    }

    @Test
    void refusesVersionsOutOfOrderOrACurrentKeyThatIsNotTheNewest() {
        assertThrows(IllegalArgumentException.class,
                () -> new LogDescriptor(NEW, "o", "k", "PEM2", "", List.of(v2(), v1())));
        assertThrows(IllegalArgumentException.class,
                () -> new LogDescriptor(OLD, "o", "k", "PEM1", "", List.of(v1(), v2())));
        assertThrows(IllegalArgumentException.class, () -> new LogDescriptor(OLD, "o", "k", "PEM1", "", List.of()));
    }

    @Test
    void refusesAVersionRetiredBeforeItWasValid() {
        assertThrows(IllegalArgumentException.class,
                () -> new LogKeyVersion(2, NEW, "PEM2", null, T2, T1, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new LogKeyVersion(0, NEW, "PEM2", null, T2, null, null, null));
    }
}
