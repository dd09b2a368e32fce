package org.stellaops.attestor.keys.fido2;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.stellaops.attestor.api.model.Bytes;

/**
 * The FIDO2 signature format ({@value #FORMAT}): the DSSE signature bytes of a {@code WEBAUTHN_ES256} key. It is the
 * canonical JSON (RFC 8785: members sorted, no whitespace) of an object with exactly six string members, binary
 * values in unpadded base64url:
 * <pre>{"authenticatorData":…,"clientDataJSON":…,"credentialId":…,"format":"stellaops-fido2-v1","nonce":…,"signature":…}</pre>
 * Parsing is strict: any other byte sequence, even one with the same meaning, is refused, so one assertion has
 * exactly one encoding. See {@code docs/fido2-signatures.md}.
 *
 * @param authenticatorData the authenticator data the authenticator signed
 * @param clientDataJson the client data JSON, byte for byte as the browser produced it
 * @param credentialId the credential that signed
 * @param nonce the {@value SigningChallenge#NONCE_LENGTH}-byte nonce of the challenge
 * @param signature the ASN.1 DER ECDSA signature over {@code authenticatorData || SHA-256(clientDataJSON)}
 */
public record Fido2Signature(Bytes authenticatorData, Bytes clientDataJson, Bytes credentialId, Bytes nonce,
                             Bytes signature) {

    /** The value of the {@code format} member. */
    public static final String FORMAT = "stellaops-fido2-v1";
    /** The largest accepted encoding, in bytes. */
    public static final int MAX_LENGTH = 16 * 1024;

    /** The minimum authenticator data: rpIdHash (32), flags (1), signCount (4). */
    static final int MIN_AUTHENTICATOR_DATA = 37;
    /** The longest credential id WebAuthn allows. */
    static final int MAX_CREDENTIAL_ID = 1023;

    private static final Set<String> MEMBERS = Set.of("authenticatorData", "clientDataJSON", "credentialId", "format",
            "nonce", "signature");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /**
     * @param authenticatorData not null
     * @param clientDataJson not null
     * @param credentialId not null
     * @param nonce not null
     * @param signature not null
     */
    public Fido2Signature {
        Objects.requireNonNull(authenticatorData, "authenticatorData");
        Objects.requireNonNull(clientDataJson, "clientDataJson");
        Objects.requireNonNull(credentialId, "credentialId");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(signature, "signature");
    }

    /** @return the canonical encoding, the DSSE signature bytes */
    public byte[] encode() {
        String json = "{\"authenticatorData\":\"" + Base64Url.encode(authenticatorData.value())
                + "\",\"clientDataJSON\":\"" + Base64Url.encode(clientDataJson.value())
                + "\",\"credentialId\":\"" + Base64Url.encode(credentialId.value())
                + "\",\"format\":\"" + FORMAT
                + "\",\"nonce\":\"" + Base64Url.encode(nonce.value())
                + "\",\"signature\":\"" + Base64Url.encode(signature.value()) + "\"}";
        return json.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Parses the canonical encoding.
     *
     * @param encoded the DSSE signature bytes
     * @return the signature
     * @throws MalformedSignatureException if the bytes are not exactly the canonical encoding of a well-formed value
     */
    public static Fido2Signature parse(byte[] encoded) throws MalformedSignatureException {
        if (encoded == null || encoded.length > MAX_LENGTH) {
            throw new MalformedSignatureException("the signature is missing or longer than " + MAX_LENGTH + " bytes");
        }
        JsonNode root = readObject(encoded);
        Fido2Signature parsed = new Fido2Signature(binary(root, "authenticatorData"), binary(root, "clientDataJSON"),
                binary(root, "credentialId"), binary(root, "nonce"), binary(root, "signature"));
        parsed.checkLengths();
        if (!Arrays.equals(parsed.encode(), encoded)) {
            throw new MalformedSignatureException("the signature is not in canonical JSON form");
        }
        return parsed;
    }

    private static JsonNode readObject(byte[] encoded) throws MalformedSignatureException {
        JsonNode root;
        try (JsonParser parser = JSON.createParser(encoded)) {
            root = JSON.readTree(parser);
            if (parser.nextToken() != null) {
                throw new MalformedSignatureException("trailing content after the JSON object");
            }
        } catch (JsonProcessingException e) {
            throw new MalformedSignatureException("the signature is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedSignatureException("the signature cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedSignatureException("the signature is not a JSON object");
        }
        Set<String> names = new TreeSet<>();
        for (Map.Entry<String, JsonNode> member : root.properties()) {
            if (!member.getValue().isTextual()) {
                throw new MalformedSignatureException("member '" + member.getKey() + "' is not a string");
            }
            names.add(member.getKey());
        }
        if (!names.equals(MEMBERS)) {
            throw new MalformedSignatureException("the members must be exactly " + new TreeSet<>(MEMBERS)
                    + ", not " + names);
        }
        if (!FORMAT.equals(root.get("format").textValue())) {
            throw new MalformedSignatureException("unknown format '" + root.get("format").textValue() + "'");
        }
        return root;
    }

    private static Bytes binary(JsonNode root, String member) throws MalformedSignatureException {
        try {
            return Bytes.of(Base64Url.decode(root.get(member).textValue()));
        } catch (IllegalArgumentException e) {
            throw new MalformedSignatureException("member '" + member + "' is not unpadded base64url", e);
        }
    }

    private void checkLengths() throws MalformedSignatureException {
        if (nonce.length() != SigningChallenge.NONCE_LENGTH) {
            throw new MalformedSignatureException("the nonce must be " + SigningChallenge.NONCE_LENGTH + " bytes");
        }
        if (credentialId.length() == 0 || credentialId.length() > MAX_CREDENTIAL_ID) {
            throw new MalformedSignatureException("the credential id must be 1 to " + MAX_CREDENTIAL_ID + " bytes");
        }
        if (authenticatorData.length() < MIN_AUTHENTICATOR_DATA) {
            throw new MalformedSignatureException("the authenticator data is shorter than "
                    + MIN_AUTHENTICATOR_DATA + " bytes");
        }
        if (clientDataJson.length() == 0) {
            throw new MalformedSignatureException("the client data JSON is empty");
        }
        if (!P256Keys.isDerSignature(signature.value())) {
            throw new MalformedSignatureException("the ECDSA signature is not a strict DER P-256 signature");
        }
    }

    /** A byte sequence that is not a well-formed FIDO2 signature in canonical form. */
    public static final class MalformedSignatureException extends Exception {

        private static final long serialVersionUID = 1L;

        MalformedSignatureException(String message) {
            super(message);
        }

        MalformedSignatureException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
