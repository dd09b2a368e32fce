package org.stellaops.attestor.api.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * What verification found for one signature of the envelope.
 *
 * @param index the signature's position in the envelope, from 0
 * @param keyIdHint the envelope's untrusted {@code keyid} for it ({@code ""} when absent)
 * @param verified whether it verified cryptographically with a trusted key (whatever that key's lifecycle)
 * @param key the trusted key version it verified with; null exactly when {@code verified} is false
 */
public record SignatureEvidence(int index, String keyIdHint, boolean verified, SignerKey key) {

    /**
     * @param index not negative
     * @param keyIdHint null reads as empty
     * @param verified flag
     * @param key present exactly when verified
     */
    public SignatureEvidence {
        if (index < 0) {
            throw new IllegalArgumentException("signature index < 0");
        }
        keyIdHint = keyIdHint == null ? "" : keyIdHint;
        if (verified != (key != null)) {
            throw new IllegalArgumentException("a verified signature names its key, an unverified one none");
        }
    }

    /**
     * @param index position in the envelope
     * @param keyIdHint the envelope's hint
     * @param key the key that verified it
     * @return a verified signature
     */
    public static SignatureEvidence verified(int index, String keyIdHint, SignerKey key) {
        return new SignatureEvidence(index, keyIdHint, true, Objects.requireNonNull(key, "key"));
    }

    /**
     * @param index position in the envelope
     * @param keyIdHint the envelope's hint
     * @return a signature no trusted key verifies
     */
    public static SignatureEvidence unverified(int index, String keyIdHint) {
        return new SignatureEvidence(index, keyIdHint, false, null);
    }

    /** @return the key, if the signature verified */
    public Optional<SignerKey> signer() {
        return Optional.ofNullable(key);
    }

    /**
     * @param context the verification context (its trusted time, or else its verification time, is the signing time)
     * @return the key's state at the signing time; empty for an unverified signature
     */
    public Optional<KeyStatus> statusIn(VerificationContext context) {
        return signer().map(k -> k.lifecycle().statusAt(context.signingTime(), context.trustedTime().present()));
    }
}
