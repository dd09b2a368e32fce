package org.stellaops.attestor.predicate.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SeverityTest {

    @Test
    void mapsScoresToTheCvssQualitativeRatingsAtEveryBoundary() {
        assertEquals(Severity.NONE, Severity.fromScore(0.0));
        assertEquals(Severity.LOW, Severity.fromScore(0.1));
        assertEquals(Severity.LOW, Severity.fromScore(3.9));
        assertEquals(Severity.MEDIUM, Severity.fromScore(4.0));
        assertEquals(Severity.MEDIUM, Severity.fromScore(6.9));
        assertEquals(Severity.HIGH, Severity.fromScore(7.0));
        assertEquals(Severity.HIGH, Severity.fromScore(8.9));
        assertEquals(Severity.CRITICAL, Severity.fromScore(9.0));
        assertEquals(Severity.CRITICAL, Severity.fromScore(10.0));
    }

    @Test
    void callsScoresOutsideZeroToTenUnknown() {
        assertEquals(Severity.UNKNOWN, Severity.fromScore(-0.1));
        assertEquals(Severity.UNKNOWN, Severity.fromScore(10.1));
        assertEquals(Severity.UNKNOWN, Severity.fromScore(Double.NaN));
    }

    @Test
    void readsTheSeverityWordsOfTrivyAndGrypeInAnyCase() {
        assertEquals(Severity.CRITICAL, Severity.fromWord("CRITICAL"));
        assertEquals(Severity.HIGH, Severity.fromWord("High"));
        assertEquals(Severity.MEDIUM, Severity.fromWord("moderate"));
        assertEquals(Severity.LOW, Severity.fromWord("Negligible"));
        assertEquals(Severity.NONE, Severity.fromWord("none"));
        assertEquals(Severity.UNKNOWN, Severity.fromWord("UNKNOWN"));
        assertEquals(Severity.UNKNOWN, Severity.fromWord("severe"));
        assertEquals(Severity.UNKNOWN, Severity.fromWord(null));
    }
}
