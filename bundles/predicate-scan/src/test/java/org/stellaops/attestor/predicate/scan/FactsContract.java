package org.stellaops.attestor.predicate.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The facts rules of docs/dev/predicate-contracts.md, as one assertion. */
final class FactsContract {

    private static final Pattern NAME = Pattern.compile("[a-z][a-zA-Z0-9]*(\\.[a-z][a-zA-Z0-9]*)+");

    private FactsContract() {
    }

    /**
     * Asserts that every fact is named {@code <prefix>lowerCamel.dotted}, holds a String, Integer, Long, Boolean or a
     * List of Strings, that lists are sorted, without repeats and at most 10,000 long, and that
     * {@code <name>.truncated} exists only for a full list.
     */
    static void assertObeyed(Map<String, Object> facts, String prefix) {
        facts.forEach((name, value) -> {
            assertTrue(name.startsWith(prefix), () -> "fact without the family prefix: " + name);
            assertTrue(NAME.matcher(name).matches(), () -> "fact name is not dotted lowerCamel: " + name);
            if (value instanceof List<?> list) {
                assertSortedDistinctStrings(name, list);
            } else if (!(value instanceof String || value instanceof Integer || value instanceof Long
                    || value instanceof Boolean)) {
                fail("fact " + name + " has a value of type " + (value == null ? "null" : value.getClass()));
            }
            if (name.endsWith(".truncated")) {
                assertEquals(Boolean.TRUE, value, name);
                Object list = facts.get(name.substring(0, name.length() - ".truncated".length()));
                assertTrue(list instanceof List<?> l && l.size() == 10_000, () -> "truncated but not full: " + name);
            }
        });
    }

    private static void assertSortedDistinctStrings(String name, List<?> list) {
        assertTrue(list.size() <= 10_000, () -> "list fact over the cap: " + name);
        List<String> strings = new ArrayList<>();
        for (Object element : list) {
            assertTrue(element instanceof String, () -> "list fact " + name + " holds a non-string: " + element);
            strings.add((String) element);
        }
        List<String> sorted = strings.stream().distinct().sorted().toList();
        assertEquals(sorted, strings, () -> "list fact not sorted and distinct: " + name);
    }
}
