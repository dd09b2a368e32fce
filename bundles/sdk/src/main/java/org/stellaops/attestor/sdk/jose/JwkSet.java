package org.stellaops.attestor.sdk.jose;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.json.StrictJson;

/**
 * A JWK set (RFC 7517 §5) reduced to the signature keys the sdk can use. Keys of an unsupported type or curve, with
 * a {@code use} other than {@code sig}, or with {@code key_ops} lacking {@code verify} are skipped (a set may serve
 * other consumers too); a supported key that is malformed fails the whole set, so that a broken key file is noticed
 * instead of silently losing its key. Immutable.
 */
public final class JwkSet {

    /** Size limit of a JWK set document. */
    public static final int MAX_BYTES = 512 * 1024;
    private static final JsonLimits LIMITS = new JsonLimits(MAX_BYTES, 8);
    private static final Set<String> EC_CURVES = Set.of("P-256", "P-384", "P-521");

    private final List<Jwk> keys;

    private JwkSet(List<Jwk> keys) {
        this.keys = List.copyOf(keys);
    }

    /**
     * @param keys the keys
     * @return a set of exactly these keys
     */
    public static JwkSet of(List<Jwk> keys) {
        return new JwkSet(keys);
    }

    /**
     * Parses {@code {"keys":[...]}}.
     *
     * @param json the UTF-8 JSON document, at most {@value #MAX_BYTES} bytes
     * @return the usable signature keys, in document order
     * @throws AttestorException {@code jose.malformed_key} for malformed or oversized JSON, a missing {@code keys}
     *         array, an entry that is not an object, or a malformed key of a supported type
     */
    public static JwkSet parse(byte[] json) {
        JsonNode root;
        try {
            root = StrictJson.parse(json, LIMITS);
        } catch (AttestorException e) {
            throw JwkMembers.malformed("JWK set is not valid JSON: " + e.getMessage(), e);
        }
        JsonNode array = root.isObject() ? root.get("keys") : null;
        if (array == null || !array.isArray()) {
            throw JwkMembers.malformed("a JWK set is an object with a \"keys\" array");
        }
        List<Jwk> keys = new ArrayList<>();
        for (JsonNode entry : array) {
            if (!entry.isObject()) {
                throw JwkMembers.malformed("every JWK set entry is an object");
            }
            if (usable(new JwkMembers(entry))) {
                keys.add(Jwk.parse(entry));
            }
        }
        return new JwkSet(keys);
    }

    private static boolean usable(JwkMembers m) {
        String kty = m.text("kty");
        String use = m.optionalText("use");
        if (use != null && !"sig".equals(use)) {
            return false;
        }
        if (m.has("key_ops") && !keyOpsAllowVerify(m)) {
            return false;
        }
        switch (kty) {
            case "RSA":
                return true;
            case "EC":
                return EC_CURVES.contains(m.optionalText("crv"));
            case "OKP":
                return "Ed25519".equals(m.optionalText("crv"));
            default:
                return false;
        }
    }

    private static boolean keyOpsAllowVerify(JwkMembers m) {
        JsonNode ops = m.node("key_ops");
        if (!ops.isArray()) {
            throw JwkMembers.malformed("JWK member \"key_ops\" must be an array");
        }
        for (JsonNode op : ops) {
            if ("verify".equals(op.textValue())) {
                return true;
            }
        }
        return false;
    }

    /** @return the keys, in document order */
    public List<Jwk> keys() {
        return keys;
    }

    /**
     * @param kid a key id
     * @return the first key with that id
     */
    public Optional<Jwk> byKid(String kid) {
        return keys.stream().filter(k -> kid != null && kid.equals(k.kid())).findFirst();
    }

    /**
     * @param kid a key id
     * @return every key with that id (a set may carry one per algorithm)
     */
    public List<Jwk> allByKid(String kid) {
        return keys.stream().filter(k -> kid != null && kid.equals(k.kid())).toList();
    }

    @Override
    public String toString() {
        return "JwkSet" + keys;
    }
}
