package org.stellaops.attestor.keys.file;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.AEADBadTagException;

import org.stellaops.attestor.api.keys.KeyDriverException;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.KeyInfo;
import org.stellaops.attestor.api.model.KeyState;

/**
 * The on-disk form of one key: a flat JSON object with the public description in clear and the PKCS#8 private key
 * sealed with AES-256-GCM under the key-encryption key, the key id as associated data (so a sealed key cannot be
 * moved into another key's file).
 */
final class KeyFileCodec {

    static final String FORMAT = "stellaops-attestor-file-key/1";
    static final String SUFFIX = ".key.json";

    private KeyFileCodec() {
    }

    /**
     * @param key the key to store
     * @param kek the key-encryption key
     * @return the file content
     * @throws GeneralSecurityException on a JCA failure
     */
    static byte[] encode(StoredKey key, KeyEncryptionKey kek) throws GeneralSecurityException {
        KeyInfo info = key.info();
        byte[] pkcs8 = key.privateKey().getEncoded();
        KeyEncryptionKey.Sealed sealed;
        try {
            sealed = kek.seal(pkcs8, aad(info.keyId()));
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("keyId", info.keyId());
        m.put("name", info.name());
        m.put("algorithm", info.algorithm().name());
        m.put("createdAt", info.createdAt().toString());
        m.put("state", info.state().name());
        if (info.revokedAt() != null) {
            m.put("revokedAt", info.revokedAt().toString());
        }
        m.put("publicKey", Pem.publicKey(info.publicKey().value()));
        m.put("encryption", "AES-256-GCM");
        m.put("nonce", Base64.getEncoder().encodeToString(sealed.nonce()));
        m.put("encryptedPrivateKey", Base64.getEncoder().encodeToString(sealed.ciphertext()));
        return FlatJson.write(m).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses, unseals and cross-checks a key file: the key id must be the hash of the public key, and the private
     * key must produce signatures the public key verifies.
     *
     * @param fileName for messages
     * @param content the file content
     * @param kek the key-encryption key
     * @return the key
     * @throws KeyDriverException {@code key.driver_failure} if the file is malformed, altered or inconsistent
     */
    static StoredKey decode(String fileName, byte[] content, KeyEncryptionKey kek) {
        Map<String, String> m;
        KeyInfo info;
        try {
            m = FlatJson.read(new String(content, StandardCharsets.UTF_8));
            if (!FORMAT.equals(m.get("format")) || !"AES-256-GCM".equals(m.get("encryption"))) {
                throw failure(fileName + ": unknown key file format", null);
            }
            info = info(fileName, m);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw failure(fileName + ": malformed key file (" + e.getMessage() + ")", e);
        }
        return unseal(fileName, m, info, kek);
    }

    private static KeyInfo info(String fileName, Map<String, String> m) {
        byte[] spki = Pem.publicKeyDer(required(m, "publicKey", fileName));
        String keyId = required(m, "keyId", fileName);
        if (!keyId.equals(keyId(spki))) {
            throw failure(fileName + ": key id does not match the public key", null);
        }
        KeyAlgorithm algorithm = KeyAlgorithm.valueOf(required(m, "algorithm", fileName));
        if (!Algorithms.SUPPORTED.contains(algorithm)) {
            throw failure(fileName + ": the file driver does not hold " + algorithm + " keys", null);
        }
        return new KeyInfo(keyId, required(m, "name", fileName), algorithm, Bytes.of(spki),
                KeyState.valueOf(required(m, "state", fileName)), Instant.parse(required(m, "createdAt", fileName)),
                m.containsKey("revokedAt") ? Instant.parse(m.get("revokedAt")) : null);
    }

    private static StoredKey unseal(String fileName, Map<String, String> m, KeyInfo info, KeyEncryptionKey kek) {
        byte[] pkcs8 = null;
        try {
            KeyEncryptionKey.Sealed sealed = new KeyEncryptionKey.Sealed(
                    Base64.getDecoder().decode(required(m, "nonce", fileName)),
                    Base64.getDecoder().decode(required(m, "encryptedPrivateKey", fileName)));
            pkcs8 = kek.open(sealed, aad(info.keyId()));
            PrivateKey privateKey = Algorithms.privateKey(info.algorithm(), pkcs8);
            PublicKey publicKey = Algorithms.publicKey(info.algorithm(), info.publicKey().value());
            if (!Algorithms.isPair(privateKey, publicKey, info.algorithm())) {
                throw failure(fileName + ": the private key does not belong to the public key", null);
            }
            return new StoredKey(info, publicKey, privateKey);
        } catch (AEADBadTagException e) {
            throw failure(fileName + ": the sealed private key failed authentication (AES-GCM tag): "
                    + "the file was altered or was sealed under another key-encryption key", e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw failure(fileName + ": cannot open the private key (" + e.getClass().getSimpleName() + ")", e);
        } finally {
            if (pkcs8 != null) {
                Arrays.fill(pkcs8, (byte) 0);
            }
        }
    }

    static String keyId(byte[] spki) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    private static byte[] aad(String keyId) {
        return keyId.getBytes(StandardCharsets.US_ASCII);
    }

    private static String required(Map<String, String> m, String member, String fileName) {
        String value = m.get(member);
        if (value == null) {
            throw new IllegalArgumentException("missing member '" + member + "'");
        }
        return value;
    }

    private static KeyDriverException failure(String message, Throwable cause) {
        return new KeyDriverException(KeyDriverException.DRIVER_FAILURE, message, cause);
    }
}
