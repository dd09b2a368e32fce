package org.stellaops.attestor.predicate.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FactsBuilderTest {

    @Test
    void deduplicatesAndSortsListsAndLeavesOutEmptyOnes() {
        FactsBuilder builder = new FactsBuilder().add("vex.products", "b").add("vex.products", "a")
                .add("vex.products", "b").add("vex.products", null).put("vex.format", "openvex")
                .put("vex.author", null);

        assertEquals(Map.of("vex.products", List.of("a", "b"), "vex.format", "openvex"), builder.build());
    }

    @Test
    void capsAListAndFlagsIt() {
        FactsBuilder builder = new FactsBuilder();
        for (int i = 0; i < 10_001; i++) {
            builder.add("vex.products", String.format("p%05d", i));
        }
        Map<String, Object> facts = builder.build();

        assertEquals(10_000, ((List<?>) facts.get("vex.products")).size());
        assertEquals(Boolean.TRUE, facts.get("vex.products.truncated"));
    }
}
