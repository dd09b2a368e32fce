package org.stellaops.attestor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

class FactTermsTest {

    private static SortedSet<String> set(String... values) {
        return new TreeSet<>(Arrays.asList(values));
    }

    @Test
    void aStringIsItsOwnTerm() {
        assertEquals(Map.of("sbom.format", set("CycloneDX")), FactTerms.of(Map.of("sbom.format", "CycloneDX")));
    }

    @Test
    void integersAreTheirPlainDecimalForm() {
        assertEquals(Optional.of("42"), FactTerms.text(42));
        assertEquals(Optional.of("-7"), FactTerms.text(-7L));
        assertEquals(Optional.of("123456789012345678901234567890"),
                FactTerms.text(new BigInteger("123456789012345678901234567890")));
    }

    @Test
    void decimalsAreThePlainFormTheyReadBackAsFromJson() {
        assertEquals(Optional.of("0.250"), FactTerms.text(new BigDecimal("0.250")));
        assertEquals(Optional.of("100000000000000000000"), FactTerms.text(new BigDecimal("1.0E20")));
        assertEquals(Optional.of("0.25"), FactTerms.text(0.25d));
        assertEquals(Optional.of("100000000000000000000"), FactTerms.text(1e20d));
        assertEquals(Optional.of("0.1"), FactTerms.text(0.1f));
    }

    @Test
    void booleansAreTrueOrFalse() {
        assertEquals(Optional.of("true"), FactTerms.text(true));
        assertEquals(Optional.of("false"), FactTerms.text(Boolean.FALSE));
    }

    @Test
    void mapsNullsAndNonFiniteNumbersHaveNoTerm() {
        assertEquals(Optional.empty(), FactTerms.text(Map.of("a", "b")));
        assertEquals(Optional.empty(), FactTerms.text(null));
        assertEquals(Optional.empty(), FactTerms.text(Double.NaN));
        assertEquals(Optional.empty(), FactTerms.text(Float.POSITIVE_INFINITY));
    }

    @Test
    void aListHasTheTermsOfItsScalarElementsDistinct() {
        Map<String, Object> facts = Map.of("vex.cves", List.of("CVE-2", "CVE-1", "CVE-2", 3, Map.of("x", "y")));
        assertEquals(Map.of("vex.cves", set("3", "CVE-1", "CVE-2")), FactTerms.of(facts));
    }

    @Test
    void leavesOutFactsWithoutTermsAndUnsearchableNamesAndValues() {
        Map<String, Object> facts = new HashMap<>();
        facts.put("nested", Map.of("a", 1));
        facts.put("empty.list", List.of());
        facts.put("empty.string", "");
        facts.put("x".repeat(FactTerms.MAX_NAME_LENGTH + 1), "too long a name");
        facts.put("control\u0007name", "v");
        facts.put("long.value", "v".repeat(FactTerms.MAX_VALUE_LENGTH + 1));
        facts.put("kept", "v".repeat(FactTerms.MAX_VALUE_LENGTH));
        assertEquals(Set.of("kept"), FactTerms.of(facts).keySet());
    }

    @Test
    void matchesWhenEveryWantedTermIsThere() {
        Map<String, Object> facts = Map.of("a", "x", "b", List.of("1", "2"), "c", 3L);
        assertTrue(FactTerms.matches(facts, Map.of()));
        assertTrue(FactTerms.matches(facts, Map.of("a", "x", "b", "2", "c", "3")));
        assertFalse(FactTerms.matches(facts, Map.of("a", "x", "b", "3")));
        assertFalse(FactTerms.matches(facts, Map.of("a", "X")), "case-sensitive");
        assertFalse(FactTerms.matches(facts, Map.of("d", "x")), "no such fact");
    }

    @Test
    void aDottedNameIsAFlatKeyNeverAPath() {
        Map<String, Object> facts = Map.of("scan", Map.of("severity", "high"), "scan.severityX", "high");
        assertFalse(FactTerms.matches(facts, Map.of("scan.severity", "high")));
        assertTrue(FactTerms.matches(Map.of("scan.severity", "high"), Map.of("scan.severity", "high")));
    }

    @Test
    void namesAreOneTo128CharactersWithoutControlCharacters() {
        assertTrue(FactTerms.isName("sbom.components"));
        assertTrue(FactTerms.isName("n".repeat(128)));
        assertFalse(FactTerms.isName("n".repeat(129)));
        assertFalse(FactTerms.isName(""));
        assertFalse(FactTerms.isName(null));
        assertFalse(FactTerms.isName("tab\there"));
    }
}
