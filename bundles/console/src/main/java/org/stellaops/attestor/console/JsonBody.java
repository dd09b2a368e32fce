package org.stellaops.attestor.console;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import org.stellaops.attestor.core.service.ErrorCodes;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.json.StrictJson;

/**
 * One JSON object posted by the Security keys page, read strictly: bounded size, no duplicate member, no member the
 * operation does not take. Every refusal is an {@link AttestorException} with a stable code.
 */
final class JsonBody {

    private final JsonNode object;

    private JsonBody(JsonNode object) {
        this.object = object;
    }

    /**
     * @param in the request body
     * @param maxBytes the largest body taken
     * @param members the members the operation takes
     * @return the body
     * @throws AttestorException {@code request.too_large}, {@code json.*} or {@code request.malformed}
     * @throws IOException when the body cannot be read
     */
    static JsonBody read(InputStream in, int maxBytes, Set<String> members) throws IOException {
        byte[] bytes = in.readNBytes(maxBytes + 1);
        JsonNode node = StrictJson.parse(bytes, new JsonLimits(maxBytes, 64));
        if (!node.isObject()) {
            throw malformed("the body is not a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!members.contains(name)) {
                throw malformed("unknown member \"" + name + "\"; this operation takes " + members);
            }
        }
        return new JsonBody(node);
    }

    /** @return the member's string value; a missing or non-string member is refused */
    String text(String name) {
        String value = optionalText(name);
        if (value == null) {
            throw malformed("\"" + name + "\" (a string) is missing");
        }
        return value;
    }

    /** @return the member's string value, or null when it is absent or JSON null */
    String optionalText(String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw malformed("\"" + name + "\" must be a string");
        }
        return value.asText();
    }

    /** @return the member's boolean value, false when absent */
    boolean flag(String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw malformed("\"" + name + "\" must be true or false");
        }
        return value.booleanValue();
    }

    /** @return the member, a JSON object, as compact JSON text */
    String objectText(String name) {
        JsonNode value = object.get(name);
        if (value == null || !value.isObject()) {
            throw malformed("\"" + name + "\" (a JSON object) is missing");
        }
        try {
            return StrictJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree always serializes", e);
        }
    }

    /**
     * @param text JSON text a person pasted
     * @return the parsed JSON object
     * @throws AttestorException {@code json.*} for text that does not parse, {@code request.malformed} for another
     *         value than an object
     */
    static JsonNode parseObject(String text, String what) {
        JsonNode node = StrictJson.parse(text.getBytes(StandardCharsets.UTF_8), JsonLimits.DEFAULT);
        if (!node.isObject()) {
            throw malformed(what + " is not a JSON object");
        }
        return node;
    }

    static AttestorException malformed(String detail) {
        return new AttestorException(ErrorCodes.BAD_REQUEST, detail);
    }
}
