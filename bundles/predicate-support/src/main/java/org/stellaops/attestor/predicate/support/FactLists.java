package org.stellaops.attestor.predicate.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * List-valued facts as the predicate contract wants them: deduplicated, sorted (by UTF-16 code unit), capped at
 * {@value #CAP} entries, a capped list also setting {@code <name>.truncated = true}.
 *
 * @since 1.1
 */
public final class FactLists {

    /** The most entries a list fact holds. */
    public static final int CAP = 10_000;

    /** Suffix of the flag set beside a capped list. */
    public static final String TRUNCATED = ".truncated";

    private FactLists() {
    }

    /**
     * Puts {@code values} as the list fact {@code name}, even when there are none; if there are more than
     * {@link #CAP} distinct values, keeps the first {@link #CAP} in sorted order and sets {@code <name>.truncated}.
     *
     * @param facts the facts to add to
     * @param name the fact name
     * @param values the values, in any order, with repeats; no nulls
     */
    public static void put(Map<String, Object> facts, String name, Collection<String> values) {
        TreeSet<String> sorted = new TreeSet<>(values);
        List<String> kept = new ArrayList<>(Math.min(sorted.size(), CAP));
        for (String value : sorted) {
            if (kept.size() == CAP) {
                facts.put(name + TRUNCATED, Boolean.TRUE);
                break;
            }
            kept.add(value);
        }
        facts.put(name, List.copyOf(kept));
    }
}
