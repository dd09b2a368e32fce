package org.stellaops.attestor.predicate.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The facts rules of docs/dev/predicate-contracts.md, as assertions. */
final class FactsContract {

    private static final Pattern NAME = Pattern.compile("sbom(\\.[a-z][A-Za-z0-9]*)+");

    private FactsContract() {
    }

    /** Asserts that every fact has a contract name and value, and that every list is sorted, unique and capped. */
    static void assertObeyed(Map<String, Object> facts) {
        for (Map.Entry<String, Object> fact : facts.entrySet()) {
            String name = fact.getKey();
            Object value = fact.getValue();
            assertTrue(NAME.matcher(name).matches(), () -> "fact name " + name + " is not sbom.-prefixed dotted lowerCamel");
            if (value instanceof List<?> list) {
                assertList(name, list, facts);
            } else if (!(value instanceof String || value instanceof Long || value instanceof Integer
                    || value instanceof Boolean)) {
                fail("fact " + name + " has a value of type " + (value == null ? "null" : value.getClass().getName()));
            }
            if (name.endsWith(FactLists.TRUNCATED)) {
                assertEquals(Boolean.TRUE, value, () -> name + " is only set, to true, for a capped list");
                String list = name.substring(0, name.length() - FactLists.TRUNCATED.length());
                assertInstanceOf(List.class, facts.get(list), () -> name + " without the list " + list);
            }
        }
    }

    private static void assertList(String name, List<?> list, Map<String, Object> facts) {
        List<String> strings = new ArrayList<>();
        for (Object element : list) {
            strings.add(assertInstanceOf(String.class, element, () -> "list fact " + name + " holds a non-string"));
        }
        assertEquals(new ArrayList<>(new TreeSet<>(strings)), strings, () -> "list fact " + name
                + " is not sorted and deduplicated");
        assertTrue(strings.size() <= FactLists.CAP, () -> "list fact " + name + " exceeds the cap");
        if (strings.size() < FactLists.CAP) {
            assertTrue(!facts.containsKey(name + FactLists.TRUNCATED), () -> name + " is flagged truncated below the cap");
        }
    }
}
