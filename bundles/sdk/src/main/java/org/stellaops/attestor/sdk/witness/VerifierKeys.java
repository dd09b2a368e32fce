package org.stellaops.attestor.sdk.witness;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Arrays;

import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.ErrorCodes;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.internal.Ed25519Keys;
import org.stellaops.attestor.sdk.internal.Hashing;
import org.stellaops.attestor.sdk.internal.NoteNameRule;
import org.stellaops.attestor.sdk.internal.VkeyText;
import org.stellaops.attestor.sdk.note.NoteKeys;
import org.stellaops.attestor.sdk.note.NoteVerifier;

/**
 * Signed-note verifier keys ({@code <name>+<hex key ID>+<base64(type ‖ key)>}) of the three types a witness and its
 * clients meet: 0x01 Ed25519 log keys, 0x02 ECDSA log keys (DER SPKI, key ID = SHA-256(SPKI)[:4]) and 0x04
 * timestamped Ed25519 cosigner keys.
 */
public final class VerifierKeys {

    /** Signature type byte of ECDSA note keys (transparency-dev/witness style). */
    public static final byte TYPE_ECDSA = 0x02;

    private VerifierKeys() {
    }

    /**
     * Parses a verifier key and checks that its key ID matches its key.
     *
     * @param vkey the verifier-key text
     * @return a note verifier; for type 0x04 it accepts only timestamped cosignatures (positive timestamp, 72 bytes)
     *         over {@code "cosignature/v1\ntime <ts>\n" + note text}
     * @throws AttestorException {@code note.bad_key} for malformed text, an unsupported type or curve, a bad key or a
     *         key ID that does not match
     */
    public static NoteVerifier parse(String vkey) {
        VkeyText text = VkeyText.parse(vkey, ErrorCodes.NOTE_BAD_KEY);
        byte[] key = text.key();
        NoteVerifier verifier;
        try {
            switch (text.type()) {
                case Cosigner.TYPE_ED25519:
                    verifier = NoteKeys.ed25519Verifier(text.name(), ed25519(key));
                    break;
                case TYPE_ECDSA:
                    verifier = NoteKeys.ecdsaVerifier(text.name(), PublicKeys.parseSpki(key));
                    break;
                case Cosigner.TYPE_COSIGNATURE_V1:
                    verifier = new CosignatureVerifier(new Cosigner(text.name(), ed25519(key)));
                    break;
                default:
                    throw badKey("unsupported note signature type 0x" + String.format("%02x", text.type() & 0xff));
            }
        } catch (AttestorException e) {
            if (ErrorCodes.NOTE_BAD_KEY.equals(e.code())) {
                throw e;
            }
            throw new AttestorException(ErrorCodes.NOTE_BAD_KEY, "unusable key in verifier key: " + e.getMessage(), e);
        }
        if (!Arrays.equals(verifier.keyHint(), text.keyId())) {
            throw badKey("verifier key ID does not match its key");
        }
        return verifier;
    }

    /**
     * The type 0x02 verifier key of an ECDSA key.
     *
     * @param name the key name
     * @param key a P-256 or P-384 public key
     * @return {@code name+hex(SHA-256(SPKI)[:4])+base64(0x02 ‖ SPKI)}
     * @throws AttestorException {@code note.bad_key} for an invalid name, {@code key.unsupported_algorithm} for a
     *         key that is not P-256 or P-384
     */
    public static String ecdsaVkey(String name, PublicKey key) {
        if (!NoteNameRule.isValid(name)) {
            throw badKey("invalid key name: " + name);
        }
        KeyAlgorithm alg = PublicKeys.defaultAlgorithm(key);
        if (alg != KeyAlgorithm.ECDSA_P256_SHA256 && alg != KeyAlgorithm.ECDSA_P384_SHA384) {
            throw new AttestorException(ErrorCodes.KEY_UNSUPPORTED_ALGORITHM,
                    "ECDSA verifier keys are P-256 or P-384, not " + alg);
        }
        byte[] spki = PublicKeys.spki(key);
        return VkeyText.format(name, Arrays.copyOf(Hashing.sha256(spki), 4), TYPE_ECDSA, spki);
    }

    private static PublicKey ed25519(byte[] raw) {
        if (raw.length != Ed25519Keys.RAW_LENGTH) {
            throw badKey("an Ed25519 key has 32 bytes");
        }
        return Ed25519Keys.fromRaw(raw);
    }

    private static AttestorException badKey(String message) {
        return new AttestorException(ErrorCodes.NOTE_BAD_KEY, message);
    }

    /** Verifies timestamped cosignatures; the note text arrives as the UTF-8 bytes every NoteVerifier gets. */
    private static final class CosignatureVerifier implements NoteVerifier {
        private final Cosigner cosigner;
        private final byte[] hint;

        CosignatureVerifier(Cosigner cosigner) {
            this.cosigner = cosigner;
            this.hint = cosigner.keyHint();
        }

        @Override
        public String name() {
            return cosigner.name();
        }

        @Override
        public byte[] keyHint() {
            return hint.clone();
        }

        @Override
        public boolean verify(byte[] text, byte[] signature) {
            String checkpointText = new String(text, StandardCharsets.UTF_8);
            return Cosignatures.verifyTimestamped(cosigner.key(), checkpointText, signature).isPresent();
        }
    }
}
