package org.stellaops.attestor.sdk.timestamp;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What a verified RFC 3161 token vouches for.
 *
 * @param genTime the token's {@code genTime}
 * @param accuracy the token's {@code accuracy} ({@link Duration#ZERO} when it states none)
 * @param authority the name of the configured authority the signer chains to
 * @param serialNumber the token's serial number
 * @param hashAlgorithm the message imprint's hash: {@code SHA-256}, {@code SHA-384} or {@code SHA-512}
 * @param signerSubject the signer certificate's subject (RFC 2253)
 * @param policy the TSA policy OID of the token
 */
public record VerifiedTimestamp(Instant genTime, Duration accuracy, String authority, BigInteger serialNumber,
                                String hashAlgorithm, String signerSubject, String policy) {

    /**
     * @param genTime not null
     * @param accuracy not null, not negative
     * @param authority not null
     * @param serialNumber not null
     * @param hashAlgorithm not null
     * @param signerSubject not null
     * @param policy not null
     */
    public VerifiedTimestamp {
        Objects.requireNonNull(genTime, "genTime");
        Objects.requireNonNull(accuracy, "accuracy");
        if (accuracy.isNegative()) {
            throw new IllegalArgumentException("accuracy < 0");
        }
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(serialNumber, "serialNumber");
        Objects.requireNonNull(hashAlgorithm, "hashAlgorithm");
        Objects.requireNonNull(signerSubject, "signerSubject");
        Objects.requireNonNull(policy, "policy");
    }

    /**
     * @return the latest time the authority allows for the token: {@code genTime} plus its accuracy. The timestamped
     *         bytes existed by then; this is the bound to judge with.
     */
    public Instant latest() {
        return genTime.plus(accuracy);
    }
}
