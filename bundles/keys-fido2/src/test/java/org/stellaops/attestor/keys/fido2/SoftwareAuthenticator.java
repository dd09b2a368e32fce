package org.stellaops.attestor.keys.fido2;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.upokecenter.cbor.CBORObject;

/**
 * A FIDO2 authenticator and browser in one, in software, holding one ES256 credential. It produces real WebAuthn
 * structures: client data JSON as a browser writes it, authenticator data with the RP id hash, UP/UV flags and
 * counter (plus attested credential data with a COSE key when registering), "none" or "packed" self attestation, and
 * ECDSA P-256 signatures over {@code authenticatorData || SHA-256(clientDataJSON)}. Its JSON answers have the shape
 * of a browser's {@code PublicKeyCredential.toJSON()} after ArrayBuffer → base64url conversion.
 */
final class SoftwareAuthenticator {

    /** The attestation statement format of a registration. */
    enum Attestation { NONE, PACKED_SELF, PACKED_SELF_NOT_DER }

    /**
     * How a person and a browser answer one request; the defaults are an honest ceremony.
     *
     * @param origin the origin the browser reports
     * @param rpId the RP id the authenticator hashes, or null to use the one requested
     * @param userPresent the UP flag
     * @param userVerified the UV flag
     * @param counterStep how much the signature counter advances (0 replays the previous value)
     */
    record Gesture(String origin, String rpId, boolean userPresent, boolean userVerified, int counterStep) {
        static Gesture at(String origin) {
            return new Gesture(origin, null, true, false, 1);
        }

        Gesture withOrigin(String value) {
            return new Gesture(value, rpId, userPresent, userVerified, counterStep);
        }

        Gesture withRpId(String value) {
            return new Gesture(origin, value, userPresent, userVerified, counterStep);
        }

        Gesture withUserPresent(boolean value) {
            return new Gesture(origin, rpId, value, userVerified, counterStep);
        }

        Gesture withUserVerified(boolean value) {
            return new Gesture(origin, rpId, userPresent, value, counterStep);
        }

        Gesture withCounterStep(int value) {
            return new Gesture(origin, rpId, userPresent, userVerified, value);
        }
    }

    /**
     * The raw parts of one assertion.
     *
     * @param clientDataJson the client data JSON
     * @param authenticatorData the authenticator data
     * @param signature the DER ECDSA signature
     */
    record Assertion(byte[] clientDataJson, byte[] authenticatorData, byte[] signature) {
    }

    static final int FLAG_UP = 0x01;
    static final int FLAG_UV = 0x04;
    static final int FLAG_AT = 0x40;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final byte[] AAGUID = new byte[16];

    private final KeyPair keyPair;
    private final byte[] credentialId;
    private long counter;

    SoftwareAuthenticator(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            this.keyPair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        this.credentialId = new byte[32];
        random.nextBytes(credentialId);
    }

    /** @return the credential's DER SubjectPublicKeyInfo */
    byte[] spki() {
        return keyPair.getPublic().getEncoded();
    }

    /** @return the credential id */
    byte[] credentialId() {
        return credentialId.clone();
    }

    /** @return the current signature counter */
    long counter() {
        return counter;
    }

    /**
     * Answers {@code navigator.credentials.create}.
     *
     * @param creationOptionsJson the ceremony's options
     * @param gesture how the person and browser answer (counterStep is the initial counter)
     * @param attestation the attestation format
     * @return the registration response JSON
     */
    String register(String creationOptionsJson, Gesture gesture, Attestation attestation) {
        JsonNode options = read(creationOptionsJson);
        String rpId = gesture.rpId() != null ? gesture.rpId() : options.path("rp").path("id").asText();
        byte[] clientData = clientData("webauthn.create", options.path("challenge").asText(), gesture.origin());
        counter += gesture.counterStep();
        byte[] authData = concat(P256Keys.sha256(rpId.getBytes(StandardCharsets.UTF_8)),
                new byte[] {(byte) (flags(gesture) | FLAG_AT)}, counterBytes(), AAGUID,
                ByteBuffer.allocate(2).putShort((short) credentialId.length).array(), credentialId, coseKey());
        CBORObject attStmt = CBORObject.NewOrderedMap();
        String fmt = "none";
        if (attestation == Attestation.PACKED_SELF) {
            fmt = "packed";
            attStmt.Add("alg", -7).Add("sig", sign(concat(authData, P256Keys.sha256(clientData))));
        } else if (attestation == Attestation.PACKED_SELF_NOT_DER) {
            fmt = "packed";
            attStmt.Add("alg", -7).Add("sig", new byte[] {0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01});
        }
        byte[] attestationObject = CBORObject.NewOrderedMap().Add("fmt", fmt).Add("attStmt", attStmt)
                .Add("authData", authData).EncodeToBytes();
        ObjectNode response = JSON.createObjectNode();
        response.put("clientDataJSON", b64(clientData));
        response.put("attestationObject", b64(attestationObject));
        // members a browser's toJSON() adds (WebAuthn L3); a server must tolerate them
        response.put("authenticatorData", b64(authData));
        response.put("publicKey", b64(spki()));
        response.put("publicKeyAlgorithm", -7);
        response.putArray("transports").add("usb");
        ObjectNode credential = credentialJson(response);
        credential.putObject("clientExtensionResults").putObject("credProps").put("rk", false);
        return credential.toString();
    }

