package org.stellaops.attestor.api.policy;

import java.util.Locale;

/** The state of a key version at the signing time a signature is judged at. */
public enum KeyStatus {
    /** Valid: the signature counts. */
    ACTIVE,
    /** The signing time is before the version became valid. */
    NOT_YET_VALID,
    /** The signing time is at or after the version's retirement. */
    RETIRED,
    /** The signing time is at or after the version's revocation. */
    REVOKED,
    /**
     * The version was revoked for key compromise and the signature is not proven (by trusted time) to predate the
     * compromise.
     */
    COMPROMISED;

    /** @return the report name: {@code active}, {@code not_yet_valid}, {@code retired}, {@code revoked}, … */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
