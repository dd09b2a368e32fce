package org.stellaops.attestor.store;

import java.time.Instant;
import java.util.Objects;

import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.KeyState;

/**
 * One version of a key of one tenant: a trusted signer public key (a trust root), or a signing key whose private half
 * a key driver holds ({@code driver} is then set). Versions of one key share its name; rotation adds a version.
 * Nothing is ever deleted: retirement and revocation mark the version with their times.
 *
 * <p>A key verifies the signatures of its own tenant's envelopes only, unless it is {@code shared}: the operator
 * shares a key (for example the organisation's release key) with every tenant. The operator's own keys (tenant
 * {@link Tenants#OPERATOR}, for example the service key that signs receipts) verify no tenant's envelopes.
 *
 * <p>Lifecycle, judged at a signature's trusted signing time {@code t} (see {@link #refusal}): a version is valid from
 * {@code validFrom} (a future time schedules a rotation) until {@code retiredAt} (a future time schedules the
 * retirement); revocation ends it at {@code revokedAt}, and a revocation for key compromise also refuses every
 * signature without a trusted time before {@code compromisedAt}.
 *
 * @param keyId lowercase hex SHA-256 of the DER SubjectPublicKeyInfo
 * @param name the key's name, shared by its versions
 * @param algorithm the signature algorithm accepted for this key
 * @param publicKeyPem the PEM public key
 * @param createdAt when this version was added
 * @param revokedAt when it was revoked, or null
 * @param tenant the tenant that added it and may change it ({@link Tenants#OPERATOR} for the operator's own keys)
 * @param shared whether it verifies every tenant's envelopes
 * @param version the version number within the name, from 1
 * @param validFrom from when it signs and verifies (null reads as {@code createdAt})
 * @param retiredAt from when it no longer verifies, or null
 * @param revocationReason why it was revoked (one of {@link RevocationReason}'s codes), or null
 * @param compromisedAt for a compromise, from when the key must be taken as known to the attacker, or null
 * @param driver the key driver that holds the private key, or null for a key whose private half is elsewhere
 */