    /**
     * Answers {@code navigator.credentials.get}, as a real authenticator would: only for its own credential.
     *
     * @param requestOptionsJson the ceremony's options
     * @param gesture how the person and browser answer
     * @return the assertion response JSON
     */
    String authenticate(String requestOptionsJson, Gesture gesture) {
        return authenticate(requestOptionsJson, gesture, clientData -> { });
    }

    /**
     * Answers {@code navigator.credentials.get} with client data edited before it is signed, as a misbehaving or
     * hostile browser would.
     *
     * @param requestOptionsJson the ceremony's options
     * @param gesture how the person and browser answer
     * @param clientDataEdit changes to the client data
     * @return the assertion response JSON
     */
    String authenticate(String requestOptionsJson, Gesture gesture, Consumer<ObjectNode> clientDataEdit) {
        JsonNode options = read(requestOptionsJson);
        boolean allowed = false;
        for (JsonNode allow : options.path("allowCredentials")) {
            allowed |= allow.path("id").asText().equals(b64(credentialId));
        }
        if (!allowed) {
            throw new IllegalStateException("the request does not allow this authenticator's credential");
        }
        String rpId = gesture.rpId() != null ? gesture.rpId() : options.path("rpId").asText();
        Assertion assertion = assertion(Base64.getUrlDecoder().decode(options.path("challenge").asText()), rpId,
                gesture, clientDataEdit);
        ObjectNode response = JSON.createObjectNode();
        response.put("clientDataJSON", b64(assertion.clientDataJson()));
        response.put("authenticatorData", b64(assertion.authenticatorData()));
        response.put("signature", b64(assertion.signature()));
        response.putNull("userHandle");
        ObjectNode credential = credentialJson(response);
        credential.putObject("clientExtensionResults");
        return credential.toString();
    }

    /**
     * Makes an assertion over any challenge, without a ceremony: what an attacker with the authenticator (or a
     * buggy client) could produce, to test what a verifier refuses.
     *
     * @param challenge the challenge
     * @param rpId the RP id to hash
     * @param gesture the origin, flags and counter step
     * @return the assertion parts
     */
    Assertion assertion(byte[] challenge, String rpId, Gesture gesture) {
        return assertion(challenge, rpId, gesture, clientData -> { });
    }

    private Assertion assertion(byte[] challenge, String rpId, Gesture gesture, Consumer<ObjectNode> clientDataEdit) {
        ObjectNode clientDataNode = clientDataNode("webauthn.get", b64(challenge), gesture.origin());
        clientDataEdit.accept(clientDataNode);
        byte[] clientData = clientDataNode.toString().getBytes(StandardCharsets.UTF_8);
        counter += gesture.counterStep();
        byte[] authData = concat(P256Keys.sha256(rpId.getBytes(StandardCharsets.UTF_8)),
                new byte[] {(byte) flags(gesture)}, counterBytes());
        return new Assertion(clientData, authData, sign(concat(authData, P256Keys.sha256(clientData))));
    }

    /**
     * @param clientDataJson client data
     * @param authenticatorData authenticator data
     * @return a valid signature over exactly those parts
     */
    byte[] signParts(byte[] clientDataJson, byte[] authenticatorData) {
        return sign(concat(authenticatorData, P256Keys.sha256(clientDataJson)));
    }

    private ObjectNode credentialJson(ObjectNode response) {
        ObjectNode credential = JSON.createObjectNode();
        credential.put("type", "public-key");
        credential.put("id", b64(credentialId));
        credential.put("rawId", b64(credentialId));
        credential.put("authenticatorAttachment", "cross-platform");
        credential.set("response", response);
        return credential;
    }

    private static byte[] clientData(String type, String challenge, String origin) {
        return clientDataNode(type, challenge, origin).toString().getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode clientDataNode(String type, String challenge, String origin) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", type);
        node.put("challenge", challenge);
        node.put("origin", origin);
        node.put("crossOrigin", false);
        return node;
    }

    private static int flags(Gesture gesture) {
        return (gesture.userPresent() ? FLAG_UP : 0) | (gesture.userVerified() ? FLAG_UV : 0);
    }

    private byte[] counterBytes() {
        return ByteBuffer.allocate(4).putInt((int) counter).array();
    }

    private byte[] coseKey() {
        ECPublicKey key = (ECPublicKey) keyPair.getPublic();
        return CBORObject.NewOrderedMap().Add(1, 2).Add(3, -7).Add(-1, 1)
                .Add(-2, fixed32(key.getW().getAffineX())).Add(-3, fixed32(key.getW().getAffineY()))
                .EncodeToBytes();
    }

    private byte[] sign(byte[] data) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(keyPair.getPrivate());
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] fixed32(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, out, 32 - length, length);
        return out;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static String b64(byte[] bytes) {
        return B64URL.encodeToString(bytes);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
