package org.stellaops.attestor.predicate.sbom;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.stellaops.attestor.predicate.support.Pointers;

/**
 * Bounds the nesting of a predicate tree before anything recursive (tree conversion, schema validation) touches it.
 * The core already refuses documents nested deeper than its {@code maxJsonDepth} (64 by default); this bound only
 * keeps the handler's promise never to throw, whatever tree reaches it.
 */
final class TreeDepth {

    /** The deepest nesting of objects and arrays, counted from the predicate, that the handler validates. */
    static final int MAX = 256;

    private record Entry(Object node, String pointer, int depth) {
    }

    private TreeDepth() {
    }

    /**
     * @param predicate the predicate as the statement gives it (maps, lists, scalars)
     * @param pointer the predicate's pointer
     * @return the pointer of the first container nested deeper than {@link #MAX}, if any
     */
    static Optional<String> tooDeep(Map<String, Object> predicate, String pointer) {
        Deque<Entry> stack = new ArrayDeque<>();
        stack.push(new Entry(predicate, pointer, 1));
        while (!stack.isEmpty()) {
            Entry entry = stack.pop();
            boolean container = entry.node() instanceof Map<?, ?> || entry.node() instanceof List<?>;
            if (container && entry.depth() > MAX) {
                return Optional.of(entry.pointer());
            }
            if (entry.node() instanceof Map<?, ?> map) {
                map.forEach((name, value) -> stack.push(new Entry(value,
                        Pointers.append(entry.pointer(), String.valueOf(name)), entry.depth() + 1)));
            } else if (entry.node() instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    stack.push(new Entry(list.get(i), Pointers.append(entry.pointer(), i), entry.depth() + 1));
                }
            }
        }
        return Optional.empty();
    }
}
