package org.stellaops.attestor.predicate.sbom;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.predicate.support.Json;
import org.stellaops.attestor.predicate.support.Pointers;

/**
 * Finds identifiers used twice within one document (CycloneDX {@code bom-ref}, SPDX {@code SPDXID}): the error is at
 * the second use and names the first. One instance per document.
 */
final class UniqueIds {

    private final String member;
    private final String rule;
    private final Map<String, String> firstUse = new HashMap<>();
    private final List<ValidationError> errors = new ArrayList<>();

    /**
     * @param member the member that holds an element's identifier
     * @param rule why it must be unique, for the message
     */
    UniqueIds(String member, String rule) {
        this.member = member;
        this.rule = rule;
    }

    /**
     * @param element an element of any JSON type, or null
     * @param pointer its pointer
     */
    void check(JsonNode element, String pointer) {
        String id = element == null ? null : Json.text(element.get(member));
        if (id == null) {
            return;
        }
        String here = Pointers.append(pointer, member);
        String first = firstUse.putIfAbsent(id, here);
        if (first != null) {
            errors.add(new ValidationError(here, member + " \"" + id + "\" is already used at " + first + ": " + rule));
        }
    }

    /** @return the repeats found so far, in the order they were found */
    List<ValidationError> errors() {
        return List.copyOf(errors);
    }
}
