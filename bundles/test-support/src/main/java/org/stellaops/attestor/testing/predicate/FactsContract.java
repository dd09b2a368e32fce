package org.stellaops.attestor.testing.predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The facts rules of docs/dev/predicate-contracts.md, as one assertion. */
public final class FactsContract {

    /** The most entries a list fact holds. */
    public static final int LIST_CAP = 10_000;

    private static final String TRUNCATED = ".truncated";
    private static final Pattern SEGMENTS = Pattern.compile("(\\.[a-z][A-Za-z0-9]*)+");

    private FactsContract() {
    }

    /**
     * Asserts that every fact is named {@code <family>.lowerCamel.dotted}, holds a String, Integer, Long, Boolean or a
     * List of Strings, that lists are sorted, without repeats and at most {@value #LIST_CAP} long, and that
     * {@code <name>.truncated} is {@code true} and only beside a full list.
     *
     * @param facts the facts of a valid result
     * @param family the family prefix without its dot: {@code sbom}, {@code vex}, {@code scan}, {@code policy}
     */
    public static void assertObeyed(Map<String, Object> facts, String family) {
        facts.forEach((name, value) -> {
            assertTrue(name.startsWith(family + ".") && SEGMENTS.matcher(name.substring(family.length())).matches(),
                    () -> "fact name " + name + " is not " + family + ".-prefixed dotted lowerCamel");
            if (value instanceof List<?> list) {
                assertSortedDistinctStrings(name, list);
            } else if (!(value instanceof String || value instanceof Integer || value instanceof Long
                    || value instanceof Boolean)) {
                fail("fact " + name + " has a value of type " + (value == null ? "null" : value.getClass()));
            }
            if (name.endsWith(TRUNCATED)) {
                assertEquals(Boolean.TRUE, value, () -> name + " is only set, to true, for a capped list");
                Object list = facts.get(name.substring(0, name.length() - TRUNCATED.length()));
                assertTrue(list instanceof List<?> l && l.size() == LIST_CAP, () -> "truncated but not full: " + name);
            }
        });
    }

    private static void assertSortedDistinctStrings(String name, List<?> list) {
        assertTrue(list.size() <= LIST_CAP, () -> "list fact over the cap: " + name);
        List<String> strings = new ArrayList<>();
        for (Object element : list) {
            strings.add(assertInstanceOf(String.class, element, () -> "list fact " + name + " holds a non-string"));
        }
        assertEquals(strings.stream().distinct().sorted().toList(), strings,
                () -> "list fact not sorted and distinct: " + name);
    }
}
