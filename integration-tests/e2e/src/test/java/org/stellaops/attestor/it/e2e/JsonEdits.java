package org.stellaops.attestor.it.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Edits of a JSON tree addressed by JSON Pointer (RFC 6901), the way the server's errors address members. */
final class JsonEdits {

    private JsonEdits() {
    }

    /** @return the node at the pointer; fails when there is none, so a test never edits a member it did not mean */
    static JsonNode at(JsonNode root, String pointer) {
        JsonNode node = root.at(pointer);
        if (node.isMissingNode()) {
            throw new IllegalArgumentException("no member at " + pointer + " in the test document");
        }
        return node;
    }

    /** Removes an existing object member or array element. */
    static void remove(JsonNode root, String pointer) {
        at(root, pointer);
        JsonPointer p = JsonPointer.compile(pointer);
        JsonNode parent = at(root, p.head().toString());
        String last = p.last().getMatchingProperty();
        if (parent instanceof ObjectNode object) {
            object.remove(last);
        } else {
            ((ArrayNode) parent).remove(Integer.parseInt(last));
        }
    }

    /** Sets an object member (new or existing) or replaces an existing array element. */
    static void set(JsonNode root, String pointer, JsonNode value) {
        JsonPointer p = JsonPointer.compile(pointer);
        JsonNode parent = at(root, p.head().toString());
        String last = p.last().getMatchingProperty();
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else {
            int index = Integer.parseInt(last);
            at(root, pointer);
            ((ArrayNode) parent).set(index, value);
        }
    }

    /** Sets a string value (see {@link #set}). */
    static void set(JsonNode root, String pointer, String value) {
        set(root, pointer, ApiClient.MAPPER.getNodeFactory().textNode(value));
    }

    /** @return the pointers of every scalar (string, number, boolean, null) under the pointer, in document order */
    static List<String> leaves(JsonNode root, String pointer) {
        List<String> out = new ArrayList<>();
        collectLeaves(at(root, pointer), pointer, out);
        return out;
    }

    private static void collectLeaves(JsonNode node, String pointer, List<String> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                collectLeaves(member.getValue(), pointer + "/" + escape(member.getKey()), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectLeaves(node.get(i), pointer + "/" + i, out);
            }
        } else {
            out.add(pointer);
        }
    }

    /** @return the RFC 6901 form of one reference token */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** @return {@code depth} arrays nested in each other around a string */
    static JsonNode nested(int depth) {
        JsonNode node = ApiClient.MAPPER.getNodeFactory().textNode("bottom");
        for (int i = 0; i < depth; i++) {
            ArrayNode array = ApiClient.MAPPER.createArrayNode();
            array.add(node);
            node = array;
        }
        return node;
    }
}
