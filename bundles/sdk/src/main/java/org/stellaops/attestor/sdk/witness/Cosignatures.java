package org.stellaops.attestor.sdk.witness;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.crypto.PrivateKeys;
import org.stellaops.attestor.sdk.crypto.Signatures;
import org.stellaops.attestor.sdk.note.NoteSignature;
import org.stellaops.attestor.sdk.note.SignedNote;

/**
 * C2SP tlog-cosignature v1 (Ed25519): the signed message is {@code "cosignature/v1\ntime <ts>\n"} followed by the
 * whole checkpoint note text, and the signature bytes are the big-endian u64 timestamp followed by the 64-byte
 * Ed25519 signature.
 */
public final class Cosignatures {

    /** Bytes of a timestamped Ed25519 cosignature: 8-byte timestamp and 64-byte signature. */
    public static final int SIGNATURE_LENGTH = 8 + 64;

    private static final String HEADER = "cosignature/v1\ntime ";

    private Cosignatures() {
    }

    /**
     * Cosigns a checkpoint.
     *
     * @param name the cosigner name
     * @param ed25519 the cosigner's Ed25519 private key (extractable or not)
     * @param checkpointText the checkpoint note text (origin, size, root and extension lines, each ending in a
     *        newline; no signature lines)
     * @param timestampSeconds the POSIX time of the cosignature; positive, as tlog-witness requires
     * @return the note signature line to append to the checkpoint
     * @throws AttestorException {@code witness.bad_key} for an invalid name or a key that is not Ed25519
     */
    public static NoteSignature sign(String name, PrivateKey ed25519, String checkpointText, long timestampSeconds) {
        checkText(checkpointText);
        if (timestampSeconds <= 0) {
            throw new IllegalArgumentException("a cosignature timestamp must be positive");
        }
        PublicKey pub = PrivateKeys.publicKeyOf(ed25519);
        Cosigner cosigner = new Cosigner(name, pub);
        byte[] sig = Signatures.sign(ed25519, KeyAlgorithm.ED25519, message(checkpointText, timestampSeconds));
        byte[] bytes = ByteBuffer.allocate(8 + sig.length).putLong(timestampSeconds).put(sig).array();
        return new NoteSignature(name, cosigner.keyHint(), bytes);
    }

    /**
     * Verifies one signature line as a cosignature of a cosigner.
     *
     * @param c the cosigner
     * @param checkpointText the checkpoint note text the line was found under
     * @param sig the signature line
     * @return the cosignature's timestamp if the line carries the cosigner's name and key ID, has a positive
     *         timestamp and verifies; empty otherwise
     */
    public static OptionalLong verify(Cosigner c, String checkpointText, NoteSignature sig) {
        if (!c.name().equals(sig.name()) || !Arrays.equals(c.keyHint(), sig.keyHint())) {
            return OptionalLong.empty();
        }
        return verifyTimestamped(c.key(), checkpointText, sig.signature());
    }

    /**
     * Counts the distinct cosigners with a valid cosignature on a note.
     *
     * @param note a signed checkpoint note with its signature lines
     * @param witnesses the cosigners to look for (duplicates count once)
     * @return how many of them cosigned the note's text
     */
    public static int countValid(SignedNote note, Collection<Cosigner> witnesses) {
        Set<Cosigner> distinct = new LinkedHashSet<>(witnesses);
        int count = 0;
        for (Cosigner c : distinct) {
            boolean valid = note.signatures().stream().anyMatch(s -> verify(c, note.text(), s).isPresent());
            if (valid) {
                count++;
            }
        }
        return count;
    }

    /**
     * Appends signature lines to a signed note, skipping any whose (name, key ID) the note (or an earlier line of
     * {@code more}) already carries.
     *
     * @param signedNote the complete signed note
     * @param more the lines to add, for example a witness's add-checkpoint response
     * @return the note with the extra lines
     * @throws AttestorException {@code note.malformed} if the note cannot be parsed or the result has too many lines
     */
    public static String addSignatures(String signedNote, List<NoteSignature> more) {
        SignedNote note = SignedNote.parse(signedNote);
        List<NoteSignature> all = new ArrayList<>(note.signatures());
        for (NoteSignature s : more) {
            boolean present = all.stream().anyMatch(e -> e.name().equals(s.name())
                    && Arrays.equals(e.keyHint(), s.keyHint()));
            if (!present) {
                all.add(s);
            }
        }
        String result = new SignedNote(note.text(), all).format();
        // Re-parsing applies the note rules (names, line count) to the lines that were added.
        SignedNote.parse(result);
        return result;
    }

    /** Verifies the timestamped form of a cosignature; shared with the 0x04 note verifier. */
    static OptionalLong verifyTimestamped(PublicKey key, String checkpointText, byte[] signature) {
        if (checkpointText == null || !checkpointText.endsWith("\n") || signature.length != SIGNATURE_LENGTH) {
            return OptionalLong.empty();
        }
        long timestamp = ByteBuffer.wrap(signature, 0, 8).getLong();
        // Zero is the "no statement" timestamp of subtree cosignatures, and the top bit is out of range (> 2^63-1).
        if (timestamp <= 0) {
            return OptionalLong.empty();
        }
        byte[] ed = Arrays.copyOfRange(signature, 8, SIGNATURE_LENGTH);
        boolean ok = Signatures.verify(key, KeyAlgorithm.ED25519, message(checkpointText, timestamp), ed);
        return ok ? OptionalLong.of(timestamp) : OptionalLong.empty();
    }

    static byte[] message(String checkpointText, long timestamp) {
        return (HEADER + timestamp + "\n" + checkpointText).getBytes(StandardCharsets.UTF_8);
    }

    private static void checkText(String checkpointText) {
        Objects.requireNonNull(checkpointText, "checkpointText");
        if (!checkpointText.endsWith("\n") || checkpointText.contains("\n\n")) {
            throw new IllegalArgumentException("checkpoint text is newline-terminated lines without a blank line");
        }
    }
}
