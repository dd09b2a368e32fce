package org.stellaops.attestor.api.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * The validity window of one key version, as the key registry records it.
 *
 * @param validFrom from when the version signs and verifies
 * @param retiredAt from when it no longer verifies, or null
 * @param revokedAt when it was revoked, or null
 * @param revocationReason the RFC 5280 reason in lower snake case (for example {@code key_compromise}), or empty when
 *                         not revoked
 * @param compromisedAt for a revocation for key compromise, from when the key must be taken as known to an
 *                      attacker; null otherwise
 */
public record KeyLifecycle(Instant validFrom, Instant retiredAt, Instant revokedAt, String revocationReason,
                           Instant compromisedAt) {

    /**
     * @param validFrom not null
     * @param retiredAt may be null
     * @param revokedAt may be null
     * @param revocationReason null reads as empty
     * @param compromisedAt only with {@code revokedAt}
     */
    public KeyLifecycle {
        Objects.requireNonNull(validFrom, "validFrom");
        revocationReason = revocationReason == null ? "" : revocationReason;
        if (compromisedAt != null && revokedAt == null) {
            throw new IllegalArgumentException("a key is compromised only through a revocation");
        }
    }

    /**
     * @param validFrom from when the version is valid
     * @return a version that is valid from then on, never retired or revoked
     */
    public static KeyLifecycle validSince(Instant validFrom) {
        return new KeyLifecycle(validFrom, null, null, "", null);
    }

    /**
     * Judges a signature made by this version, with the same rules as the platform's key registry: a compromised
     * version fails every signature that trusted time does not place before the compromise; a revoked one fails
     * signatures at or after the revocation; and a signature must fall in {@code [validFrom, retiredAt)}.
     *
     * @param signingTime the trusted signing time, or the verification time when there is no trusted time
     * @param trusted whether {@code signingTime} is a trusted time
     * @return the state at that time
     */
    public KeyStatus statusAt(Instant signingTime, boolean trusted) {
        Objects.requireNonNull(signingTime, "signingTime");
        if (compromisedAt != null && (!trusted || !signingTime.isBefore(compromisedAt))) {
            return KeyStatus.COMPROMISED;
        }
        if (revokedAt != null && !signingTime.isBefore(revokedAt)) {
            return KeyStatus.REVOKED;
        }
        if (signingTime.isBefore(validFrom)) {
            return KeyStatus.NOT_YET_VALID;
        }
        if (retiredAt != null && !signingTime.isBefore(retiredAt)) {
            return KeyStatus.RETIRED;
        }
        return KeyStatus.ACTIVE;
    }

    /**
     * @param status a state this lifecycle gave
     * @return a phrase saying why, for example {@code revoked at 2026-03-01T00:00:00Z (superseded)}
     */
    public String explain(KeyStatus status) {
        return switch (status) {
            case ACTIVE -> "valid from " + validFrom + (retiredAt == null ? "" : " until " + retiredAt);
            case NOT_YET_VALID -> "valid only from " + validFrom;
            case RETIRED -> "retired at " + retiredAt;
            case REVOKED -> "revoked at " + revokedAt + " (" + revocationReason + ")";
            case COMPROMISED -> "revoked for compromise from " + compromisedAt;
        };
    }
}
