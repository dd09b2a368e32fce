package org.stellaops.attestor.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.sdk.witness.Cosigner;
import org.stellaops.attestor.testing.Osgi;

class CoreConfigTest {

    @Test
    void waitsFiveSecondsForThePrimaryByDefault() {
        assertEquals(Duration.ofSeconds(5),
                AttestorCore.primaryDeadline(Osgi.config(CoreConfig.class, Map.of()), Map.of()));
    }

    @Test
    void readsTheOldLogDeadlineWhenThePrimaryDeadlineIsNotSet() {
        assertEquals(Duration.ofMillis(1234), AttestorCore.primaryDeadline(Osgi.config(CoreConfig.class, Map.of()),
                Map.of("primaryDeadlineMillis", CoreConfig.DEFAULT_PRIMARY_DEADLINE_MILLIS,
                        "logDeadlineMillis", "1234")));
    }

    @Test
    void prefersThePrimaryDeadlineOverTheOldName() {
        Map<String, Object> props = Map.of("primaryDeadlineMillis", 700L, "logDeadlineMillis", 1234L);
        assertEquals(Duration.ofMillis(700), AttestorCore.primaryDeadline(
                Osgi.config(CoreConfig.class, Map.of("primaryDeadlineMillis", 700L)), props));
    }

    @Test
    void leavesOutMalformedWitnessKeys() {
        Cosigner witness = new Cosigner("witness.example", TestKeys.ed25519().getPublic());
        List<Cosigner> parsed = AttestorCore.witnesses(new String[] {witness.vkey(), "not a key", " "});
        assertEquals(List.of(witness.vkey()), parsed.stream().map(Cosigner::vkey).toList());
    }
}
