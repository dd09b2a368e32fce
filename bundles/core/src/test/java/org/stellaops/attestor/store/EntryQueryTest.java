package org.stellaops.attestor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EntryQueryTest {

    private static EntryQuery withFacts(Map<String, String> facts) {
        return EntryQuery.all("tenant-a", 10).withFacts(facts);
    }

    @Test
    void aQueryWithoutFactsEqualsTheOneOfContract50() {
        EntryQuery old = new EntryQuery("tenant-a", "sha256:ab", null, null, null, null, 5, null);
        assertEquals(new EntryQuery("tenant-a", "sha256:ab", null, null, null, null, null, 5, null), old);
        assertTrue(old.facts().isEmpty());
    }

    @Test
    void keepsTheFactsSortedByNameAndAcrossPages() {
        EntryQuery q = withFacts(Map.of("z.last", "1", "a.first", "2"));
        assertEquals(List.of("a.first", "z.last"), List.copyOf(q.facts().keySet()));
        String cursor = new EntryCursor("tenant-a", Instant.parse("2026-03-01T12:00:00Z"), "sha256:" + "ab".repeat(32))
                .encode();
        assertEquals(q.facts(), q.after(cursor).facts());
    }

    @Test
    void refusesMoreThanEightFacts() {
        Map<String, String> facts = new HashMap<>();
        for (int i = 0; i <= EntryQuery.MAX_FACTS; i++) {
            facts.put("fact." + i, "v");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withFacts(facts));
        assertTrue(e.getMessage().contains("at most 8"), e.getMessage());
    }

    @Test
    void refusesAnEmptyOrOverlongNameOrValue() {
        assertThrows(IllegalArgumentException.class, () -> withFacts(Map.of("", "v")));
        assertThrows(IllegalArgumentException.class, () -> withFacts(Map.of("n".repeat(129), "v")));
        assertThrows(IllegalArgumentException.class, () -> withFacts(Map.of("a", "")));
        assertThrows(IllegalArgumentException.class, () -> withFacts(Map.of("a", "v".repeat(1025))));
        assertEquals(1, withFacts(Map.of("n".repeat(128), "v".repeat(1024))).facts().size());
    }

    @Test
    void refusesANullNameOrValue() {
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("a", null);
        assertThrows(IllegalArgumentException.class, () -> withFacts(nullValue));
        Map<String, String> nullName = new HashMap<>();
        nullName.put(null, "v");
        assertThrows(IllegalArgumentException.class, () -> withFacts(nullName));
    }
}
