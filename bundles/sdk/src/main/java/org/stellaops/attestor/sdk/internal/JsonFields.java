package org.stellaops.attestor.sdk.internal;

import java.math.BigInteger;
import java.util.Iterator;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.encoding.StrictBase64;

/**
 * Typed access to members of a parsed JSON tree, failing with one error code. Member lookups take alternative names
 * (protojson's camelCase and snake_case); a null value counts as absent, as in protojson.
 *
 * @param code the error code of every failure
 */
public record JsonFields(String code) {

    private static final BigInteger MAX_LONG = BigInteger.valueOf(Long.MAX_VALUE);

    /**
     * Creates a failure.
     *
     * @param message the reason
     * @return the exception to throw
     */
    public AttestorException fail(String message) {
        return new AttestorException(code, message);
    }

    /**
     * Requires an object.
     *
     * @param node the value
     * @param what a name for messages
     * @return the object
     */
    public ObjectNode object(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw fail(what + " must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /**
     * Looks a member up under any of its names.
     *
     * @param obj the object
     * @param names the accepted names of one field
     * @return the value, or null if absent or JSON null
     * @throws AttestorException if more than one of the names is present
     */
    public JsonNode member(ObjectNode obj, String... names) {
        JsonNode found = null;
        int present = 0;
        for (String name : names) {
            if (obj.has(name)) {
                present++;
                found = obj.get(name);
            }
        }
        if (present > 1) {
            throw fail("field " + names[0] + " is given more than once");
        }
        return found == null || found.isNull() ? null : found;
    }

    /**
     * Looks a required member up.
     *
     * @param obj the object
     * @param names the accepted names of one field
     * @return the value, never null
     */
    public JsonNode required(ObjectNode obj, String... names) {
        JsonNode value = member(obj, names);
        if (value == null) {
            throw fail("missing field " + names[0]);
        }
        return value;
    }

    /**
     * Rejects members outside a set of names.
     *
     * @param obj the object
     * @param allowed every accepted member name
     * @param what a name for messages
     */
    public void onlyKnown(ObjectNode obj, Set<String> allowed, String what) {
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw fail("unknown field \"" + name + "\" in " + what);
            }
        }
    }

    /**
     * Requires a string.
     *
     * @param node the value
     * @param what a name for messages
     * @return the text
     */
    public String string(JsonNode node, String what) {
        if (node == null || !node.isTextual()) {
            throw fail(what + " must be a string");
        }
        return node.textValue();
    }

    /**
     * Requires a non-empty base64 string (standard or URL-safe, padding optional, canonical).
     *
     * @param node the value
     * @param what a name for messages
     * @return the decoded bytes
     */
    public byte[] bytes(JsonNode node, String what) {
        String text = string(node, what);
        byte[] value;
        try {
            value = StrictBase64.decode(text);
        } catch (IllegalArgumentException e) {
            throw new AttestorException(code, what + " is not base64: " + e.getMessage(), e);
        }
        if (value.length == 0) {
            throw fail(what + " is empty");
        }
        return value;
    }

    /**
     * Requires a non-negative 64-bit integer, given as a JSON integer or a decimal string (protojson int64).
     *
     * @param node the value
     * @param what a name for messages
     * @return the number
     */
    public long int64(JsonNode node, String what) {
        BigInteger value;
        if (node != null && node.isIntegralNumber()) {
            value = node.bigIntegerValue();
        } else if (node != null && node.isTextual() && node.textValue().matches("0|[1-9][0-9]{0,18}")) {
            value = new BigInteger(node.textValue());
        } else {
            throw fail(what + " must be a non-negative integer or decimal string");
        }
        if (value.signum() < 0 || value.compareTo(MAX_LONG) > 0) {
            throw fail(what + " is out of range");
        }
        return value.longValueExact();
    }
}
