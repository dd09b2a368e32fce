package org.stellaops.attestor.sdk.dsse;

import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.Signature;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.ErrorCodes;
import org.stellaops.attestor.sdk.crypto.Signatures;
import org.stellaops.attestor.sdk.encoding.StrictBase64;
import org.stellaops.attestor.sdk.internal.Hashing;
import org.stellaops.attestor.sdk.json.Jcs;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.json.StrictJson;

/**
 * DSSE envelope JSON: strict parsing, the canonical JSON form, and signing.
 */
public final class DsseEnvelopes {

    /** Most signatures one envelope may carry. */
    public static final int MAX_SIGNATURES = 16;

    private DsseEnvelopes() {
    }

    /**
     * Parses an envelope from untrusted JSON. Unknown members are ignored; duplicated members are not.
     *
     * @param json the UTF-8 JSON bytes
     * @param limits size and depth limits
     * @return the envelope with its canonical JSON and digest
     * @throws AttestorException with the {@code json.*} codes, or {@code envelope.malformed},
     *         {@code envelope.missing_payload_type}, {@code envelope.bad_base64}, {@code envelope.no_signatures},
     *         {@code envelope.empty_signature}, {@code envelope.too_many_signatures}
     */
    public static ParsedEnvelope parse(byte[] json, JsonLimits limits) {
        JsonNode root = StrictJson.parse(json, limits);
        if (!root.isObject()) {
            throw error(ErrorCodes.ENVELOPE_MALFORMED, "a DSSE envelope is a JSON object");
        }
        byte[] payload = decode(requiredString(root, "payload"), "payload");
        String payloadType = payloadType(root.get("payloadType"));
        List<Signature> signatures = signatures(root.get("signatures"));
        byte[] canonical = Jcs.canonicalize(root);
        String digest = HexFormat.of().formatHex(Hashing.sha256(canonical));
        return new ParsedEnvelope(new Envelope(payloadType, Bytes.of(payload), signatures), digest, canonical);
    }