public record TrustedKey(String keyId, String name, KeyAlgorithm algorithm, String publicKeyPem, Instant createdAt,
                         Instant revokedAt, String tenant, boolean shared, int version, Instant validFrom,
                         Instant retiredAt, String revocationReason, Instant compromisedAt, String driver) {

    /** Why a key version was revoked (RFC 5280 reason names, lower snake case). */
    public enum RevocationReason {
        /** No reason given. */
        UNSPECIFIED,
        /** The private key is or may be known to someone else. */
        KEY_COMPROMISE,
        /** Replaced by another key. */
        SUPERSEDED,
        /** No longer used for its purpose. */
        CESSATION_OF_OPERATION;

        /** @return the stored and API code, for example {@code key_compromise} */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /**
         * @param code a code as {@link #code()} gives it
         * @return the reason
         * @throws IllegalArgumentException for an unknown code
         */
        public static RevocationReason of(String code) {
            for (RevocationReason reason : values()) {
                if (reason.code().equals(code)) {
                    return reason;
                }
            }
            throw new IllegalArgumentException("unknown revocation reason '" + code
                    + "': use unspecified, key_compromise, superseded or cessation_of_operation");
        }
    }

    /** Code of a signature made before its key version became valid. */
    public static final String NOT_YET_VALID = "key.not_yet_valid";
    /** Code of a signature made after its key version was retired. */
    public static final String RETIRED = "key.retired";
    /** Code of a signature made after its key version was revoked. */
    public static final String REVOKED = "key.revoked";
    /** Code of a signature by a compromised key without trusted time before the compromise. */
    public static final String COMPROMISED = "key.compromised";

    /**
     * @param keyId not null
     * @param name not null
     * @param algorithm not null
     * @param publicKeyPem not null
     * @param createdAt not null
     * @param revokedAt may be null
     * @param tenant a tenant name or the operator
     * @param shared whether every tenant trusts it
     * @param version from 1; 0 (data stored before versions) reads as 1
     * @param validFrom null reads as {@code createdAt}
     * @param retiredAt may be null
     * @param revocationReason null unless revoked; a revoked key without one reads as {@code unspecified}
     * @param compromisedAt only with reason {@code key_compromise}; null then reads as {@code revokedAt}
     * @param driver may be null
     */
    public TrustedKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(publicKeyPem, "publicKeyPem");
        Objects.requireNonNull(createdAt, "createdAt");
        if (tenant == null || !(Tenants.isName(tenant) || tenant.equals(Tenants.OPERATOR))) {
            throw new IllegalArgumentException("a trusted key belongs to a tenant");
        }
        if (version < 0) {
            throw new IllegalArgumentException("a key version is positive");
        }
        version = Math.max(version, 1);
        validFrom = validFrom == null ? createdAt : validFrom;
        if (revokedAt != null) {
            revocationReason = RevocationReason.of(revocationReason == null
                    ? RevocationReason.UNSPECIFIED.code() : revocationReason).code();
            if (RevocationReason.KEY_COMPROMISE.code().equals(revocationReason)) {
                compromisedAt = compromisedAt == null || compromisedAt.isAfter(revokedAt) ? revokedAt : compromisedAt;
            } else {
                compromisedAt = null;
            }
        } else {
            revocationReason = null;
            compromisedAt = null;
        }
    }

    /**
     * A first version of an external signer's key, as trust roots were before key versions existed.
     *
     * @param keyId not null
     * @param name not null
     * @param algorithm not null
     * @param publicKeyPem not null
     * @param createdAt not null
     * @param revokedAt may be null
     * @param tenant a tenant name
     * @param shared whether every tenant trusts it
     */
    public TrustedKey(String keyId, String name, KeyAlgorithm algorithm, String publicKeyPem, Instant createdAt,
                      Instant revokedAt, String tenant, boolean shared) {
        this(keyId, name, algorithm, publicKeyPem, createdAt, revokedAt, tenant, shared, 1, createdAt, null, null,
                null, null);
    }

    /**
     * @param asking a tenant
     * @return whether this key verifies that tenant's envelopes: its own key, or a shared one
     */
    public boolean trustedBy(String asking) {
        return shared || (!tenant.isEmpty() && tenant.equals(asking));
    }

    /** @return whether the key has been revoked */
    public boolean revoked() {
        return revokedAt != null;
    }

    /** @return whether the key was revoked because it was compromised */
    public boolean compromised() {
        return RevocationReason.KEY_COMPROMISE.code().equals(revocationReason);
    }

    /**
     * @param now the current time
     * @return the state now: revoked, retired (its retirement time has passed), or active (which includes a version
     *         scheduled to become valid later: see {@link #validFrom})
     */
    public KeyState state(Instant now) {
        if (revokedAt != null) {
            return KeyState.REVOKED;
        }
        return retiredAt != null && !now.isBefore(retiredAt) ? KeyState.RETIRED : KeyState.ACTIVE;
    }

    /**
     * @param now the current time
     * @return whether this version may make new signatures now: valid, not retired, not revoked
     */
    public boolean signsAt(Instant now) {
        return state(now) == KeyState.ACTIVE && !now.isBefore(validFrom);
    }

    /**
     * Judges a signature this key verified.
     *
     * @param signingTime the trusted signing time, or the verification time when there is none
     * @param trustedTime whether {@code signingTime} comes from a trusted source (a log, a receipt, the service's
     *                    own acceptance) rather than being the time of the question
     * @return null if the signature counts, else the code saying why not ({@link #NOT_YET_VALID}, {@link #RETIRED},
     *         {@link #REVOKED}, {@link #COMPROMISED})
     */
    public String refusal(Instant signingTime, boolean trustedTime) {
        if (compromised() && (!trustedTime || !signingTime.isBefore(compromisedAt))) {
            return COMPROMISED;
        }
        if (revokedAt != null && !signingTime.isBefore(revokedAt)) {
            return REVOKED;
        }
        if (signingTime.isBefore(validFrom)) {
            return NOT_YET_VALID;
        }
        if (retiredAt != null && !signingTime.isBefore(retiredAt)) {
            return RETIRED;
        }
        return null;
    }

    /**
     * @param at the revocation time
     * @param reason why
     * @param compromiseTime for a compromise, when it began (null: at {@code at})
     * @return this version, revoked
     */
    public TrustedKey revoke(Instant at, RevocationReason reason, Instant compromiseTime) {
        return new TrustedKey(keyId, name, algorithm, publicKeyPem, createdAt, at, tenant, shared, version, validFrom,
                retiredAt, reason.code(), compromiseTime, driver);
    }

    /**
     * @param at the retirement time (may be in the future)
     * @return this version, retired at that time
     */
    public TrustedKey retire(Instant at) {
        return new TrustedKey(keyId, name, algorithm, publicKeyPem, createdAt, revokedAt, tenant, shared, version,
                validFrom, at, revocationReason, compromisedAt, driver);
    }
}
