package org.stellaops.attestor.sdk.note;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One signature line of a signed note: {@code — <name> base64(keyHint ‖ signature)}.
 *
 * @param name the key name
 * @param keyHint the 4-byte key ID
 * @param signature the signature bytes (copied in and out)
 */
public record NoteSignature(String name, byte[] keyHint, byte[] signature) {

    /**
     * Validates and copies the parts.
     *
     * @param name a valid key name
     * @param keyHint exactly 4 bytes
     * @param signature not null
     */
    public NoteSignature {
        Objects.requireNonNull(name, "name");
        if (keyHint == null || keyHint.length != 4) {
            throw new IllegalArgumentException("a note key hint has 4 bytes");
        }
        keyHint = keyHint.clone();
        signature = Objects.requireNonNull(signature, "signature").clone();
    }

    /** @return a copy of the 4-byte key hint */
    @Override
    public byte[] keyHint() {
        return keyHint.clone();
    }

    /** @return a copy of the signature bytes */
    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** @return the key hint as lowercase hex */
    public String keyHintHex() {
        return HexFormat.of().formatHex(keyHint);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoteSignature s && name.equals(s.name) && Arrays.equals(keyHint, s.keyHint)
                && Arrays.equals(signature, s.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(keyHint), Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
        return "NoteSignature[" + name + "+" + keyHintHex() + ", " + signature.length + " bytes]";
    }
}
