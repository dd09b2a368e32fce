package org.stellaops.attestor.sdk.note;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.Function;

import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.ErrorCodes;
import org.stellaops.attestor.sdk.crypto.PrivateKeys;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.crypto.Signatures;
import org.stellaops.attestor.sdk.internal.BcKeys;
import org.stellaops.attestor.sdk.internal.Hashing;

/**
 * Note signers and verifiers for the two C2SP signature types Attestor uses: {@code 0x01} Ed25519 and {@code 0x02}
 * ECDSA (transparency-dev/witness style, P-256 or P-384, DER signature with the curve's hash over the note text).
 */
public final class NoteKeys {

    /** Signature type byte of Ed25519 note keys. */
    public static final byte TYPE_ED25519 = 0x01;
    /** Signature type byte of ECDSA note keys. */
    public static final byte TYPE_ECDSA = 0x02;

    private static final int ED25519_KEY_LENGTH = 32;

    private NoteKeys() {
    }

    /**
     * A verifier for an ECDSA note key; its key ID is the first 4 bytes of SHA-256 of the DER SPKI.
     *
     * @param name the key name
     * @param key a P-256 or P-384 public key
     * @return the verifier
     */
    public static NoteVerifier ecdsaVerifier(String name, PublicKey key) {
        KeyAlgorithm alg = ecdsaAlgorithm(key);
        PublicKey bc = BcKeys.toBc(key);
        return new Verifier(checkName(name), ecdsaHint(key), (text, sig) -> Signatures.verify(bc, alg, text, sig));
    }

    /**
     * A verifier for an Ed25519 note key; its key ID is SHA-256(name ‖ 0x0A ‖ 0x01 ‖ 32-byte key)[:4].
     *
     * @param name the key name
     * @param key an Ed25519 public key
     * @return the verifier
     */
    public static NoteVerifier ed25519Verifier(String name, PublicKey key) {
        PublicKeys.checkCompatible(key, KeyAlgorithm.ED25519);
        PublicKey bc = BcKeys.toBc(key);
        return new Verifier(checkName(name), ed25519Hint(name, key),
                (text, sig) -> Signatures.verify(bc, KeyAlgorithm.ED25519, text, sig));
    }

    /**
     * An ECDSA note signer whose private key lives elsewhere (a key driver, an HSM): the function receives the note
     * text and returns the DER ECDSA signature made with the curve's hash.
     *
     * @param name the key name
     * @param pub the P-256 or P-384 public key, for the key ID
     * @param signFunction signs the note text
     * @return the signer
     */
    public static NoteSigner ecdsaSigner(String name, PublicKey pub, Function<byte[], byte[]> signFunction) {
        ecdsaAlgorithm(pub);
        Objects.requireNonNull(signFunction, "signFunction");
        return new Signer(checkName(name), ecdsaHint(pub), signFunction);
    }

    /**
     * A note signer for an extractable Ed25519, P-256 or P-384 private key.
     *
     * @param name the key name
     * @param key the private key
     * @return the signer
     */
    public static NoteSigner signer(String name, PrivateKey key) {
        PublicKey pub = PrivateKeys.publicKeyOf(key);
        KeyAlgorithm alg = PublicKeys.defaultAlgorithm(pub);
        if (alg == KeyAlgorithm.ED25519) {
            return new Signer(checkName(name), ed25519Hint(name, pub), text -> Signatures.sign(key, alg, text));
        }
        ecdsaAlgorithm(pub);
        return new Signer(checkName(name), ecdsaHint(pub), text -> Signatures.sign(key, alg, text));
    }

    /**
     * The verifier-key text of a key: {@code <name>+<hex key ID>+<base64(type ‖ key)>}, where the key is the raw
     * 32 bytes for Ed25519 and the DER SPKI for ECDSA.
     *
     * @param name the key name
     * @param key an Ed25519, P-256 or P-384 public key
     * @return the vkey text
     */
    public static String verifierKey(String name, PublicKey key) {
        checkName(name);
        byte[] typed;
        byte[] hint;
        if (PublicKeys.defaultAlgorithm(key) == KeyAlgorithm.ED25519) {
            typed = prepend(TYPE_ED25519, rawEd25519(key));
            hint = ed25519Hint(name, key);
        } else {
            ecdsaAlgorithm(key);
            typed = prepend(TYPE_ECDSA, PublicKeys.spki(key));
            hint = ecdsaHint(key);
        }
        return name + "+" + HexFormat.of().formatHex(hint) + "+" + Base64.getEncoder().encodeToString(typed);
    }

