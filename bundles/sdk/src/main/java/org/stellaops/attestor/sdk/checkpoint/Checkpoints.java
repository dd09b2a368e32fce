package org.stellaops.attestor.sdk.checkpoint;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.ErrorCodes;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.internal.Hashing;
import org.stellaops.attestor.sdk.merkle.Rfc6962;
import org.stellaops.attestor.sdk.note.NoteVerifier;
import org.stellaops.attestor.sdk.note.Notes;
import org.stellaops.attestor.sdk.note.SignedNote;

/**
 * C2SP tlog-checkpoint notes: origin line, decimal tree size, base64 root hash, then optional extension lines.
 */
public final class Checkpoints {

    private static final int MAX_SIZE_DIGITS = 19;
    private static final int ED25519_KEY_LENGTH = 32;
    private static final byte ED25519_NOTE_TYPE = 0x01;

    private Checkpoints() {
    }

    /**
     * Parses a checkpoint from its signed note without verifying signatures (use
     * {@link #parseVerified(String, List)} for that).
     *
     * @param signedNote the complete signed note
     * @return the checkpoint, carrying the note verbatim
     * @throws AttestorException {@code checkpoint.malformed} if the note or its text is not a checkpoint
     */
    public static Checkpoint parse(String signedNote) {
        SignedNote note;
        try {
            note = SignedNote.parse(signedNote);
        } catch (AttestorException e) {
            throw new AttestorException(ErrorCodes.CHECKPOINT_MALFORMED, "checkpoint is not a signed note", e);
        }
        return fromText(note.text(), signedNote);
    }

    /**
     * Parses a checkpoint and verifies its note signatures; at least one verifier named like the origin must have
     * signed it.
     *
     * @param signedNote the complete signed note
     * @param known trusted log and witness keys
     * @return the checkpoint
     * @throws AttestorException {@code checkpoint.malformed}, or {@code note.unverified} if the log key named like
     *         the origin did not sign it or any known signature fails
     */
    public static Checkpoint parseVerified(String signedNote, List<NoteVerifier> known) {
        Checkpoint checkpoint = parse(signedNote);
        SignedNote verified = Notes.verify(signedNote, known);
        boolean originSigned = verified.signatures().stream().anyMatch(s -> s.name().equals(checkpoint.origin()));
        if (!originSigned) {
            throw new AttestorException(ErrorCodes.NOTE_UNVERIFIED,
                    "no known key named " + checkpoint.origin() + " signed the checkpoint");
        }
        return checkpoint;
    }

    /**
     * The note text a log signs for a tree head.
     *
     * @param origin the log origin
     * @param size the tree size
     * @param root the 32-byte root hash
     * @return {@code origin\nsize\nbase64(root)\n}
     */
    public static String body(String origin, long size, byte[] root) {
        if (origin == null || origin.isEmpty() || origin.contains("\n") || size < 0
                || root == null || root.length != Rfc6962.HASH_LENGTH) {
            throw new IllegalArgumentException("invalid checkpoint origin, size or root");
        }
        return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
    }

    /**
     * The log ID of an ECDSA log key, as Rekor and the C2SP ECDSA note type derive it.
     *
     * @param key the log's public key
     * @return lowercase hex SHA-256 of the DER SPKI
     */
    public static String logIdEcdsa(PublicKey key) {
        return HexFormat.of().formatHex(Hashing.sha256(PublicKeys.spki(key)));
    }

    /**
     * The log ID of an Ed25519 log key: the untruncated C2SP key ID that Rekor v2 returns as {@code logId.keyId}
     * and whose first 4 bytes are the checkpoint signature's key hint.
     *
     * @param origin the log origin (its note key name)
     * @param key the log's Ed25519 public key
     * @return lowercase hex SHA-256(origin ‖ 0x0A ‖ 0x01 ‖ 32-byte key)
     * @throws AttestorException {@code key.unsupported_algorithm} if the key is not Ed25519
     */
    public static String logIdEd25519(String origin, PublicKey key) {
        PublicKeys.checkCompatible(key, KeyAlgorithm.ED25519);
        byte[] spki = PublicKeys.spki(key);
        byte[] raw = Arrays.copyOfRange(spki, spki.length - ED25519_KEY_LENGTH, spki.length);
        byte[] name = (origin + "\n").getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(Hashing.sha256(name, new byte[] {ED25519_NOTE_TYPE}, raw));
    }

    private static Checkpoint fromText(String text, String signedNote) {
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (lines.length < 3) {
            throw malformed("a checkpoint has origin, size and root lines");
        }
        String origin = lines[0];
        if (origin.isEmpty()) {
            throw malformed("empty origin line");
        }
        long size = parseSize(lines[1]);
        byte[] root;
        try {
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new AttestorException(ErrorCodes.CHECKPOINT_MALFORMED, "root hash is not base64", e);
        }
        if (root.length != Rfc6962.HASH_LENGTH || !Base64.getEncoder().encodeToString(root).equals(lines[2])) {
            throw malformed("root hash must be 32 bytes in padded base64");
        }
        List<String> extensions = Arrays.asList(lines).subList(3, lines.length);
        if (extensions.stream().anyMatch(String::isEmpty)) {
            throw malformed("empty extension line");
        }
        return new Checkpoint(origin, size, Bytes.of(root), extensions, signedNote);
    }

    private static long parseSize(String line) {
        boolean digits = !line.isEmpty() && line.length() <= MAX_SIZE_DIGITS && line.chars().allMatch(c -> c >= '0'
                && c <= '9');
        if (!digits || (line.length() > 1 && line.charAt(0) == '0')) {
            throw malformed("tree size must be a decimal number without leading zeros");
        }
        try {
            return Long.parseLong(line);
        } catch (NumberFormatException e) {
            throw new AttestorException(ErrorCodes.CHECKPOINT_MALFORMED, "tree size out of range", e);
        }
    }

    private static AttestorException malformed(String message) {
        return new AttestorException(ErrorCodes.CHECKPOINT_MALFORMED, message);
    }
}
