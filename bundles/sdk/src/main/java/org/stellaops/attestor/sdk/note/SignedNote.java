package org.stellaops.attestor.sdk.note;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.ErrorCodes;

/**
 * A C2SP signed note: text ending in a newline, a blank line, then signature lines.
 *
 * @param text the note text, including its final newline
 * @param signatures the signature lines in note order
 */
public record SignedNote(String text, List<NoteSignature> signatures) {

    /** Upper bound on signature lines; C2SP requires accepting at least 16. */
    public static final int MAX_SIGNATURES = 100;

    static final String DASH_PREFIX = "\u2014 ";

    /**
     * Copies the signature list.
     *
     * @param text not null
     * @param signatures not null
     */
    public SignedNote {
        Objects.requireNonNull(text, "text");
        signatures = List.copyOf(signatures);
    }

    /**
     * Parses a signed note without verifying any signature.
     *
     * @param note the complete note
     * @return the text and the signature lines
     * @throws AttestorException {@code note.malformed} if the note is not of the signed-note form
     */
    public static SignedNote parse(String note) {
        if (note == null || !note.endsWith("\n")) {
            throw malformed("a signed note ends with a newline");
        }
        checkCharacters(note);
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw malformed("no blank line separates text and signatures");
        }
        String text = note.substring(0, split + 1);
        String block = note.substring(split + 2);
        if (block.isEmpty()) {
            throw malformed("a signed note has at least one signature line");
        }
        String[] lines = block.substring(0, block.length() - 1).split("\n", -1);
        if (lines.length > MAX_SIGNATURES) {
            throw malformed("more than " + MAX_SIGNATURES + " signature lines");
        }
        List<NoteSignature> signatures = new ArrayList<>(lines.length);
        for (String line : lines) {
            NoteSignature signature = parseLine(line);
            boolean repeated = signatures.stream().anyMatch(s -> s.name().equals(signature.name())
                    && Arrays.equals(s.keyHint(), signature.keyHint()));
            if (repeated) {
                throw malformed("key " + signature.name() + "+" + signature.keyHintHex() + " signs twice");
            }
            signatures.add(signature);
        }
        return new SignedNote(text, signatures);
    }

    /** @return the note in its text form, the inverse of {@link #parse(String)} */
    public String format() {
        StringBuilder sb = new StringBuilder(text).append('\n');
        for (NoteSignature s : signatures) {
            sb.append(formatLine(s)).append('\n');
        }
        return sb.toString();
    }

    static String formatLine(NoteSignature s) {
        byte[] hint = s.keyHint();
        byte[] sig = s.signature();
        byte[] both = ByteBuffer.allocate(hint.length + sig.length).put(hint).put(sig).array();
        return DASH_PREFIX + s.name() + " " + Base64.getEncoder().encodeToString(both);
    }

    private static NoteSignature parseLine(String line) {
        if (!line.startsWith(DASH_PREFIX)) {
            throw malformed("a signature line starts with an em dash and a space");
        }
        String rest = line.substring(DASH_PREFIX.length());
        int space = rest.indexOf(' ');
        if (space < 0) {
            throw malformed("a signature line has a key name and a signature");
        }
        String name = rest.substring(0, space);
        if (!NoteNames.isValid(name)) {
            throw malformed("invalid key name in signature line");
        }
        String b64 = rest.substring(space + 1);
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new AttestorException(ErrorCodes.NOTE_MALFORMED, "signature is not base64", e);
        }
        // The JDK decoder ignores non-zero trailing bits; only the one canonical encoding is accepted.
        if (!Base64.getEncoder().encodeToString(decoded).equals(b64)) {
            throw malformed("signature is not canonical padded base64");
        }
        if (decoded.length < 5) {
            throw malformed("a signature has a 4-byte key ID and at least one signature byte");
        }
        byte[] hint = new byte[4];
        byte[] sig = new byte[decoded.length - 4];
        System.arraycopy(decoded, 0, hint, 0, 4);
        System.arraycopy(decoded, 4, sig, 0, sig.length);
        return new NoteSignature(name, hint, sig);
    }

    static void checkCharacters(String note) {
        for (int i = 0; i < note.length(); i++) {
            char c = note.charAt(i);
            if (c < 0x20 && c != '\n') {
                throw malformed("control character U+" + String.format("%04X", (int) c) + " in note");
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < note.length()
                        && Character.isLowSurrogate(note.charAt(i + 1));
                if (!paired) {
                    throw malformed("note is not valid Unicode");
                }
                i++;
            }
        }
    }

    static AttestorException malformed(String message) {
        return new AttestorException(ErrorCodes.NOTE_MALFORMED, message);
    }
}
