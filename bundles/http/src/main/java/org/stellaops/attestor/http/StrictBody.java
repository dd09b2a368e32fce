package org.stellaops.attestor.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.sdk.AttestorException;

/**
 * A JSON object request body read strictly: no duplicate member at any depth, no member the operation does not take,
 * each member of the type it must have. Every refusal is {@value #MALFORMED} naming the member, and never quotes a
 * member's value (a body may carry a password). An empty body reads as {@code {}}.
 */
final class StrictBody {

    /** The code of every refusal of a body's shape. */
    static final String MALFORMED = "request.malformed";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode node;

    private StrictBody(JsonNode node) {
        this.node = node;
    }

    /**
     * @param body the request body
     * @param members the members the operation takes
     * @return the body
     * @throws AttestorException {@code json.*} for JSON that does not parse, {@value #MALFORMED} for anything but
     *         an object or for a member not in {@code members}
     */
    static StrictBody of(byte[] body, Set<String> members) {
        return of(body.length == 0 ? JsonNodeFactory.instance.objectNode() : VerifyRequests.object(body), members);
    }

    /**
     * @param node a request body already parsed as a JSON object
     * @param members the members the operation takes
     * @return the body
     * @throws AttestorException {@value #MALFORMED} for a member not in {@code members}
     */
    static StrictBody of(JsonNode node, Set<String> members) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!members.contains(name)) {
                throw malformed("unknown member \"" + name + "\": this operation takes "
                        + String.join(", ", new TreeSet<>(members)));
            }
        }
        return new StrictBody(node);
    }

    /**
     * As {@link #of} for a body that carries a secret: a parse failure keeps its code but not the parser's words,
     * which may quote the text around the failure.
     */
    static StrictBody ofSecret(byte[] body, Set<String> members) {
        try {
            return of(body, members);
        } catch (AttestorException e) {
            if (e.code().startsWith("json.")) {
                throw new AttestorException(e.code(), "the request body is not well-formed JSON (details withheld: "
                        + "the body carries a password)");
            }
            throw e;
        } finally {
            Arrays.fill(body, (byte) 0);
        }
    }

    boolean has(String member) {
        return node.has(member);
    }

    /** @return a required string member */
    String text(String member) {
        String value = optionalText(member);
        if (value == null) {
            throw malformed("\"" + member + "\" is required: a string");
        }
        return value;
    }

    /** @return a string member, or null if absent */
    String optionalText(String member) {
        JsonNode value = node.get(member);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw malformed("\"" + member + "\" must be a string");
        }
        return value.textValue();
    }

    /** @return a string member that is not empty, or null if absent */
    String optionalNonEmptyText(String member) {
        String value = optionalText(member);
        if (value != null && value.isEmpty()) {
            throw malformed("\"" + member + "\" must be a non-empty string");
        }
        return value;
    }

    /**
     * @param rule how the refusal describes the allowed values, e.g. "a whole number from 0 to 1000"
     * @return a whole-number member within {@code [min, max]}, or null if absent
     */
    Integer optionalInt(String member, int min, int max, String rule) {
        JsonNode value = node.get(member);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min
                || value.intValue() > max) {
            throw malformed("\"" + member + "\" must be " + rule);
        }
        return value.intValue();
    }

    /** @return a boolean member, false if absent */
    boolean flag(String member) {
        JsonNode value = node.get(member);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            throw malformed("\"" + member + "\" must be true or false");
        }
        return value.booleanValue();
    }

    /** @return an RFC 3339 date-time member (with seconds and an offset), or null if absent */
    Instant time(String member) {
        String value = optionalText(member);
        if (value == null) {
            return null;
        }
        if (!QueryParameters.RFC3339.matcher(value).matches()) {
            throw malformed("\"" + member + "\" must be an RFC 3339 date-time such as 2026-03-01T12:00:00Z");
        }
        try {
            return OffsetDateTime.parse(value.toUpperCase(Locale.ROOT)).toInstant();
        } catch (DateTimeParseException e) {
            throw malformed("\"" + member + "\" is not a valid date-time");
        }
    }

    /**
     * @return a key algorithm member by its constant name ({@code ECDSA_P256_SHA256}, …), or null if absent
     * @throws AttestorException {@code key.unsupported_algorithm} for another name
     */
    KeyAlgorithm algorithm(String member) {
        String value = optionalText(member);
        if (value == null) {
            return null;
        }
        for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
            if (algorithm.name().equals(value)) {
                return algorithm;
            }
        }
        throw new AttestorException("key.unsupported_algorithm", "\"" + member + "\" must be one of "
                + Arrays.toString(KeyAlgorithm.values()));
    }

    /** @return an object member, or null if absent */
    JsonNode object(String member) {
        JsonNode value = node.get(member);
        if (value != null && !value.isObject()) {
            throw malformed("\"" + member + "\" must be a JSON object");
        }
        return value;
    }

    /** @return an object member as compact JSON text */
    String objectText(String member) {
        JsonNode value = object(member);
        if (value == null) {
            throw malformed("\"" + member + "\" is required: a JSON object");
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException("a parsed JSON tree cannot be written", e);
        }
    }

    /**
     * @return a string member as characters the caller clears after use, or null if absent; the value is never part
     *         of a refusal
     */
    char[] secret(String member) {
        JsonNode value = node.get(member);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw malformed("\"" + member + "\" must be a string");
        }
        return value.textValue().toCharArray();
    }

    static AttestorException malformed(String detail) {
        return new AttestorException(MALFORMED, detail);
    }
}
