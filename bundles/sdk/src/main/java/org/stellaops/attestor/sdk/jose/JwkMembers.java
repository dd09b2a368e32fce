package org.stellaops.attestor.sdk.jose;

import java.math.BigInteger;

import com.fasterxml.jackson.databind.JsonNode;

import org.stellaops.attestor.sdk.AttestorException;

/** Reads the members of one JWK object, failing with {@code jose.malformed_key}. */
final class JwkMembers {

    private final JsonNode jwk;

    JwkMembers(JsonNode jwk) {
        this.jwk = jwk;
    }

    static AttestorException malformed(String message) {
        return new AttestorException(JoseCodes.MALFORMED_KEY, message);
    }

    static AttestorException malformed(String message, Throwable cause) {
        return new AttestorException(JoseCodes.MALFORMED_KEY, message, cause);
    }

    boolean has(String name) {
        return jwk.has(name);
    }

    JsonNode node(String name) {
        return jwk.get(name);
    }

    /**
     * @param name the member
     * @return its string value, or null when absent
     */
    String optionalText(String name) {
        JsonNode value = jwk.get(name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw malformed("JWK member \"" + name + "\" must be a string");
        }
        return value.textValue();
    }

    String text(String name) {
        String value = optionalText(name);
        if (value == null) {
            throw malformed("JWK member \"" + name + "\" is missing");
        }
        return value;
    }

    /** @return the decoded bytes of a required base64url member, which must not be empty */
    byte[] bytes(String name) {
        String text = text(name);
        byte[] value;
        try {
            value = Base64Url.decode(text);
        } catch (IllegalArgumentException e) {
            throw malformed("JWK member \"" + name + "\" is not base64url: " + e.getMessage(), e);
        }
        if (value.length == 0) {
            throw malformed("JWK member \"" + name + "\" is empty");
        }
        return value;
    }

    /** @return a required base64url member of exactly the given length */
    byte[] bytes(String name, int length) {
        byte[] value = bytes(name);
        if (value.length != length) {
            throw malformed("JWK member \"" + name + "\" must have " + length + " bytes, not " + value.length);
        }
        return value;
    }

    /** @return a required base64url member as an unsigned big-endian integer */
    BigInteger unsigned(String name) {
        return new BigInteger(1, bytes(name));
    }
}
