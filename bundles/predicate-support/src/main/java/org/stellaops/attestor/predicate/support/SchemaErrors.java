package org.stellaops.attestor.predicate.support;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import org.stellaops.attestor.api.predicate.ValidationError;

/**
 * Turns validator errors into {@link ValidationError}s whose pointer names the offending member itself and whose
 * message a producer can act on.
 */
final class SchemaErrors {

    private SchemaErrors() {
    }

    /**
     * @param error one validator error (instance locations are JSON Pointers)
     * @param pointerPrefix the pointer of the validated document inside the statement
     * @return the error located and worded for the submitter
     */
    static ValidationError toValidationError(Error error, String pointerPrefix) {
        String pointer = pointerPrefix + error.getInstanceLocation().toString();
        if (error.isCustomMessage()) {
            return new ValidationError(pointer, error.getMessage());
        }
        switch (error.getKeyword()) {
            case "required":
                // The validator reports the object; the submitter needs the member that is missing.
                return new ValidationError(pointer + "/" + Pointers.escape(error.getProperty()), "required member is missing");
            case "type":
                return new ValidationError(pointer, typeMessage(error));
            default:
                return new ValidationError(pointer, error.getMessage());
        }
    }

    private static String typeMessage(Error error) {
        Object[] arguments = error.getArguments();
        String actual = arguments != null && arguments.length > 0 ? String.valueOf(arguments[0]) : "another type";
        return "must be " + expectedTypes(error.getSchemaNode()) + ", not " + article(actual);
    }

    private static String expectedTypes(JsonNode typeKeyword) {
        if (typeKeyword == null) {
            return "of another type";
        }
        if (typeKeyword.isTextual()) {
            return article(typeKeyword.asText());
        }
        List<String> names = new ArrayList<>();
        typeKeyword.forEach(type -> names.add(type.asText()));
        boolean nullable = names.remove("null");
        List<String> withArticles = names.stream().map(SchemaErrors::article).toList();
        String joined = String.join(" or ", withArticles);
        return nullable ? joined + " (or null)" : joined;
    }

    private static String article(String type) {
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
