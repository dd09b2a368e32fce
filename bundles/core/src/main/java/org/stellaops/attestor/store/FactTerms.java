package org.stellaops.attestor.store;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a fact search matches ({@link EntryQuery#facts()}), the same in every store: the <em>terms</em> of a record's
 * derived facts. A fact {@code <name>} has the terms
 * <ul>
 * <li>of a scalar: its string form. A string is itself; an integer ({@link Integer}, {@link Long},
 *     {@link BigInteger}, …) is its plain decimal form ({@code 42}, {@code -7}); a decimal ({@link BigDecimal},
 *     {@link Double}, {@link Float}) its plain decimal form without an exponent, trailing zeros kept as the handler
 *     wrote them ({@code 0.250}), which is also what it reads back as from JSON; a boolean {@code true} or
 *     {@code false};</li>
 * <li>of a list: the string forms of its scalar elements (a list matches a value it contains);</li>
 * <li>of anything else (a map, null, a non-finite number): none, so it is never found.</li>
 * </ul>
 * Only <em>searchable</em> facts have terms: a name of 1 to {@value #MAX_NAME_LENGTH} characters without control
 * characters, and terms of 1 to {@value #MAX_VALUE_LENGTH} characters. A query can name nothing else
 * ({@link EntryQuery} refuses it), so a store may leave everything else out of its index. Matching is exact and
 * case-sensitive; a fact name is a flat key, never a path (the dots of {@code scan.severity.critical} separate
 * nothing).
 */
public final class FactTerms {

    /** The longest searchable fact name, in characters (UTF-16 units). */
    public static final int MAX_NAME_LENGTH = 128;
    /** The longest searchable term, in characters (UTF-16 units). */
    public static final int MAX_VALUE_LENGTH = 1024;

    private FactTerms() {
    }

    /**
     * @param name a candidate fact name
     * @return whether facts of that name are searchable: 1 to {@value #MAX_NAME_LENGTH} characters, none of them a
     *         control character
     */
    public static boolean isName(String name) {
        return name != null && !name.isEmpty() && name.length() <= MAX_NAME_LENGTH
                && name.chars().noneMatch(Character::isISOControl);
    }

    /**
     * @param value a candidate term
     * @return whether it can be searched for: 1 to {@value #MAX_VALUE_LENGTH} characters (any characters)
     */
    public static boolean isValue(String value) {
        return value != null && !value.isEmpty() && value.length() <= MAX_VALUE_LENGTH;
    }

    /**
     * @param value a fact value or list element
     * @return its string form if it is a scalar with one (see the class comment), else empty
     */
    public static Optional<String> text(Object value) {
        if (value instanceof String s) {
            return Optional.of(s);
        }
        if (value instanceof Boolean b) {
            return Optional.of(b.toString());
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return Optional.of(value.toString());
        }
        if (value instanceof BigDecimal d) {
            return Optional.of(d.toPlainString());
        }
        if (value instanceof Double d && Double.isFinite(d)) {
            // Jackson writes Double.toString, and reads it back as that BigDecimal
            return Optional.of(new BigDecimal(Double.toString(d)).toPlainString());
        }
        if (value instanceof Float f && Float.isFinite(f)) {
            return Optional.of(new BigDecimal(Float.toString(f)).toPlainString());
        }
        return Optional.empty();
    }

    /**
     * @param facts a record's derived facts
     * @return every searchable fact name with its searchable terms, names and terms sorted; names without terms
     *         are left out
     */
    public static SortedMap<String, SortedSet<String>> of(Map<String, ?> facts) {
        SortedMap<String, SortedSet<String>> terms = new TreeMap<>();
        facts.forEach((name, value) -> {
            if (!isName(name)) {
                return;
            }
            SortedSet<String> values = new TreeSet<>();
            if (value instanceof List<?> list) {
                list.forEach(element -> text(element).filter(FactTerms::isValue).ifPresent(values::add));
            } else {
                text(value).filter(FactTerms::isValue).ifPresent(values::add);
            }
            if (!values.isEmpty()) {
                terms.put(name, Collections.unmodifiableSortedSet(values));
            }
        });
        return Collections.unmodifiableSortedMap(terms);
    }

    /**
     * @param facts a record's derived facts
     * @param filter fact name → wanted term ({@link EntryQuery#facts()})
     * @return whether every wanted term is a term of the fact of that name
     */
    public static boolean matches(Map<String, ?> facts, Map<String, String> filter) {
        if (filter.isEmpty()) {
            return true;
        }
        SortedMap<String, SortedSet<String>> terms = of(facts);
        return filter.entrySet().stream().allMatch(f -> terms.getOrDefault(f.getKey(), Collections.emptySortedSet())
                .contains(f.getValue()));
    }
}
