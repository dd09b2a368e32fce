package org.stellaops.attestor.auth.internal;

import java.time.Instant;
import java.util.List;

import org.stellaops.attestor.sdk.jose.Jwk;
import org.stellaops.attestor.sdk.jose.JwkSet;

/** Keys fixed for the life of the component (the development issuer's). */
final class StaticKeys implements KeySource {

    private final JwkSet keys;

    StaticKeys(JwkSet keys) {
        this.keys = keys;
    }

    @Override
    public List<Jwk> candidates(String kid, Instant now) {
        List<Jwk> found = CachedJwks.select(keys, kid);
        if (found.isEmpty()) {
            throw AuthFailure.token(AuthCodes.UNKNOWN_KEY, "the token's signing key is not among the issuer's keys");
        }
        return found;
    }
}
