package org.stellaops.attestor.sdk.dsse;

/**
 * The outcome for one envelope signature.
 *
 * @param index the signature's position in the envelope
 * @param keyIdHint the signature's untrusted keyid ({@code ""} when absent)
 * @param verifiedKeyId the ID of the trusted key that verified it, or null if none did
 * @param detail a human-readable explanation
 */
public record SignatureCheck(int index, String keyIdHint, String verifiedKeyId, String detail) {

    /** @return true if a trusted key verified this signature */
    public boolean verified() {
        return verifiedKeyId != null;
    }
}
