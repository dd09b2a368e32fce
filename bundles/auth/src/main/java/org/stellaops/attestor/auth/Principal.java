package org.stellaops.attestor.auth;

import java.util.Objects;
import java.util.Set;

/**
 * An authenticated caller.
 *
 * @param subject who: the token's {@code sub}, or the client certificate's subject DN
 * @param issuer the token issuer, or {@code "mtls"} for a certificate-only caller
 * @param tenant the tenant every record and read of this caller belongs to (never null or empty)
 * @param scopes the attestor scopes granted
 * @param method how the caller proved who it is
 * @param certificateThumbprint base64url SHA-256 of the client certificate (RFC 8705 {@code x5t#S256}), or null
 *                              when the connection carried none
 */
public record Principal(String subject, String issuer, String tenant, Set<Scope> scopes, Method method,
        String certificateThumbprint) {

    /** How a principal authenticated. */
    public enum Method {
        /** A plain bearer access token. */
        BEARER,
        /** An access token bound to a DPoP key (RFC 9449), with a valid proof. */
        DPOP,
        /** An access token bound to the TLS client certificate (RFC 8705). */
        CERTIFICATE_BOUND_TOKEN,
        /** A TLS client certificate alone, mapped to scopes and a tenant by configuration. */
        CLIENT_CERTIFICATE
    }

    /** Validates and freezes the scopes. */
    public Principal {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(method, "method");
        if (tenant == null || tenant.isEmpty()) {
            throw new IllegalArgumentException("a principal always has a tenant");
        }
        scopes = Set.copyOf(scopes);
    }

    /** @return whether the principal holds the scope */
    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }

    /**
     * @return the name written to audit events and record provenance: {@code <issuer>#<subject>}; never any token
     *         material
     */
    public String auditName() {
        return issuer + "#" + subject;
    }
}
