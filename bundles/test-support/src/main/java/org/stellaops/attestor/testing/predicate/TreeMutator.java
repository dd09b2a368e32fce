package org.stellaops.attestor.testing.predicate;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Deterministic structural mutations of a JSON tree for fuzz-style tests: remove, replace, truncate, duplicate,
 * rename and wrap nodes. The same seed and strings always give the same mutations of the same tree.
 */
public final class TreeMutator {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Random random;
    private final String[] strings;

    /**
     * @param seed the seed of the mutations
     * @param strings the texts that replacements and renames draw from: values the predicate format treats
     *        specially, and edge cases (empty, control characters, very long)
     */
    public TreeMutator(long seed, List<String> strings) {
        this.random = new Random(seed);
        this.strings = strings.toArray(String[]::new);
    }

    /**
     * Applies one to four mutations to {@code root} in place.
     *
     * @param root an object or array tree
     */
    public void mutate(JsonNode root) {
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            switch (random.nextInt(6)) {
                case 0 -> removeOne(root);
                case 1 -> replaceOne(root);
                case 2 -> truncate(root, 1 + random.nextInt(5));
                case 3 -> duplicateOne(root);
                case 4 -> renameOne(root);
                default -> wrapOne(root);
            }
        }
    }

    /**
     * Removes every node deeper than {@code depth} below {@code node}: containers at that depth become empty.
     *
     * @param node a tree
     * @param depth how many levels to keep
     */
    public void truncate(JsonNode node, int depth) {
        if (depth == 0) {
            if (node instanceof ObjectNode object) {
                object.removeAll();
            } else if (node instanceof ArrayNode array) {
                array.removeAll();
            }
            return;
        }
        for (JsonNode child : node) {
            truncate(child, depth - 1);
        }
    }

    private void removeOne(JsonNode root) {
        Slot slot = pick(root);
        if (slot != null) {
            slot.remove();
        }
    }

    private void replaceOne(JsonNode root) {
        Slot slot = pick(root);
        if (slot != null) {
            slot.replace(randomValue());
        }
    }

    private void duplicateOne(JsonNode root) {
        List<ArrayNode> arrays = new ArrayList<>();
        collectArrays(root, arrays);
        if (!arrays.isEmpty()) {
            ArrayNode array = arrays.get(random.nextInt(arrays.size()));
            if (!array.isEmpty()) {
                array.add(array.get(random.nextInt(array.size())).deepCopy());
            }
        }
    }

    private void renameOne(JsonNode root) {
        Slot slot = pick(root);
        if (slot != null && slot.parent instanceof ObjectNode object) {
            JsonNode value = object.remove(slot.name);
            object.set(strings[random.nextInt(strings.length)], value);
        }
    }

    private void wrapOne(JsonNode root) {
        Slot slot = pick(root);
        if (slot != null) {
            JsonNode value = slot.value();
            slot.replace(random.nextBoolean() ? NODES.arrayNode().add(value) : NODES.objectNode().set("value", value));
        }
    }

    private JsonNode randomValue() {
        switch (random.nextInt(12)) {
            case 0:
                return NODES.nullNode();
            case 1:
                return NODES.booleanNode(random.nextBoolean());
            case 2:
                return NODES.numberNode(random.nextInt(21) - 10);
            case 3:
                return NODES.numberNode(new BigInteger("1" + "0".repeat(40)));
            case 4:
                return NODES.numberNode(random.nextDouble() * 20 - 5);
            case 5:
                return NODES.arrayNode();
            case 6:
                return NODES.objectNode();
            case 7:
                return deep(1 + random.nextInt(40));
            default:
                return NODES.textNode(strings[random.nextInt(strings.length)]);
        }
    }

    private JsonNode deep(int depth) {
        JsonNode node = NODES.textNode("bottom");
        for (int i = 0; i < depth; i++) {
            node = i % 2 == 0 ? NODES.arrayNode().add(node) : NODES.objectNode().set("x", node);
        }
        return node;
    }

    private Slot pick(JsonNode root) {
        List<Slot> slots = new ArrayList<>();
        collectSlots(root, slots);
        return slots.isEmpty() ? null : slots.get(random.nextInt(slots.size()));
    }

    private static void collectSlots(JsonNode node, List<Slot> slots) {
        if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> slots.add(new Slot(object, name, -1)));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new Slot(array, null, i));
            }
        }
        for (JsonNode child : node) {
            collectSlots(child, slots);
        }
    }

    private static void collectArrays(JsonNode node, List<ArrayNode> arrays) {
        if (node instanceof ArrayNode array) {
            arrays.add(array);
        }
        for (JsonNode child : node) {
            collectArrays(child, arrays);
        }
    }

    /** A member of an object or an element of an array. */
    private record Slot(JsonNode parent, String name, int index) {
        JsonNode value() {
            return parent instanceof ObjectNode object ? object.get(name) : parent.get(index);
        }

        void remove() {
            if (parent instanceof ObjectNode object) {
                object.remove(name);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }

        void replace(JsonNode value) {
            if (parent instanceof ObjectNode object) {
                object.set(name, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }
    }
}