    /**
     * Parses verifier-key text (type 0x01 Ed25519 or 0x02 ECDSA) and checks that its key ID matches its key.
     *
     * @param vkey {@code <name>+<hex key ID>+<base64(type ‖ key)>}
     * @return the verifier
     * @throws AttestorException {@code key.malformed} for malformed text or a key ID that does not match,
     *         {@code key.unsupported_algorithm} for other signature types
     */
    public static NoteVerifier parseVerifierKey(String vkey) {
        String[] parts = vkey == null ? new String[0] : vkey.split("\\+", 3);
        if (parts.length != 3 || !NoteNames.isValid(parts[0]) || !parts[1].matches("[0-9a-fA-F]{8}")) {
            throw keyMalformed("verifier key is not <name>+<hex id>+<base64 key>", null);
        }
        byte[] typed;
        try {
            typed = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw keyMalformed("verifier key is not base64", e);
        }
        if (typed.length < 2) {
            throw keyMalformed("verifier key is too short", null);
        }
        byte[] key = Arrays.copyOfRange(typed, 1, typed.length);
        NoteVerifier verifier;
        if (typed[0] == TYPE_ED25519) {
            if (key.length != ED25519_KEY_LENGTH) {
                throw keyMalformed("an Ed25519 verifier key has 32 bytes", null);
            }
            verifier = ed25519Verifier(parts[0], PublicKeys.parseSpki(ed25519Spki(key)));
        } else if (typed[0] == TYPE_ECDSA) {
            verifier = ecdsaVerifier(parts[0], PublicKeys.parseSpki(key));
        } else {
            throw new AttestorException(ErrorCodes.KEY_UNSUPPORTED_ALGORITHM,
                    "unsupported note signature type " + (typed[0] & 0xff));
        }
        if (!Arrays.equals(verifier.keyHint(), HexFormat.of().parseHex(parts[1]))) {
            throw keyMalformed("verifier key ID does not match its key", null);
        }
        return verifier;
    }

    static byte[] ed25519Hint(String name, PublicKey key) {
        byte[] prefix = (name + "\n").getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(Hashing.sha256(prefix, new byte[] {TYPE_ED25519}, rawEd25519(key)), 4);
    }

    static byte[] ecdsaHint(PublicKey key) {
        return Arrays.copyOf(Hashing.sha256(PublicKeys.spki(key)), 4);
    }

    private static KeyAlgorithm ecdsaAlgorithm(PublicKey key) {
        KeyAlgorithm alg = PublicKeys.defaultAlgorithm(key);
        if (alg != KeyAlgorithm.ECDSA_P256_SHA256 && alg != KeyAlgorithm.ECDSA_P384_SHA384) {
            throw new AttestorException(ErrorCodes.KEY_UNSUPPORTED_ALGORITHM,
                    "ECDSA note keys must be P-256 or P-384, not " + alg);
        }
        return alg;
    }

    private static byte[] rawEd25519(PublicKey key) {
        byte[] spki = PublicKeys.spki(key);
        return Arrays.copyOfRange(spki, spki.length - ED25519_KEY_LENGTH, spki.length);
    }

    private static byte[] ed25519Spki(byte[] raw) {
        byte[] prefix = HexFormat.of().parseHex("302a300506032b6570032100");
        byte[] spki = Arrays.copyOf(prefix, prefix.length + raw.length);
        System.arraycopy(raw, 0, spki, prefix.length, raw.length);
        return spki;
    }

    private static byte[] prepend(byte type, byte[] key) {
        byte[] out = new byte[key.length + 1];
        out[0] = type;
        System.arraycopy(key, 0, out, 1, key.length);
        return out;
    }

    private static String checkName(String name) {
        if (!NoteNames.isValid(name)) {
            throw new AttestorException(ErrorCodes.NOTE_MALFORMED, "invalid note key name: " + name);
        }
        return name;
    }

    private static AttestorException keyMalformed(String message, Throwable cause) {
        return new AttestorException(ErrorCodes.KEY_MALFORMED, message, cause);
    }

    @FunctionalInterface
    private interface Check {
        boolean verify(byte[] text, byte[] signature);
    }

    private record Verifier(String name, byte[] hint, Check check) implements NoteVerifier {
        @Override
        public byte[] keyHint() {
            return hint.clone();
        }

        @Override
        public boolean verify(byte[] text, byte[] signature) {
            return check.verify(text, signature);
        }
    }

    private record Signer(String name, byte[] hint, Function<byte[], byte[]> function) implements NoteSigner {
        @Override
        public byte[] keyHint() {
            return hint.clone();
        }

        @Override
        public byte[] sign(byte[] text) {
            return function.apply(text);
        }
    }
}
