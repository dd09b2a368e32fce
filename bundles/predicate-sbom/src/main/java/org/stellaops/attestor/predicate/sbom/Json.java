package org.stellaops.attestor.predicate.sbom;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/** Small readers over predicate trees that have not necessarily passed the schema: never throw for any shape. */
final class Json {

    private Json() {
    }

    /** @return the node's text when it is a string, else null */
    static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }

    /** @return the node's text when it is a non-blank string, else null */
    static String nonBlank(JsonNode node) {
        String text = text(node);
        return text == null || text.isBlank() ? null : text;
    }

    /** @return the elements of the node when it is an array, else none */
    static List<JsonNode> elements(JsonNode node) {
        List<JsonNode> elements = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(elements::add);
        }
        return elements;
    }

    /** @return the JSON kind of a node with an article, for messages ({@code a number}, {@code an object}) */
    static String kind(JsonNode node) {
        switch (node.getNodeType()) {
            case ARRAY:
                return "an array";
            case OBJECT:
                return "an object";
            case NUMBER:
                return "a number";
            case BOOLEAN:
                return "a boolean";
            case STRING:
                return "a string";
            default:
                return node.getNodeType().name().toLowerCase(Locale.ROOT);
        }
    }
}
