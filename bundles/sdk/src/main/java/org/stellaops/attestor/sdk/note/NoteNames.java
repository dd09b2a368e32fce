package org.stellaops.attestor.sdk.note;

/** Key-name rule of C2SP signed-note: non-empty, no Unicode space, no plus sign. */
final class NoteNames {

    private NoteNames() {
    }

    static boolean isValid(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        return name.codePoints().noneMatch(cp -> cp == '+' || Character.isWhitespace(cp)
                || Character.isSpaceChar(cp) || cp < 0x20 || cp == 0x7f
                || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE));
    }
}
