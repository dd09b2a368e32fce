package org.stellaops.attestor.keys.fido2;

import java.util.Objects;

/**
 * The outcome of checking one FIDO2 signature, with the reason of a failure (for logs and reports; never shown as a
 * hint to whoever made the signature).
 *
 * @param valid whether the signature is valid for the key and message
 * @param reason why it is not, or {@code "valid"}
 */
public record Fido2Verification(boolean valid, String reason) {

    private static final Fido2Verification VALID = new Fido2Verification(true, "valid");

    /**
     * @param valid flag
     * @param reason not null
     */
    public Fido2Verification {
        Objects.requireNonNull(reason, "reason");
    }

    /** @return a success */
    static Fido2Verification ok() {
        return VALID;
    }

    /**
     * @param reason why
     * @return a failure
     */
    static Fido2Verification failed(String reason) {
        return new Fido2Verification(false, reason);
    }
}
