package org.stellaops.attestor.predicate.support;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Walks nested lists such as CycloneDX components inside components, without recursion: how deep producers nest is
 * not the handler's to bound, and a deep tree must not overflow the stack.
 *
 * @since 1.1
 */
public final class Trees {

    private record Entry(JsonNode node, String pointer) {
    }

    private Trees() {
    }

    /**
     * Visits, in document order (pre-order), every element of {@code array} and of the arrays that elements which are
     * objects hold under {@code childMember}, at any depth.
     *
     * @param array the outer list (anything else, or null, has no elements)
     * @param pointer the list's pointer
     * @param childMember the member of an element that holds its nested list
     * @param visitor called with each element (of any JSON type) and its pointer
     */
    public static void walk(JsonNode array, String pointer, String childMember, BiConsumer<JsonNode, String> visitor) {
        Deque<Entry> stack = new ArrayDeque<>();
        pushElements(stack, array, pointer);
        while (!stack.isEmpty()) {
            Entry entry = stack.pop();
            visitor.accept(entry.node(), entry.pointer());
            if (entry.node().isObject()) {
                pushElements(stack, entry.node().get(childMember), Pointers.append(entry.pointer(), childMember));
            }
        }
    }

    /**
     * @param array the outer list
     * @param childMember the member of an element that holds its nested list
     * @return how many elements {@link #walk} visits
     */
    public static long count(JsonNode array, String childMember) {
        long[] count = {0};
        walk(array, "", childMember, (node, pointer) -> count[0]++);
        return count[0];
    }

    private static void pushElements(Deque<Entry> stack, JsonNode array, String pointer) {
        List<JsonNode> elements = Json.elements(array);
        for (int i = elements.size() - 1; i >= 0; i--) {
            stack.push(new Entry(elements.get(i), Pointers.append(pointer, i)));
        }
    }
}
