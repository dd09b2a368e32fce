package org.stellaops.attestor.predicate.sbom;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** List-valued facts as the contract wants them: deduplicated, sorted, capped, with a truncation flag. */
final class FactLists {

    /** The most entries a list fact holds. */
    static final int CAP = 10_000;

    /** Suffix of the flag set beside a capped list. */
    static final String TRUNCATED = ".truncated";

    private FactLists() {
    }

    /**
     * Puts {@code values} as the list fact {@code name}; if there are more than {@link #CAP} distinct values, keeps
     * the first {@link #CAP} in sorted order and sets {@code <name>.truncated = true}.
     *
     * @param facts the facts to add to
     * @param name the fact name
     * @param values the values, in any order, with repeats
     */
    static void put(Map<String, Object> facts, String name, Collection<String> values) {
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