    /**
     * The JSON form {@code {"payload","payloadType","signatures":[{"keyid"?,"sig"}]}} with standard base64 and the
     * keyid omitted when empty. It is already in RFC 8785 canonical form.
     *
     * @param envelope the envelope
     * @return UTF-8 JSON bytes
     */
    public static byte[] toJson(Envelope envelope) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode root = nodes.objectNode();
        root.put("payload", envelope.payload().base64());
        root.put("payloadType", envelope.payloadType());
        ArrayNode signatures = root.putArray("signatures");
        for (Signature s : envelope.signatures()) {
            ObjectNode sig = signatures.addObject();
            if (!s.keyId().isEmpty()) {
                sig.put("keyid", s.keyId());
            }
            sig.put("sig", s.sig().base64());
        }
        return Jcs.canonicalize(root);
    }

    /**
     * Creates an envelope with one signature over PAE(payloadType, payload).
     *
     * @param payloadType the payload type, not empty
     * @param payload the payload
     * @param key the signing key
     * @param alg the algorithm
     * @param keyId the keyid hint to record, or null/empty for none
     * @return the signed envelope
     */
    public static Envelope sign(String payloadType, byte[] payload, PrivateKey key, KeyAlgorithm alg, String keyId) {
        if (payloadType == null || payloadType.isEmpty()) {
            throw error(ErrorCodes.ENVELOPE_MISSING_PAYLOAD_TYPE, "payloadType must not be empty");
        }
        byte[] sig = Signatures.sign(key, alg, Pae.encode(payloadType, payload));
        return new Envelope(payloadType, Bytes.of(payload), List.of(new Signature(keyId, Bytes.of(sig))));
    }

    /**
     * Returns a copy of an envelope with one more signature over the same PAE.
     *
     * @param envelope the envelope
     * @param key the signing key
     * @param alg the algorithm
     * @param keyId the keyid hint to record, or null/empty for none
     * @return the new envelope
     * @throws AttestorException {@code envelope.too_many_signatures} if the envelope already has 16 signatures
     */
    public static Envelope addSignature(Envelope envelope, PrivateKey key, KeyAlgorithm alg, String keyId) {
        if (envelope.signatures().size() >= MAX_SIGNATURES) {
            throw error(ErrorCodes.ENVELOPE_TOO_MANY_SIGNATURES, "an envelope carries at most " + MAX_SIGNATURES
                    + " signatures");
        }
        byte[] sig = Signatures.sign(key, alg, Pae.encode(envelope.payloadType(), envelope.payload().value()));
        List<Signature> signatures = new ArrayList<>(envelope.signatures());
        signatures.add(new Signature(keyId, Bytes.of(sig)));
        return new Envelope(envelope.payloadType(), envelope.payload(), signatures);
    }

    private static String payloadType(JsonNode node) {
        if (node == null || node.isNull()) {
            throw error(ErrorCodes.ENVELOPE_MISSING_PAYLOAD_TYPE, "envelope has no payloadType");
        }
        if (!node.isTextual()) {
            throw error(ErrorCodes.ENVELOPE_MALFORMED, "payloadType must be a string");
        }
        if (node.textValue().isEmpty()) {
            throw error(ErrorCodes.ENVELOPE_MISSING_PAYLOAD_TYPE, "payloadType is empty");
        }
        return node.textValue();
    }

    private static List<Signature> signatures(JsonNode node) {
        if (node == null || node.isNull()) {
            throw error(ErrorCodes.ENVELOPE_NO_SIGNATURES, "envelope has no signatures");
        }
        if (!node.isArray()) {
            throw error(ErrorCodes.ENVELOPE_MALFORMED, "signatures must be an array");
        }
        if (node.isEmpty()) {
            throw error(ErrorCodes.ENVELOPE_NO_SIGNATURES, "envelope has no signatures");
        }
        if (node.size() > MAX_SIGNATURES) {
            throw error(ErrorCodes.ENVELOPE_TOO_MANY_SIGNATURES,
                    node.size() + " signatures exceed the limit of " + MAX_SIGNATURES);
        }
        List<Signature> out = new ArrayList<>(node.size());
        for (JsonNode s : node) {
            out.add(signature(s));
        }
        return out;
    }

    private static Signature signature(JsonNode node) {
        if (!node.isObject()) {
            throw error(ErrorCodes.ENVELOPE_MALFORMED, "each signature is a JSON object");
        }
        JsonNode keyid = node.get("keyid");
        if (keyid != null && !keyid.isNull() && !keyid.isTextual()) {
            throw error(ErrorCodes.ENVELOPE_MALFORMED, "keyid must be a string");
        }
        JsonNode sig = node.get("sig");
        if (sig == null || sig.isNull()) {
            throw error(ErrorCodes.ENVELOPE_EMPTY_SIGNATURE, "signature has no sig");
        }
        if (!sig.isTextual()) {
            throw error(ErrorCodes.ENVELOPE_MALFORMED, "sig must be a string");
        }
        byte[] bytes = decode(sig.textValue(), "sig");
        if (bytes.length == 0) {
            throw error(ErrorCodes.ENVELOPE_EMPTY_SIGNATURE, "signature is empty");
        }
        return new Signature(keyid == null || keyid.isNull() ? "" : keyid.textValue(), Bytes.of(bytes));
    }

    private static String requiredString(JsonNode root, String name) {
        JsonNode node = root.get(name);
        if (node == null || !node.isTextual()) {
            throw error(ErrorCodes.ENVELOPE_MALFORMED, name + " must be present as a string");
        }
        return node.textValue();
    }

    private static byte[] decode(String text, String what) {
        try {
            return StrictBase64.decode(text);
        } catch (IllegalArgumentException e) {
            throw new AttestorException(ErrorCodes.ENVELOPE_BAD_BASE64, what + ": " + e.getMessage(), e);
        }
    }

    private static AttestorException error(String code, String message) {
        return new AttestorException(code, message);
    }
}
