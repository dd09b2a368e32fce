package org.stellaops.attestor.api.tlog;

import java.time.Instant;
import java.util.Objects;

import org.stellaops.attestor.api.model.KeyState;

/**
 * One version of a transparency log's checkpoint key, with its validity window and lifecycle.
 *
 * <p>A log signs new checkpoints with its newest version only. Retired versions stay valid for verification (old
 * checkpoints and entries logged under them keep verifying). A revoked version is never accepted, whatever its
 * {@code revokedAt}: a checkpoint carries no trusted time that could show it was signed before the revocation.
 *
 * @param version the version number, from 1, increasing with every rotation
 * @param logId lowercase hex of the 32-byte log ID this key gives the log (for an ECDSA key: SHA-256 of its DER
 *        SubjectPublicKeyInfo; for Ed25519: the full C2SP key ID); entries logged under this version carry it
 * @param publicKeyPem the checkpoint key as a PEM public key
 * @param verifierKey the C2SP signed-note verifier key {@code <name>+<hex key ID>+<base64(type ‖ key)>}, or null if
 *        the log did not compute it
 * @param validFrom when the version started signing
 * @param retiredAt when the next version took over, or null while this is the signing version
 * @param revokedAt when the version was revoked, or null
 * @param revocationReason why it was revoked, or null
 * @since 1.2
 */
public record LogKeyVersion(int version, String logId, String publicKeyPem, String verifierKey, Instant validFrom,
                            Instant retiredAt, Instant revokedAt, String revocationReason) {

    /**
     * Validates the parts.
     *
     * @param version at least 1
     * @param logId not null
     * @param publicKeyPem not null
     * @param verifierKey may be null
     * @param validFrom not null
     * @param retiredAt may be null; not before {@code validFrom}
     * @param revokedAt may be null
     * @param revocationReason may be null; only with {@code revokedAt}
     */
    public LogKeyVersion {
        if (version < 1) {
            throw new IllegalArgumentException("key versions start at 1, not " + version);
        }
        Objects.requireNonNull(logId, "logId");
        Objects.requireNonNull(publicKeyPem, "publicKeyPem");
        Objects.requireNonNull(validFrom, "validFrom");
        if (retiredAt != null && retiredAt.isBefore(validFrom)) {
            throw new IllegalArgumentException("key version " + version + " is retired before it is valid");
        }
        if (revocationReason != null && revokedAt == null) {
            throw new IllegalArgumentException("key version " + version + " has a revocation reason but no revokedAt");
        }
    }

    /**
     * The only version of a log that never rotated its key: active, valid since {@link Instant#EPOCH}.
     *
     * @param logId the log ID
     * @param publicKeyPem the checkpoint key
     * @return version 1
     */
    public static LogKeyVersion initial(String logId, String publicKeyPem) {
        return new LogKeyVersion(1, logId, publicKeyPem, null, Instant.EPOCH, null, null, null);
    }

    /**
     * The lifecycle state at {@code now}: {@link KeyState#REVOKED} once revoked (a recorded revocation counts at once),
     * else {@link KeyState#RETIRED} from {@code retiredAt} on, else {@link KeyState#ACTIVE}.
     *
     * @param now the instant to judge at
     * @return the state
     */
    public KeyState state(Instant now) {
        if (revokedAt != null) {
            return KeyState.REVOKED;
        }
        return retiredAt != null && !now.isBefore(retiredAt) ? KeyState.RETIRED : KeyState.ACTIVE;
    }

    /** @return whether notes signed by this version may be accepted: it was never revoked */
    public boolean verifiable() {
        return revokedAt == null;
    }

    /**
     * @param at when the next version took over
     * @return this version, retired at {@code at} (unchanged if it was retired already)
     */
    public LogKeyVersion retire(Instant at) {
        return retiredAt != null ? this
                : new LogKeyVersion(version, logId, publicKeyPem, verifierKey, validFrom, at, revokedAt, revocationReason);
    }

    /**
     * @param at when it was revoked
     * @param reason why, may be null
     * @return this version, revoked (unchanged if it was revoked already)
     */
    public LogKeyVersion revoke(Instant at, String reason) {
        return revokedAt != null ? this
                : new LogKeyVersion(version, logId, publicKeyPem, verifierKey, validFrom, retiredAt,
                        Objects.requireNonNull(at, "at"), reason);
    }
}
