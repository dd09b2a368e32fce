package org.stellaops.attestor.predicate.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FactListsTest {

    @Test
    void sortsAndDeduplicates() {
        Map<String, Object> facts = new HashMap<>();
        FactLists.put(facts, "sbom.purls", List.of("pkg:b", "pkg:a", "pkg:b"));

        assertEquals(Map.of("sbom.purls", List.of("pkg:a", "pkg:b")), facts);
    }

    @Test
    void capsAtTenThousandAndFlagsTheTruncation() {
        List<String> values = new ArrayList<>();
        for (int i = 10_004; i >= 0; i--) {
            values.add(String.format("v%05d", i));
        }
        Map<String, Object> facts = new HashMap<>();
        FactLists.put(facts, "sbom.licenses", values);

        List<?> kept = (List<?>) facts.get("sbom.licenses");
        assertEquals(10_000, kept.size());
        assertEquals("v00000", kept.get(0));
        assertEquals("v09999", kept.get(9_999));
        assertEquals(Boolean.TRUE, facts.get("sbom.licenses.truncated"));
    }

    @Test
    void doesNotFlagAListOfExactlyTheCap() {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            values.add("v" + i);
        }
        Map<String, Object> facts = new HashMap<>();
        FactLists.put(facts, "sbom.purls", values);

        assertFalse(facts.containsKey("sbom.purls.truncated"));
    }

    @Test
    void putsAnEmptyList() {
        Map<String, Object> facts = new HashMap<>();
        FactLists.put(facts, "scan.components", List.of());

        assertEquals(Map.of("scan.components", List.of()), facts);
    }
}
