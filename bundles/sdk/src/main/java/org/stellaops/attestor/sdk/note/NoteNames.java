package org.stellaops.attestor.sdk.note;

import org.stellaops.attestor.sdk.internal.NoteNameRule;

/** Key-name rule of C2SP signed-note: non-empty, no Unicode space, no plus sign. */
final class NoteNames {

    private NoteNames() {
    }

    static boolean isValid(String name) {
        return NoteNameRule.isValid(name);
    }
}
