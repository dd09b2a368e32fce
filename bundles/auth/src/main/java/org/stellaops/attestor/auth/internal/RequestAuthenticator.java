package org.stellaops.attestor.auth.internal;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;

import org.stellaops.attestor.auth.AuthResult;
import org.stellaops.attestor.auth.Credentials;
import org.stellaops.attestor.auth.Principal;
import org.stellaops.attestor.store.Tenants;

/**
 * Decides one request: the client certificate first (when client certificates are on), then the access token,
 * its DPoP proof or certificate binding, and last the tenant. Thread-safe and stateless apart from the shared replay
 * cache and the issuers' key caches.
 */
final class RequestAuthenticator {

    private static final System.Logger LOG = System.getLogger(RequestAuthenticator.class.getName());

    /**
     * The parts.
     *
     * @param certificates the client certificate validator
     * @param certificateMapping who a certificate-only caller is
     * @param tokens the access token verifier
     * @param dpop the DPoP proof verifier
     * @param nonces the nonce source when nonces are required, else null
     * @param dpopRequired whether plain Bearer tokens are refused
     * @param maxTokenBytes the largest accepted access token
     * @param challenges how denials are answered
     */
    record Parts(ClientCertificateValidator certificates, CertificateMapping certificateMapping,
            AccessTokenVerifier tokens, DpopVerifier dpop, DpopNonces nonces, boolean dpopRequired, int maxTokenBytes,
            Challenges challenges) {
    }

    private final Parts parts;
    private final Clock clock;

    RequestAuthenticator(Parts parts, Clock clock) {
        this.parts = parts;
        this.clock = clock;
    }

    AuthResult authenticate(Credentials request) {
        Instant now = clock.instant();
        AuthorizationHeader header = null;
        try {
            ValidCertificate cert = parts.certificates().check(request.clientCertificates(), now);
            String authorization = request.authorization();
            if (authorization == null || authorization.isBlank()) {
                if (cert != null) {
                    return new AuthResult.Authenticated(parts.certificateMapping().principal(cert));
                }
                throw AuthFailure.credentials(AuthCodes.MISSING, "the request carries no credentials");
            }
            header = AuthorizationHeader.parse(authorization, parts.maxTokenBytes());
            return new AuthResult.Authenticated(withToken(request, header, cert, now));
        } catch (AuthFailure f) {
            LOG.log(Level.DEBUG, () -> "refused request from " + request.remoteAddress() + ": " + f.code() + " ("
                    + f.detail() + ")");
            return parts.challenges().denied(f, header == null ? null : header.scheme());
        }
    }

    private Principal withToken(Credentials request, AuthorizationHeader header, ValidCertificate cert, Instant now) {
        boolean dpopScheme = header.scheme() == AuthorizationHeader.Scheme.DPOP;
        if (parts.dpopRequired() && !dpopScheme) {
            throw AuthFailure.dpopRequired("only DPoP-bound access tokens are accepted");
        }
        VerifiedToken token = parts.tokens().verify(header.token(), now);
        Principal.Method method = Principal.Method.BEARER;
        if (token.jkt() != null) {
            if (!dpopScheme) {
                throw AuthFailure.dpopRequired("the access token is DPoP-bound; present it with the DPoP scheme");
            }
            parts.dpop().verify(request, header.token(), token.jkt(), now);
            method = Principal.Method.DPOP;
        } else if (dpopScheme) {
            throw AuthFailure.token(AuthCodes.DPOP_INVALID, "the access token is not bound to a DPoP key");
        } else if (token.issuerRequiresDpop()) {
            throw AuthFailure.dpopRequired("the token's issuer requires DPoP-bound tokens");
        }
        if (token.x5t() != null) {
            if (cert == null || !MessageDigest.isEqual(token.x5t().getBytes(StandardCharsets.US_ASCII),
                    cert.thumbprint().getBytes(StandardCharsets.US_ASCII))) {
                throw AuthFailure.token(AuthCodes.CERTIFICATE_BINDING_MISMATCH,
                        "the access token is bound to another TLS client certificate");
            }
            if (method == Principal.Method.BEARER) {
                method = Principal.Method.CERTIFICATE_BOUND_TOKEN;
            }
        }
        if (token.tenant() == null) {
            throw AuthFailure.forbidden(AuthCodes.TENANT_MISSING, "the access token names no tenant");
        }
        if (!Tenants.isName(token.tenant())) {
            // a tenant name keys the caller's data in every store, so only the documented characters are allowed
            throw AuthFailure.forbidden(AuthCodes.TENANT_MISSING,
                    "the access token's tenant is not a tenant name (1 to 128 of [A-Za-z0-9._:@-])");
        }
        return new Principal(token.subject(), token.issuer(), token.tenant(), token.scopes(), method,
                cert == null ? null : cert.thumbprint());
    }

    /** @return the nonce clients must use now, or null when nonces are not required */
    String currentDpopNonce() {
        return parts.nonces() == null ? null : parts.nonces().current(clock.instant());
    }
}
