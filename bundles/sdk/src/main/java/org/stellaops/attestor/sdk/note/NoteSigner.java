package org.stellaops.attestor.sdk.note;

/** Signs note text for one key; see {@link NoteKeys} for implementations. */
public interface NoteSigner {

    /** @return the key name written on the signature line */
    String name();

    /** @return the 4-byte key ID written before the signature */
    byte[] keyHint();

    /**
     * Signs the note text.
     *
     * @param text the UTF-8 note text, including its final newline
     * @return the signature bytes
     */
    byte[] sign(byte[] text);
}
