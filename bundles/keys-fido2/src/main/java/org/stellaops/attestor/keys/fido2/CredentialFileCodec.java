package org.stellaops.attestor.keys.fido2;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.upokecenter.cbor.CBORException;
import com.yubico.webauthn.RegisteredCredential;
import com.yubico.webauthn.data.ByteArray;

import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.KeyState;

/**
 * The JSON of one credential file. Decoding cross-checks the file: the key id must be the hash of the public key
 * and must name the file, and the COSE key must be the same P-256 key as the SubjectPublicKeyInfo, so an edited or
 * swapped file is refused instead of silently changing which key a key id stands for.
 */
final class CredentialFileCodec {

    /** The file name suffix. */
    static final String SUFFIX = ".json";
    /** The value of the {@code format} member. */
    static final String FORMAT = "stellaops-fido2-credential-v1";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT).build();

    private CredentialFileCodec() {
    }

    /**
     * @param credential the credential
     * @return the file content
     */
    static byte[] encode(StoredCredential credential) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("keyId", credential.keyId());
        root.put("name", credential.name());
        root.put("principal", credential.principal());
        root.put("credentialId", Base64Url.encode(credential.credentialId().value()));
        root.put("userHandle", Base64Url.encode(credential.userHandle().value()));
        root.put("publicKeyCose", Base64Url.encode(credential.publicKeyCose().value()));
        root.put("publicKey", Base64Url.encode(credential.publicKey().value()));
        root.put("signatureCount", credential.signatureCount());
        root.put("backupEligible", credential.backupEligible());
        ArrayNode transports = root.putArray("transports");
        new TreeSet<>(credential.transports()).forEach(transports::add);
        root.put("createdAt", credential.createdAt().toString());
        root.put("state", credential.state().name());
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree of strings and numbers always serializes", e);
        }
    }

    /**
     * @param fileName the file's name, {@code <keyId>.json}
     * @param content the file content
     * @return the credential
     * @throws IOException if the file is not a consistent credential file
     */
    static StoredCredential decode(String fileName, byte[] content) throws IOException {
        JsonNode root = JSON.readTree(content);
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException(fileName + " is not a " + FORMAT + " file");
        }
        try {
            StoredCredential credential = new StoredCredential(text(root, "keyId"), text(root, "name"),
                    text(root, "principal"), binary(root, "credentialId"), binary(root, "userHandle"),
                    binary(root, "publicKeyCose"), binary(root, "publicKey"), number(root, "signatureCount"),
                    root.path("backupEligible").asBoolean(false), transports(root),
                    Instant.parse(text(root, "createdAt")), KeyState.valueOf(text(root, "state")));
            check(fileName, credential);
            return credential;
        } catch (IllegalArgumentException | DateTimeParseException | GeneralSecurityException | CBORException e) {
            throw new IOException(fileName + " is damaged: " + e.getMessage(), e);
        }
    }

    private static void check(String fileName, StoredCredential credential)
            throws IOException, GeneralSecurityException {
        byte[] spki = credential.publicKey().value();
        P256Keys.parse(spki);
        if (!credential.keyId().equals(P256Keys.keyId(spki)) || !fileName.equals(credential.keyId() + SUFFIX)) {
            throw new IOException(fileName + ": the key id does not match the public key or the file name");
        }
        byte[] fromCose = RegisteredCredential.builder()
                .credentialId(new ByteArray(credential.credentialId().value()))
                .userHandle(new ByteArray(credential.userHandle().value()))
                .publicKeyCose(new ByteArray(credential.publicKeyCose().value()))
                .build().getParsedPublicKey().getEncoded();
        if (!Arrays.equals(fromCose, spki)) {
            throw new IOException(fileName + ": the COSE key and the SubjectPublicKeyInfo differ");
        }
    }

    private static String text(JsonNode root, String member) {
        JsonNode node = root.get(member);
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException("member '" + member + "' is missing or not a string");
        }
        return node.textValue();
    }

    private static Bytes binary(JsonNode root, String member) {
        return Bytes.of(Base64Url.decode(text(root, member)));
    }

    private static long number(JsonNode root, String member) {
        JsonNode node = root.get(member);
        if (node == null || !node.canConvertToExactIntegral() || node.asLong() < 0) {
            throw new IllegalArgumentException("member '" + member + "' is missing or not a non-negative integer");
        }
        return node.asLong();
    }

    private static Set<String> transports(JsonNode root) {
        Set<String> transports = new TreeSet<>();
        root.path("transports").forEach(t -> transports.add(t.asText()));
        return transports;
    }
}
