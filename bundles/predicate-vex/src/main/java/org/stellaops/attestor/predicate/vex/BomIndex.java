package org.stellaops.attestor.predicate.vex;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.stellaops.attestor.api.predicate.ValidationError;

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
        if (metadata != null && Json.object(metadata, "component") != null) {
            index.walk(metadata.get("component"), "/predicate/metadata/component", "components");
        }
        index.walkArray(bom, "/predicate", "components");
        index.walkArray(bom, "/predicate", "services");
        int position = 0;
        for (JsonNode vulnerability : Json.array(bom, "vulnerabilities")) {
            String pointer = "/predicate/vulnerabilities/" + position++;
            if (vulnerability.isObject()) {
                index.register(Json.text(vulnerability, "bom-ref"), pointer, null);
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

    private void walkArray(JsonNode parent, String pointer, String member) {
        int position = 0;
        for (JsonNode child : Json.array(parent, member)) {
            walk(child, pointer + "/" + member + "/" + position++, member);
        }
    }

    /** Iterative, so that a deeply nested BOM costs heap, not stack. */
    private void walk(JsonNode root, String rootPointer, String member) {
        Deque<Located> pending = new ArrayDeque<>();
        pending.push(new Located(root, rootPointer));
        while (!pending.isEmpty()) {
            Located next = pending.pop();
            if (!next.node().isObject()) {
                continue;
            }
            register(Json.text(next.node(), "bom-ref"), next.pointer(), Json.text(next.node(), "purl"));
            List<Located> children = new ArrayList<>();
            int position = 0;
            for (JsonNode child : Json.array(next.node(), member)) {
                children.add(new Located(child, next.pointer() + "/" + member + "/" + position++));
            }
            // pushed in reverse so that elements are visited in document order
            for (int i = children.size() - 1; i >= 0; i--) {
                pending.push(children.get(i));
            }
        }
    }

    private record Located(JsonNode node, String pointer) {
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
