package org.stellaops.attestor.sdk.witness;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.Objects;

import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.ErrorCodes;
import org.stellaops.attestor.sdk.internal.Ed25519Keys;
import org.stellaops.attestor.sdk.internal.NoteNameRule;
import org.stellaops.attestor.sdk.internal.VkeyText;

/**
 * A C2SP tlog-cosignature Ed25519 cosigner (a witness): its name and public key. Its cosignatures carry the key ID
 * SHA-256(name ‖ 0x0A ‖ 0x04 ‖ 32-byte key)[:4].
 *
 * @param name the cosigner name (a signed-note key name, usually a schema-less URL)
 * @param key the cosigner's Ed25519 public key
 */
public record Cosigner(String name, PublicKey key) {

    /** Signature type byte of timestamped Ed25519 cosignatures. */
    public static final byte TYPE_COSIGNATURE_V1 = 0x04;
    /** Signature type byte of plain Ed25519 note keys; tlog-policy files often list witnesses in this form. */
    public static final byte TYPE_ED25519 = 0x01;

    /**
     * Validates the parts.
     *
     * @param name a valid signed-note key name
     * @param key an Ed25519 public key
     * @throws AttestorException {@code witness.bad_key} if the name is invalid or the key is not Ed25519
     */
    public Cosigner {
        if (!NoteNameRule.isValid(name)) {
            throw new AttestorException(ErrorCodes.WITNESS_BAD_KEY, "invalid cosigner name: " + name);
        }
        Objects.requireNonNull(key, "key");
        try {
            Ed25519Keys.raw(key);
        } catch (AttestorException e) {
            throw new AttestorException(ErrorCodes.WITNESS_BAD_KEY, "a cosigner key must be Ed25519", e);
        }
    }

    /** @return the 32-byte raw Ed25519 public key */
    public byte[] rawKey() {
        return Ed25519Keys.raw(key);
    }

    /** @return the 4-byte key ID of this cosigner's cosignatures, SHA-256(name ‖ 0x0A ‖ 0x04 ‖ key)[:4] */
    public byte[] keyHint() {
        return VkeyText.keyId(name, TYPE_COSIGNATURE_V1, rawKey());
    }

    /** @return the verifier-key text {@code name+hex(hint)+base64(0x04 ‖ key)} */
    public String vkey() {
        return VkeyText.format(name, keyHint(), TYPE_COSIGNATURE_V1, rawKey());
    }

    /**
     * Parses a cosigner verifier key. Type 0x04 (cosignature/v1) is the native form; type 0x01 (plain Ed25519) is
     * accepted too because witness policies commonly name Ed25519 witnesses that way. Either way the key ID must
     * match the one computed for that type.
     *
     * @param vkey {@code <name>+<hex key ID>+<base64(type ‖ 32-byte key)>}
     * @return the cosigner
     * @throws AttestorException {@code witness.bad_key} for malformed text, another type, a key that is not 32
     *         bytes, or a key ID that does not match
     */
    public static Cosigner parseVkey(String vkey) {
        VkeyText text = VkeyText.parse(vkey, ErrorCodes.WITNESS_BAD_KEY);
        if (text.type() != TYPE_COSIGNATURE_V1 && text.type() != TYPE_ED25519) {
            throw new AttestorException(ErrorCodes.WITNESS_BAD_KEY,
                    "cosigner keys have type 0x04 or 0x01, not 0x" + String.format("%02x", text.type() & 0xff));
        }
        byte[] raw = text.key();
        if (raw.length != Ed25519Keys.RAW_LENGTH) {
            throw new AttestorException(ErrorCodes.WITNESS_BAD_KEY, "an Ed25519 cosigner key has 32 bytes");
        }
        if (!Arrays.equals(text.keyId(), VkeyText.keyId(text.name(), text.type(), raw))) {
            throw new AttestorException(ErrorCodes.WITNESS_BAD_KEY, "verifier key ID does not match its key");
        }
        PublicKey key;
        try {
            key = Ed25519Keys.fromRaw(raw);
        } catch (AttestorException e) {
            throw new AttestorException(ErrorCodes.WITNESS_BAD_KEY, "invalid Ed25519 cosigner key", e);
        }
        return new Cosigner(text.name(), key);
    }

    /** Cosigners are equal when name and key bytes are, whichever provider made the key objects. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Cosigner c && name.equals(c.name) && Arrays.equals(rawKey(), c.rawKey());
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(rawKey()));
    }

    @Override
    public String toString() {
        return "Cosigner[" + vkey() + "]";
    }
}
