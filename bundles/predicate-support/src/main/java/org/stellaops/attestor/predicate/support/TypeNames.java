package org.stellaops.attestor.predicate.support;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;

/** Words {@code type} errors: "must be an integer, not a string". */
final class TypeNames {

    private TypeNames() {
    }

    /** @return the message of a {@code type} error */
    static String message(Error error) {
        return "must be " + expected(error) + ", not " + article(actual(error));
    }

    /** @return the JSON type the instance has, as the validator names it ({@code string}, {@code integer}, …) */
    static String actual(Error error) {
        Object[] arguments = error.getArguments();
        return arguments != null && arguments.length > 0 ? String.valueOf(arguments[0]) : "another type";
    }

    /** @return the types a {@code type} keyword allows, with articles ({@code a string or an integer (or null)}) */
    static String expected(Error error) {
        return expected(names(error.getSchemaNode()));
    }

    /** @return the type names a {@code type} keyword allows, in schema order */
    static List<String> names(JsonNode typeKeyword) {
        List<String> names = new ArrayList<>();
        if (typeKeyword != null && typeKeyword.isTextual()) {
            names.add(typeKeyword.asText());
        } else if (typeKeyword != null) {
            typeKeyword.forEach(type -> names.add(type.asText()));
        }
        return names;
    }

    /** @return the names with articles, joined with "or", null last as "(or null)" */
    static String expected(List<String> typeNames) {
        if (typeNames.isEmpty()) {
            return "of another type";
        }
        List<String> names = new ArrayList<>(typeNames);
        boolean nullable = names.remove("null");
        String joined = String.join(" or ", names.stream().map(TypeNames::article).toList());
        if (names.isEmpty()) {
            return "null";
        }
        return nullable ? joined + " (or null)" : joined;
    }

    static String article(String type) {
        switch (type) {
            case "null":
                return "null";
            case "object":
            case "array":
            case "integer":
                return "an " + type;
            default:
                return "a " + type;
        }
    }
}
