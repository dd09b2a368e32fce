package org.stellaops.attestor.auth.internal;

import java.util.Set;

import org.stellaops.attestor.auth.Scope;

/**
 * An access token whose signature, issuer, audience and lifetime are verified.
 *
 * @param issuer the {@code iss}
 * @param subject the {@code sub}
 * @param tenant the tenant claim, or null when the token has none (checked last, see the authenticator)
 * @param scopes the attestor scopes
 * @param jkt the DPoP key thumbprint the token is bound to ({@code cnf.jkt}), or null
 * @param x5t the certificate thumbprint the token is bound to ({@code cnf.x5t#S256}), or null
 * @param issuerRequiresDpop whether the issuer accepts only DPoP-bound tokens
 */
record VerifiedToken(String issuer, String subject, String tenant, Set<Scope> scopes, String jkt, String x5t,
        boolean issuerRequiresDpop) {
}
