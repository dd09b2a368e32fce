package org.stellaops.attestor.sdk.note;

/** Verifies note signatures of one known key; see {@link NoteKeys} for implementations. */
public interface NoteVerifier {

    /** @return the key name that signature lines must carry */
    String name();

    /** @return the 4-byte key ID that signature lines must carry */
    byte[] keyHint();

    /**
     * Checks one signature.
     *
     * @param text the UTF-8 note text, including its final newline
     * @param signature the signature bytes (without the key ID)
     * @return true if the signature is valid; false for any wrong or malformed signature
     */
    boolean verify(byte[] text, byte[] signature);
}
