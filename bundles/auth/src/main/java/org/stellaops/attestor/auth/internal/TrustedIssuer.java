package org.stellaops.attestor.auth.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

import org.stellaops.attestor.sdk.jose.JwsAlgorithm;

/**
 * One issuer whose access tokens are accepted.
 *
 * @param issuer the exact {@code iss}
 * @param audience the value {@code aud} must contain
 * @param algorithms the JWS algorithms accepted from this issuer
 * @param tenantClaim the claim naming the tenant
 * @param scopeClaim the claim carrying the scopes (a space-separated string or an array of strings)
 * @param clockSkew the tolerance for {@code exp}, {@code nbf} and {@code iat}
 * @param requireDpop whether every token of this issuer must be DPoP-bound
 * @param keys where the verification keys come from
 */
record TrustedIssuer(String issuer, String audience, Set<JwsAlgorithm> algorithms, String tenantClaim,
        String scopeClaim, Duration clockSkew, boolean requireDpop, KeySource keys) {

    TrustedIssuer {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        algorithms = Set.copyOf(algorithms);
        Objects.requireNonNull(tenantClaim, "tenantClaim");
        Objects.requireNonNull(scopeClaim, "scopeClaim");
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(keys, "keys");
    }
}
