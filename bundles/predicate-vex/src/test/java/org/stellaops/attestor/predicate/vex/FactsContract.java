package org.stellaops.attestor.predicate.vex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The contract's rules for facts (docs/dev/predicate-contracts.md, "Facts"). */
final class FactsContract {

    private static final Pattern NAME = Pattern.compile("vex(\\.[a-z][A-Za-z0-9]*)+");

    private FactsContract() {
    }

    /** Asserts flat dotted lowerCamel names under {@code vex.}, scalar or sorted, distinct, capped string lists. */
    static void assertObeyed(Map<String, Object> facts) {
        facts.forEach((name, value) -> {
            assertTrue(NAME.matcher(name).matches(), () -> "fact name " + name);
            if (value instanceof List<?> list) {
                List<String> strings = new ArrayList<>();
                list.forEach(element -> strings.add(assertInstanceOf(String.class, element, () -> name + " element")));
                assertEquals(strings.stream().distinct().sorted().toList(), strings, () -> name + " sorted, distinct");
                assertTrue(strings.size() <= FactsBuilder.LIST_CAP, () -> name + " capped");
                if (strings.size() == FactsBuilder.LIST_CAP) {
                    assertEquals(Boolean.TRUE, facts.get(name + ".truncated"), () -> name + " marked truncated");
                }
            } else {
                assertTrue(value instanceof String || value instanceof Integer || value instanceof Long
                        || value instanceof Boolean, () -> name + " has a value of type " + value.getClass());
            }
        });
    }
}
