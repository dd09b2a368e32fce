package org.stellaops.attestor.predicate.vex;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Defensive reads of a JSON tree. The semantic rules and the fact extraction also run on predicates the schema has
 * rejected, so every read tolerates any node type.
 */
final class Json {

    private Json() {
    }

    /** @return whether the object has the member with a non-null value */
    static boolean present(JsonNode object, String member) {
        JsonNode value = object.get(member);
        return value != null && !value.isNull();
    }

    /** @return the member's text when it is a string that is not blank, else null */
    static String text(JsonNode object, String member) {
        JsonNode value = object.get(member);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    /** @return whether the member is a string made only of white space (or empty) */
    static boolean blankText(JsonNode object, String member) {
        JsonNode value = object.get(member);
        return value != null && value.isTextual() && value.asText().isBlank();
    }

    /** @return the elements of the member when it is an array, else none */
    static Iterable<JsonNode> array(JsonNode object, String member) {
        JsonNode value = object.get(member);
        return value != null && value.isArray() ? value : List.of();
    }

    /** @return the member when it is an object, else null */
    static JsonNode object(JsonNode object, String member) {
        JsonNode value = object.get(member);
        return value != null && value.isObject() ? value : null;
    }

    /**
     * @param object an object
     * @param member a member holding an RFC 3339 date-time
     * @return the instant, or empty when the member is absent or not a date-time this class can read (the schema's
     *         {@code format} check reports a malformed one)
     */
    static Optional<OffsetDateTime> dateTime(JsonNode object, String member) {
        String text = text(object, member);
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text));
        } catch (DateTimeParseException notComparable) {
            // RFC 3339 allows forms java.time does not read (a leap second, a space for the T): such a value is
            // simply not compared; its syntax is the schema's business
            return Optional.empty();
        }
    }
}
