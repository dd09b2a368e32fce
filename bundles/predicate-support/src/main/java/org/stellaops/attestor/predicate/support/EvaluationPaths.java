package org.stellaops.attestor.predicate.support;

import java.util.List;
import java.util.Set;

/**
 * Reads evaluation paths ({@code /properties/components/items/$ref/properties/licenses/$ref/oneOf/0/items/…}): where
 * the first {@code oneOf} or {@code anyOf} on the way to an error is, and how deep in the instance it applies. The
 * depth follows from the applicator keywords: {@code properties/<name>}, {@code items}, {@code prefixItems/<i>},
 * {@code additionalProperties} and the like descend one level into the instance; {@code $ref}, {@code allOf/<i>},
 * {@code if}/{@code then}/{@code else} and the like stay where they are.
 */
final class EvaluationPaths {

    private static final Set<String> COMBINATORS = Set.of("oneOf", "anyOf");
    private static final Set<String> NAMED_DESCENT = Set.of("properties", "patternProperties", "prefixItems");
    private static final Set<String> NAMED_STAY = Set.of("dependentSchemas", "dependencies", "allOf", "anyOf",
            "oneOf", "$defs", "definitions");
    private static final Set<String> DESCENT = Set.of("additionalProperties", "unevaluatedProperties",
            "additionalItems", "unevaluatedItems", "contains");

    /**
     * A {@code oneOf} or {@code anyOf} on an evaluation path.
     *
     * @param index the combinator keyword's index in the path; a branch error has the branch index next
     * @param depth how many instance tokens lead to the instance the combinator applies to
     */
    record Site(int index, int depth) {
    }

    private EvaluationPaths() {
    }

    /**
     * @param raw an error
     * @param from the first path index at which a combinator counts (combinators before it are already resolved)
     * @return the first combinator at or after {@code from}: the error is one of its branches' errors, or its own
     *         summary; null when there is none
     */
    static Site combinator(RawError raw, int from) {
        List<Object> path = raw.evaluation();
        int depth = 0;
        int i = 0;
        while (i < path.size()) {
            String token = path.get(i) instanceof String text ? text : "";
            boolean last = i == path.size() - 1;
            boolean branch = !last && path.get(i + 1) instanceof Integer;
            if (i >= from && COMBINATORS.contains(token) && (branch || last && token.equals(raw.keyword()))) {
                return new Site(i, depth);
            }
            if (NAMED_DESCENT.contains(token)) {
                depth++;
                i += 2;
            } else if (NAMED_STAY.contains(token)) {
                i += 2;
            } else if ("items".equals(token)) {
                depth++;
                i += branch ? 2 : 1;
            } else {
                depth += DESCENT.contains(token) ? 1 : 0;
                i++;
            }
        }
        return null;
    }

    /** @return the branch index of a branch error of the combinator at {@code site}, or -1 for its summary */
    static int branch(RawError raw, Site site) {
        List<Object> path = raw.evaluation();
        return site.index() + 1 < path.size() && path.get(site.index() + 1) instanceof Integer index ? index : -1;
    }

    /** @return whether the path, after the combinator's branch index, follows no reference into another place */
    static boolean local(RawError raw, Site site) {
        List<Object> path = raw.evaluation();
        for (int i = site.index() + 2; i < path.size(); i++) {
            Object token = path.get(i);
            if ("$ref".equals(token) || "$dynamicRef".equals(token) || "$recursiveRef".equals(token)) {
                return false;
            }
        }
        return true;
    }
}
