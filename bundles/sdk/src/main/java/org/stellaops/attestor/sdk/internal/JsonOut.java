package org.stellaops.attestor.sdk.internal;

import org.stellaops.attestor.sdk.json.StrictJson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** Serialises JSON trees the sdk built itself. */
public final class JsonOut {

    private JsonOut() {
    }

    /**
     * @param node a tree of plain JSON values
     * @return its UTF-8 JSON bytes
     */
    public static byte[] write(JsonNode node) {
        try {
            return StrictJson.mapper().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
