package org.stellaops.attestor.predicate.support;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The JSON of a schema and of the schemas it references, by absolute IRI, to look up the node at a keyword location
 * such as {@code http://cyclonedx.org/schema/spdx.schema.json#/enum}.
 */
final class SchemaDocuments {

    private final Map<String, JsonNode> byIri = new HashMap<>();

    /**
     * @param main the main schema; it is found by its {@code $id} (or draft-04 {@code id}) and, for locations the
     *        validator writes without an IRI, by the empty IRI
     * @param referenced the referenced schemas by the IRI they are referenced with
     */
    SchemaDocuments(JsonNode main, Map<String, JsonNode> referenced) {
        referenced.forEach((iri, node) -> byIri.put(normalise(iri), node));
        byIri.put("", main);
        for (String idKeyword : new String[] {"$id", "id"}) {
            JsonNode id = main.get(idKeyword);
            if (id != null && id.isTextual()) {
                byIri.put(normalise(id.asText()), main);
            }
        }
    }

    /**
     * @param location {@code <iri>#<JSON pointer>}, or {@code #<JSON pointer>} in the main schema
     * @return the schema node there, or null when the location names none
     */
    JsonNode resolve(String location) {
        int hash = location.indexOf('#');
        String iri = hash < 0 ? location : location.substring(0, hash);
        String fragment = hash < 0 ? "" : location.substring(hash + 1);
        JsonNode document = byIri.get(normalise(iri));
        if (document == null || !(fragment.isEmpty() || fragment.startsWith("/"))) {
            return null;
        }
        JsonNode node = document.at(fragment);
        return node.isMissingNode() ? null : node;
    }

    private static String normalise(String iri) {
        return iri.endsWith("#") ? iri.substring(0, iri.length() - 1) : iri;
    }
}
