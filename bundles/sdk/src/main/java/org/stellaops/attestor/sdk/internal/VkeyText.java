package org.stellaops.attestor.sdk.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import org.stellaops.attestor.sdk.AttestorException;

/**
 * The signed-note verifier-key text form {@code <name>+<hex key ID>+<base64(type ‖ key)>}, split into its parts
 * with only syntactic checks; callers check the type, the key and that the key ID matches.
 *
 * @param name the key name
 * @param keyId the 4-byte key ID
 * @param type the signature type byte
 * @param key the key material after the type byte
 */
public record VkeyText(String name, byte[] keyId, byte type, byte[] key) {

    /**
     * Copies the arrays.
     *
     * @param name the key name
     * @param keyId 4 bytes
     * @param type the type byte
     * @param key the key material
     */
    public VkeyText {
        keyId = keyId.clone();
        key = key.clone();
    }

    /** @return a copy of the key ID */
    @Override
    public byte[] keyId() {
        return keyId.clone();
    }

    /** @return a copy of the key material */
    @Override
    public byte[] key() {
        return key.clone();
    }

    /**
     * Splits verifier-key text.
     *
     * @param vkey the text
     * @param errorCode the code of the exception thrown for malformed text
     * @return the parts
     * @throws AttestorException with {@code errorCode} if the name, key ID or base64 part is malformed
     */
    public static VkeyText parse(String vkey, String errorCode) {
        String[] parts = vkey == null ? new String[0] : vkey.split("\\+", 3);
        if (parts.length != 3 || !NoteNameRule.isValid(parts[0]) || !parts[1].matches("[0-9a-fA-F]{8}")) {
            throw new AttestorException(errorCode, "verifier key is not <name>+<hex key ID>+<base64 key>");
        }
        byte[] typed;
        try {
            typed = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new AttestorException(errorCode, "verifier key is not base64", e);
        }
        // The JDK decoder tolerates non-zero trailing bits; only the canonical padded encoding is accepted.
        if (typed.length < 2 || !Base64.getEncoder().encodeToString(typed).equals(parts[2])) {
            throw new AttestorException(errorCode, "verifier key is not canonical base64 of a type byte and a key");
        }
        return new VkeyText(parts[0], HexFormat.of().parseHex(parts[1]), typed[0],
                Arrays.copyOfRange(typed, 1, typed.length));
    }

    /**
     * Formats verifier-key text.
     *
     * @param name the key name
     * @param keyId the 4-byte key ID
     * @param type the type byte
     * @param key the key material
     * @return {@code <name>+<hex key ID>+<base64(type ‖ key)>}
     */
    public static String format(String name, byte[] keyId, byte type, byte[] key) {
        byte[] typed = new byte[key.length + 1];
        typed[0] = type;
        System.arraycopy(key, 0, typed, 1, key.length);
        return name + "+" + HexFormat.of().formatHex(keyId) + "+" + Base64.getEncoder().encodeToString(typed);
    }

    /**
     * The recommended signed-note key ID: SHA-256(name ‖ 0x0A ‖ type ‖ key)[:4].
     *
     * @param name the key name
     * @param type the signature type byte
     * @param key the key material
     * @return 4 bytes
     */
    public static byte[] keyId(String name, byte type, byte[] key) {
        byte[] prefix = (name + "\n").getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(Hashing.sha256(prefix, new byte[] {type}, key), 4);
    }
}
