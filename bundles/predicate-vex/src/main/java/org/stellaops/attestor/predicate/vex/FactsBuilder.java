package org.stellaops.attestor.predicate.vex;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Collects facts under the contract's rules: flat names, scalar or list-of-strings values; every list deduplicated,
 * sorted and capped at {@value #LIST_CAP} entries, a capped list also setting {@code <name>.truncated = true}. A list
 * that stays empty is left out.
 */
final class FactsBuilder {

    /** The most entries a list fact keeps. */
    static final int LIST_CAP = 10_000;

    private final Map<String, Object> scalars = new LinkedHashMap<>();
    private final Map<String, TreeSet<String>> lists = new LinkedHashMap<>();

    /** Sets a scalar fact; a null value sets nothing. */
    FactsBuilder put(String name, Object value) {
        if (value != null) {
            scalars.put(name, value);
        }
        return this;
    }

    /** Adds one value to a list fact; null adds nothing. */
    FactsBuilder add(String name, String value) {
        if (value != null) {
            lists.computeIfAbsent(name, n -> new TreeSet<>()).add(value);
        }
        return this;
    }

    /** @return the facts, ready for {@code PredicateResult.Valid} */
    Map<String, Object> build() {
        Map<String, Object> facts = new LinkedHashMap<>(scalars);
        lists.forEach((name, values) -> {
            List<String> list = new ArrayList<>(Math.min(values.size(), LIST_CAP));
            for (String value : values) {
                if (list.size() == LIST_CAP) {
                    facts.put(name + ".truncated", Boolean.TRUE);
                    break;
                }
                list.add(value);
            }
            facts.put(name, List.copyOf(list));
        });
        return facts;
    }
}
