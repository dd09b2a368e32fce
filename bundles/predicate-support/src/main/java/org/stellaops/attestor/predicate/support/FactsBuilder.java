package org.stellaops.attestor.predicate.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Collects facts under the contract's rules: scalars as given, list facts through {@link FactLists} (deduplicated,
 * sorted, capped, flagged when capped). A list that never gets a value is left out. Not thread-safe: one builder per
 * validation.
 *
 * @since 1.1
 */
public final class FactsBuilder {

    private final Map<String, Object> scalars = new LinkedHashMap<>();
    private final Map<String, TreeSet<String>> lists = new LinkedHashMap<>();

    /**
     * Sets a scalar fact.
     *
     * @param name the fact name
     * @param value a String, Integer, Long or Boolean; null sets nothing
     * @return this builder
     */
    public FactsBuilder put(String name, Object value) {
        if (value != null) {
            scalars.put(name, value);
        }
        return this;
    }

    /**
     * Adds one value to a list fact.
     *
     * @param name the fact name
     * @param value the value; null adds nothing
     * @return this builder
     */
    public FactsBuilder add(String name, String value) {
        if (value != null) {
            lists.computeIfAbsent(name, n -> new TreeSet<>()).add(value);
        }
        return this;
    }

    /** @return the facts, scalars first, then the lists in the order they were first added to */
    public Map<String, Object> build() {
        Map<String, Object> facts = new LinkedHashMap<>(scalars);
        lists.forEach((name, values) -> FactLists.put(facts, name, values));
        return facts;
    }
}
