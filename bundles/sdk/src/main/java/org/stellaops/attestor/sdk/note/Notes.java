package org.stellaops.attestor.sdk.note;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.ErrorCodes;

/**
 * Signing and verifying C2SP signed notes.
 */
public final class Notes {

    private Notes() {
    }

    /**
     * Signs a note text with each signer, in order.
     *
     * @param text the note text: valid Unicode ending in a newline, no control characters but newline
     * @param signers at least one signer, no two with the same name and key ID
     * @return the complete signed note
     * @throws AttestorException {@code note.malformed} if the text or the signer list is not acceptable
     */
    public static String sign(String text, List<NoteSigner> signers) {
        if (text == null || !text.endsWith("\n")) {
            throw SignedNote.malformed("note text must end with a newline");
        }
        SignedNote.checkCharacters(text);
        if (signers.isEmpty()) {
            throw SignedNote.malformed("a signed note needs at least one signer");
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        List<NoteSignature> signatures = new ArrayList<>(signers.size());
        for (NoteSigner signer : signers) {
            NoteSignature signature = new NoteSignature(signer.name(), signer.keyHint(), signer.sign(utf8));
            if (!NoteNames.isValid(signature.name())) {
                throw SignedNote.malformed("invalid signer name: " + signature.name());
            }
            for (NoteSignature earlier : signatures) {
                if (sameKey(earlier, signature.name(), signature.keyHint())) {
                    throw SignedNote.malformed("duplicate signer " + signature.name());
                }
            }
            signatures.add(signature);
        }
        return new SignedNote(text, signatures).format();
    }

    /**
     * Opens a signed note: every signature line whose (name, key ID) matches a known verifier must verify, at least
     * one must, and lines of unknown keys are ignored.
     *
     * @param note the complete signed note
     * @param known the verifiers of trusted keys
     * @return the note with only the signatures that verified against known keys (a key signs at most once: the
     *         parser rejects repeated lines)
     * @throws AttestorException {@code note.malformed} if the note cannot be parsed, {@code note.unverified} if no
     *         known key signed it or a known key's signature fails
     */
    public static SignedNote verify(String note, List<NoteVerifier> known) {
        SignedNote parsed = SignedNote.parse(note);
        byte[] text = parsed.text().getBytes(StandardCharsets.UTF_8);
        List<NoteSignature> verified = new ArrayList<>();
        for (NoteSignature signature : parsed.signatures()) {
            NoteVerifier verifier = find(known, signature);
            if (verifier == null) {
                continue;
            }
            if (!verifier.verify(text, signature.signature())) {
                throw new AttestorException(ErrorCodes.NOTE_UNVERIFIED,
                        "signature of known key " + signature.name() + "+" + signature.keyHintHex() + " is invalid");
            }
            verified.add(signature);
        }
        if (verified.isEmpty()) {
            throw new AttestorException(ErrorCodes.NOTE_UNVERIFIED, "no known key signed the note");
        }
        return new SignedNote(parsed.text(), verified);
    }

    private static NoteVerifier find(List<NoteVerifier> known, NoteSignature signature) {
        byte[] hint = signature.keyHint();
        for (NoteVerifier v : known) {
            if (v.name().equals(signature.name()) && Arrays.equals(v.keyHint(), hint)) {
                return v;
            }
        }
        return null;
    }

    private static boolean sameKey(NoteSignature s, String name, byte[] hint) {
        return s.name().equals(name) && Arrays.equals(s.keyHint(), hint);
    }
}
