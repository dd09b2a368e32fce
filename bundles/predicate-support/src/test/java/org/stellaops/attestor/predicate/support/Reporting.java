package org.stellaops.attestor.predicate.support;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.stellaops.attestor.api.predicate.ValidationError;

/** The test schema {@code reporting.schema.json}, which has one member per reporting rule, and documents for it. */
final class Reporting {

    static final String ID = "http://example.test/schemas/reporting.schema.json";
    static final PredicateSchema SCHEMA = PredicateSchema.load(Reporting.class, "/schemas/reporting.schema.json");

    private static final ObjectMapper JSON = new ObjectMapper();

    private Reporting() {
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** @return the errors of {@code {"<member>": <value>}} */
    static List<ValidationError> errors(String member, String value) {
        return errors(SCHEMA, member, value);
    }

    static List<ValidationError> errors(PredicateSchema schema, String member, String value) {
        return schema.validate(json("{\"" + member + "\": " + value + "}"), "/predicate");
    }
}
