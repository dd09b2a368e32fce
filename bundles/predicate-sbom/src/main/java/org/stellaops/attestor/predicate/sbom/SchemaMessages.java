package org.stellaops.attestor.predicate.sbom;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.stellaops.attestor.api.predicate.ValidationError;

/**
 * Rewords the validator's messages that are correct but unusable: an {@code enum} violation lists every allowed value,
 * and the CycloneDX licence-id enumeration alone has more than 700 (a submitter would get a 15 KB message per wrong
 * licence id).
 */
final class SchemaMessages {

    private static final String ENUM_PREFIX = "does not have a value in the enumeration ";
    private static final int LISTED_VALUES = 24;
    private static final int EXAMPLES = 3;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SchemaMessages() {
    }

    /**
     * @param error a schema error
     * @return the error, with a long enumeration replaced by its size and a few examples (for a CycloneDX licence id,
     *         by what to do instead)
     */
    static ValidationError readable(ValidationError error) {
        String message = error.message();
        if (!message.startsWith(ENUM_PREFIX)) {
            return error;
        }
        List<String> allowed = values(message.substring(ENUM_PREFIX.length()));
        if (allowed.size() <= LISTED_VALUES) {
            return error;
        }
        if (error.pointer().endsWith("/license/id")) {
            return new ValidationError(error.pointer(), "is not an id of the SPDX licence list that the CycloneDX "
                    + "schema allows (" + allowed.size() + " ids, case-sensitive, for example Apache-2.0 or MIT): "
                    + "correct the id, or give a licence that has no SPDX id as license.name instead");
        }
        return new ValidationError(error.pointer(), "is not one of the " + allowed.size() + " values the schema "
                + "allows, for example " + String.join(", ", allowed.subList(0, EXAMPLES)));
    }

    private static List<String> values(String enumeration) {
        List<String> values = new ArrayList<>();
        try {
            JsonNode array = MAPPER.readTree(enumeration);
            if (array != null && array.isArray()) {
                array.forEach(value -> values.add(value.isTextual() ? value.asText() : value.toString()));
            }
        } catch (IOException e) {
            // Not the JSON array the validator normally prints: the message stays as it is (values stays empty).
            return List.of();
        }
        return values;
    }
}
