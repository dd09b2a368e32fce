package org.stellaops.attestor.sdk.jose;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.RSAKey;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.internal.BcKeys;
import org.stellaops.attestor.sdk.internal.JsonOut;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.json.StrictJson;

/**
 * A JWS in compact serialization (RFC 7515 §7.1), parsed strictly. Immutable: the accessors return copies.
 *
 * @param header the protected header (a JSON object with a string {@code alg}, no {@code crit})
 * @param payload the payload bytes
 * @param signature the signature bytes (ECDSA in JOSE's raw R‖S form)
 * @param signingInput the ASCII text the signature covers: {@code base64url(header) "." base64url(payload)}
 */
public record Jws(ObjectNode header, byte[] payload, byte[] signature, String signingInput) {

    private static final int HEADER_MAX_BYTES = 16 * 1024;
    private static final int MAX_DEPTH = 16;
    private static final int ED25519_SIGNATURE_BYTES = 64;

    /** Copies the mutable parts in. */
    public Jws {
        header = Objects.requireNonNull(header, "header").deepCopy();
        payload = payload.clone();
        signature = signature.clone();
        Objects.requireNonNull(signingInput, "signingInput");
    }

    @Override
    public ObjectNode header() {
        return header.deepCopy();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /**
     * Parses a compact JWS: exactly three parts of strict unpadded base64url, a non-empty signature, a header that is
     * a JSON object without duplicate members, with a string {@code alg} and without {@code crit} (no extension is
     * understood, so none may be critical).
     *
     * @param compact the text
     * @param maxBytes the largest accepted text length
     * @return the parts
     * @throws AttestorException {@code jose.malformed} for anything else
     */
    public static Jws parse(String compact, int maxBytes) {
        if (compact == null || compact.isEmpty()) {
            throw malformed("empty JWS");
        }
        if (compact.length() > maxBytes) {
            throw malformed("JWS of " + compact.length() + " characters exceeds the limit of " + maxBytes);
        }
        int first = compact.indexOf('.');
        int second = first < 0 ? -1 : compact.indexOf('.', first + 1);
        if (second < 0 || compact.indexOf('.', second + 1) >= 0) {
            throw malformed("a compact JWS has exactly three dot-separated parts");
        }
        byte[] headerBytes = part(compact.substring(0, first), "header");
        byte[] payload = part(compact.substring(first + 1, second), "payload");
        byte[] signature = part(compact.substring(second + 1), "signature");
        if (headerBytes.length == 0 || signature.length == 0) {
            throw malformed("JWS header and signature must not be empty");
        }
        ObjectNode header = object(headerBytes, Math.min(maxBytes, HEADER_MAX_BYTES), "header");
        JsonNode alg = header.get("alg");
        if (alg == null || !alg.isTextual()) {
            throw malformed("JWS header has no string \"alg\"");
        }
        if (header.has("crit")) {
            throw malformed("JWS header \"crit\" names extensions that are not supported");
        }
        return new Jws(header, payload, signature, compact.substring(0, second));
    }

    /**
     * @return the header's algorithm
     * @throws AttestorException {@code jose.algorithm_not_allowed} for {@code none}, HMAC and unknown algorithms
     */
    public JwsAlgorithm algorithm() {
        return JwsAlgorithm.parse(header.get("alg").textValue());
    }

    /**
     * @param name a header member
     * @return its string value, or null when absent or not a string
     */
    public String headerText(String name) {
        JsonNode value = header.get(name);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    /**
     * Verifies the signature with a key.
     *
     * @param key the public key
     * @return whether the signature is valid (false for a wrong signature or one of the wrong length)
     * @throws AttestorException {@code jose.algorithm_not_allowed} when the header algorithm is not allowed or does
     *         not fit the key (for example RS256 with an EC key)
     */
    public boolean verify(PublicKey key) {
        JwsAlgorithm alg = algorithm();
        if (!alg.fits(key)) {
            throw new AttestorException(JoseCodes.ALGORITHM_NOT_ALLOWED,
                    alg + " cannot be used with a " + key.getAlgorithm() + " key of this kind");
        }
        byte[] sig = expectedShape(alg, key);
        if (sig == null) {
            return false;
        }
        Signature verifier = alg.newSignature();
        try {
            verifier.initVerify(BcKeys.toBc(key));
        } catch (InvalidKeyException e) {
            throw new AttestorException(JoseCodes.ALGORITHM_NOT_ALLOWED, "key rejected for " + alg, e);
        }
        try {
            verifier.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(sig);
        } catch (SignatureException | RuntimeException e) {
            // A signature BouncyCastle cannot even decode is not a valid signature.
            return false;
        }
    }

    private byte[] expectedShape(JwsAlgorithm alg, PublicKey key) {
        if (alg.isEcdsa()) {
            return EcdsaSignatures.toDer(signature, alg.coordinateBytes());
        }
        int expected = alg == JwsAlgorithm.EdDSA ? ED25519_SIGNATURE_BYTES
                : (((RSAKey) key).getModulus().bitLength() + 7) / 8;
        return signature.length == expected ? signature : null;
    }

    /**
     * Parses the payload as a JSON object (a JWT claims set), strictly.
     *
     * @param maxBytes the largest accepted payload
     * @return the object
     * @throws AttestorException {@code jose.malformed} when the payload is larger, not JSON, has duplicate members or
     *         is not an object
     */
    public JsonNode payloadJson(int maxBytes) {
        return object(payload, maxBytes, "payload");
    }

    /**
     * Signs a payload into a compact JWS.
     *
     * @param header the header members; {@code alg} is set (first) in a copy
     * @param payload the payload bytes
     * @param key a private key that fits the algorithm
     * @param alg the algorithm
     * @return the compact JWS (ECDSA signatures in raw R‖S form)
     * @throws AttestorException {@code jose.algorithm_not_allowed} when the key does not fit the algorithm
     */
    public static String sign(ObjectNode header, byte[] payload, PrivateKey key, JwsAlgorithm alg) {
        if (!alg.fitsKey(key)) {
            throw new AttestorException(JoseCodes.ALGORITHM_NOT_ALLOWED,
                    alg + " cannot be used with a " + key.getAlgorithm() + " key of this kind");
        }
        ObjectNode h = JsonNodeFactory.instance.objectNode();
        h.put("alg", alg.name());
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            if (!"alg".equals(member.getKey())) {
                h.set(member.getKey(), member.getValue().deepCopy());
            }
        }
        String input = Base64Url.encode(JsonOut.write(h)) + "." + Base64Url.encode(payload);
        PrivateKey bc = BcKeys.toBcOrNull(key);
        byte[] sig;
        try {
            Signature signer = bc != null ? alg.newSignature() : alg.newJcaSignature();
            signer.initSign(bc != null ? bc : key);
            signer.update(input.getBytes(StandardCharsets.US_ASCII));
            sig = signer.sign();
        } catch (GeneralSecurityException e) {
            throw new AttestorException(JoseCodes.ALGORITHM_NOT_ALLOWED, "the key cannot sign with " + alg, e);
        }
        if (alg.isEcdsa()) {
            sig = EcdsaSignatures.toRaw(sig, alg.coordinateBytes());
        }
        return input + "." + Base64Url.encode(sig);
    }

    private static byte[] part(String text, String what) {
        try {
            return Base64Url.decode(text);
        } catch (IllegalArgumentException e) {
            throw malformed("JWS " + what + " is not strict base64url: " + e.getMessage());
        }
    }

    private static ObjectNode object(byte[] json, int maxBytes, String what) {
        JsonNode node;
        try {
            node = StrictJson.parse(json, new JsonLimits(maxBytes, MAX_DEPTH));
        } catch (AttestorException e) {
            throw new AttestorException(JoseCodes.MALFORMED, "JWS " + what + " is not valid JSON: " + e.getMessage(), e);
        }
        if (!node.isObject()) {
            throw malformed("JWS " + what + " is not a JSON object");
        }
        return (ObjectNode) node;
    }

    private static AttestorException malformed(String message) {
        return new AttestorException(JoseCodes.MALFORMED, message);
    }

    /** Never shows the payload or signature. */
    @Override
    public String toString() {
        return "Jws[alg=" + JwsAlgorithm.printable(header.path("alg").asText()) + ", payload=" + payload.length
                + " bytes]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Jws && ((Jws) other).signingInput.equals(signingInput)
                && java.util.Arrays.equals(((Jws) other).signature, signature);
    }

    @Override
    public int hashCode() {
        return signingInput.hashCode();
    }
}
