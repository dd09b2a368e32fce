package org.stellaops.attestor.predicate.vex;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.predicate.support.Json;
import org.stellaops.attestor.predicate.support.Trees;

/**
 * The {@code bom-ref}s of a CycloneDX BOM: of {@code metadata.component}, of every component and service at any
 * nesting depth, and of the vulnerabilities. CycloneDX requires every bom-ref to be unique within the BOM; a repeat is
 * an error, since it would make {@code affects[].ref} ambiguous.
 */
final class BomIndex {

    /**
     * A component or service that can be named by {@code affects[].ref}.
     *
     * @param pointer where it is
     * @param purl its package URL, or null
     */
    record Element(String pointer, String purl) {
    }

    private final Map<String, Element> elements = new HashMap<>();
    private final Map<String, String> firstUse = new HashMap<>();
    private final List<ValidationError> duplicates = new ArrayList<>();

    private BomIndex() {
    }

    /** @param bom the BOM; any JSON tree is tolerated */
    static BomIndex of(JsonNode bom) {
        BomIndex index = new BomIndex();
        if (!bom.isObject()) {
            return index;
        }
        JsonNode metadata = Json.object(bom, "metadata");
        JsonNode root = metadata == null ? null : Json.object(metadata, "component");
        if (root != null) {
            index.visit(root, "/predicate/metadata/component");
            Trees.walk(root.get("components"), "/predicate/metadata/component/components", "components", index::visit);
        }
        Trees.walk(bom.get("components"), "/predicate/components", "components", index::visit);
        Trees.walk(bom.get("services"), "/predicate/services", "services", index::visit);
        int position = 0;
        for (JsonNode vulnerability : Json.elements(bom.get("vulnerabilities"))) {
            String pointer = "/predicate/vulnerabilities/" + position++;
            if (vulnerability.isObject()) {
                index.register(Json.nonBlank(vulnerability, "bom-ref"), pointer, null);
            }
        }
        return index;
    }

    /** @return the element whose bom-ref is {@code ref}, or null */
    Element find(String ref) {
        return elements.get(ref);
    }

    /** @return an error for each bom-ref used a second time, located at the repeat */
    List<ValidationError> duplicates() {
        return List.copyOf(duplicates);
    }

    private void visit(JsonNode element, String pointer) {
        if (element.isObject()) {
            register(Json.nonBlank(element, "bom-ref"), pointer, Json.nonBlank(element, "purl"));
        }
    }

    private void register(String ref, String pointer, String purl) {
        if (ref == null) {
            return;
        }
        String first = firstUse.putIfAbsent(ref, pointer);
        if (first != null) {
            duplicates.add(new ValidationError(pointer + "/bom-ref", "bom-ref '" + ref + "' is already used by "
                    + first + "; every bom-ref must be unique within the BOM"));
        } else if (!pointer.startsWith("/predicate/vulnerabilities/")) {
            elements.put(ref, new Element(pointer, purl));
        }
    }
}
