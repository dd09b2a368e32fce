package org.stellaops.attestor.auth.internal;

import java.time.Instant;
import java.util.List;

import org.stellaops.attestor.sdk.jose.Jwk;

/** The verification keys of one issuer. Thread-safe. */
interface KeySource {

    /**
     * @param kid the token's {@code kid}, or null
     * @param now the current time
     * @return the keys with that kid; without a kid, the only key when there is exactly one; never empty
     * @throws AuthFailure {@code auth.unknown_key} when no key matches, {@code auth.issuer_unavailable} when the
     *         keys cannot be obtained (or are too stale to trust)
     */
    List<Jwk> candidates(String kid, Instant now);
}
