package org.stellaops.attestor.sdk.internal;

/** The C2SP signed-note key-name rule, shared by the note and witness packages: non-empty, no space, no plus. */
public final class NoteNameRule {

    private NoteNameRule() {
    }

    /**
     * Tells whether a text is a valid signed-note key name.
     *
     * @param name the candidate name
     * @return true if it is non-empty and has no Unicode space, plus sign, control character or lone surrogate
     */
    public static boolean isValid(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        return name.codePoints().noneMatch(cp -> cp == '+' || Character.isWhitespace(cp)
                || Character.isSpaceChar(cp) || cp < 0x20 || cp == 0x7f
                || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE));
    }
}
