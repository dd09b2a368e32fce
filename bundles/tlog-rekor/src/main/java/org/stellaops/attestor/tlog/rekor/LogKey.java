package org.stellaops.attestor.tlog.rekor;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.checkpoint.Checkpoints;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.note.NoteKeys;
import org.stellaops.attestor.sdk.note.NoteVerifier;

/**
 * The configured checkpoint key of a log: ECDSA P-256/P-384 or Ed25519, given as a PEM SubjectPublicKeyInfo or as
 * a C2SP verifier key ({@code <name>+<hex id>+<base64(type ‖ key)>}, types 0x01 and 0x02).
 */
final class LogKey {

    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final int ED25519_KEY_LENGTH = 32;

    private final PublicKey key;
    private final KeyAlgorithm algorithm;

    private LogKey(PublicKey key, KeyAlgorithm algorithm) {
        this.key = key;
        this.algorithm = algorithm;
    }

    /**
     * Parses the configured key.
     *
     * @param text PEM or vkey text
     * @param noteName the name a vkey must carry (the note key name the log signs with)
     * @return the key
     * @throws IllegalArgumentException if the text is not an acceptable log key
     */
    static LogKey parse(String text, String noteName) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("publicKey is required");
        }
        String trimmed = text.trim();
        PublicKey key;
        try {
            key = trimmed.startsWith("-----BEGIN") ? PublicKeys.parsePem(trimmed) : fromVkey(trimmed, noteName);
        } catch (AttestorException e) {
            throw new IllegalArgumentException("publicKey is not a usable log key (" + e.code() + "): " + e.getMessage(), e);
        }
        KeyAlgorithm alg;
        try {
            alg = PublicKeys.defaultAlgorithm(key);
        } catch (AttestorException e) {
            throw new IllegalArgumentException("publicKey is not a usable log key (" + e.code() + "): " + e.getMessage(), e);
        }
        if (alg != KeyAlgorithm.ECDSA_P256_SHA256 && alg != KeyAlgorithm.ECDSA_P384_SHA384 && alg != KeyAlgorithm.ED25519) {
            throw new IllegalArgumentException("log checkpoint keys must be ECDSA P-256/P-384 or Ed25519, not " + alg);
        }
        return new LogKey(key, alg);
    }

    /** @return whether this is an ECDSA key (the only kind Rekor v1 logs use) */
    boolean isEcdsa() {
        return algorithm != KeyAlgorithm.ED25519;
    }

    PublicKey publicKey() {
        return key;
    }

    String pem() {
        return PublicKeys.toPem(key);
    }

    /**
     * The 32-byte log ID, per the Rekor v2 rule: SHA-256(SPKI) for ECDSA, the full C2SP key ID for Ed25519.
     *
     * @param origin the log origin (the Ed25519 key's note name)
     * @return lowercase hex
     */
    String logId(String origin) {
        return isEcdsa() ? Checkpoints.logIdEcdsa(key) : Checkpoints.logIdEd25519(origin, key);
    }

    /**
     * @param name the note key name the log signs checkpoints with
     * @return a note verifier for this key under that name
     */
    NoteVerifier verifier(String name) {
        return isEcdsa() ? NoteKeys.ecdsaVerifier(name, key) : NoteKeys.ed25519Verifier(name, key);
    }

    private static PublicKey fromVkey(String vkey, String noteName) {
        // Parsing through the sdk checks the key ID against the key; the key itself is decoded here for its PEM.
        NoteVerifier verifier = NoteKeys.parseVerifierKey(vkey);
        if (!verifier.name().equals(noteName)) {
            throw new IllegalArgumentException("verifier key is named '" + verifier.name() + "' but the log signs as '" + noteName + "'");
        }
        byte[] typed = Base64.getDecoder().decode(vkey.split("\\+", 3)[2]);
        byte[] raw = Arrays.copyOfRange(typed, 1, typed.length);
        if (typed[0] == NoteKeys.TYPE_ED25519) {
            if (raw.length != ED25519_KEY_LENGTH) {
                throw new IllegalArgumentException("an Ed25519 verifier key has 32 bytes");
            }
            byte[] spki = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + raw.length);
            System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, raw.length);
            return PublicKeys.parseSpki(spki);
        }
        return PublicKeys.parseSpki(raw);
    }
}
