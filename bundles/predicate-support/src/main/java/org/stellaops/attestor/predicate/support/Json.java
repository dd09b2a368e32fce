package org.stellaops.attestor.predicate.support;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Small readers over predicate trees that have not necessarily passed the schema: semantic rules and fact extraction
 * also run on rejected predicates, so every method accepts any node (or null) and never throws for its shape.
 *
 * @since 1.1
 */
public final class Json {

    private Json() {
    }

    /**
     * @param node a node, or null
     * @return its text when it is a string, else null
     */
    public static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }

    /**
     * @param node a node, or null
     * @return its text when it is a string that is not blank, else null
     */
    public static String nonBlank(JsonNode node) {
        String text = text(node);
        return text == null || text.isBlank() ? null : text;
    }

    /**
     * @param object a node (usually an object)
     * @param member a member name
     * @return the member's text when it is a string that is not blank, else null
     */
    public static String nonBlank(JsonNode object, String member) {
        return nonBlank(object.get(member));
    }

    /**
     * @param object a node (usually an object)
     * @param member a member name
     * @return whether the member is a string made only of white space (or empty)
     */
    public static boolean blank(JsonNode object, String member) {
        String text = text(object.get(member));
        return text != null && text.isBlank();
    }

    /**
     * @param object a node (usually an object)
     * @param member a member name
     * @return whether the object has the member with a value other than null
     */
    public static boolean present(JsonNode object, String member) {
        JsonNode value = object.get(member);
        return value != null && !value.isNull();
    }

    /**
     * @param object a node (usually an object)
     * @param member a member name
     * @return the member when it is an object, else null
     */
    public static JsonNode object(JsonNode object, String member) {
        JsonNode value = object.get(member);
        return value != null && value.isObject() ? value : null;
    }

    /**
     * @param node a node, or null
     * @return its elements when it is an array, else none
     */
    public static List<JsonNode> elements(JsonNode node) {
        List<JsonNode> elements = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(elements::add);
        }
        return elements;
    }

    /**
     * @param node a node, or null
     * @return the instant of an RFC 3339 date-time string, or empty when it is no string or not a date-time
     *         {@link OffsetDateTime} reads (RFC 3339 allows forms it does not, such as a leap second: such a value is
     *         simply not compared; its syntax is the schema's business)
     */
    public static Optional<OffsetDateTime> dateTime(JsonNode node) {
        String text = text(node);
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text));
        } catch (DateTimeParseException notComparable) {
            // not comparable: the schema's format check reports a malformed value
            return Optional.empty();
        }
    }

    /**
     * @param node a node
     * @return its JSON kind with an article, for messages ({@code a number}, {@code an object})
     */
    public static String kind(JsonNode node) {
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
