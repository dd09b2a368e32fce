package org.stellaops.attestor.sdk.timestamp;

/**
 * The stable error codes of RFC 3161 verification, carried by {@link TimestampException#code()}.
 */
public final class TimestampCodes {

    /**
     * Not a DER {@code TimeStampToken} or {@code TimeStampResp}: bad ASN.1, trailing bytes, a response whose status is
     * not granted or that holds no token, not exactly one signer, an unreadable {@code TSTInfo}.
     */
    public static final String MALFORMED = "timestamp.malformed";
    /** The message imprint uses a hash other than SHA-256, SHA-384 or SHA-512. */
    public static final String UNSUPPORTED_ALGORITHM = "timestamp.unsupported_algorithm";
    /** The message imprint is not the hash of the bytes the token is said to timestamp. */
    public static final String IMPRINT_MISMATCH = "timestamp.imprint_mismatch";
    /**
     * The signer is not a trusted time-stamping authority: its certificate is missing, chains to no configured
     * authority at the token's time, is not valid at that time, or is not a time-stamping certificate (critical
     * extended key usage with {@code id-kp-timeStamping} only).
     */
    public static final String UNTRUSTED = "timestamp.untrusted";
    /** The CMS signature does not verify, or the signed attributes do not bind the token's content or certificate. */
    public static final String INVALID_SIGNATURE = "timestamp.invalid_signature";
    /** An authority's configuration is unusable: no name, or no readable certificate. */
    public static final String BAD_AUTHORITY = "timestamp.bad_authority";

    private TimestampCodes() {
    }
}
