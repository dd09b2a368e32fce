package org.stellaops.attestor.http;

import java.util.Map;
import java.util.Set;

import org.stellaops.attestor.auth.AuthResult;
import org.stellaops.attestor.auth.Authenticator;
import org.stellaops.attestor.auth.Credentials;
import org.stellaops.attestor.auth.Principal;
import org.stellaops.attestor.auth.Scope;

/**
 * An authenticator over a fixed table of opaque bearer tokens, so that the HTTP layer's own behaviour (scopes,
 * refusals, rate limits, audit) is tested apart from token validation, which the auth bundle tests with real JWTs.
 */
final class TokenTable implements Authenticator {

    /** Holds every scope. */
    static final String ALL = "all-scopes";
    /** Holds {@code attestor.read} only. */
    static final String READ_ONLY = "read-only";

    private final Map<String, Set<Scope>> tokens = Map.of(ALL, Set.of(Scope.values()), READ_ONLY,
            Set.of(Scope.READ));

    @Override
    public AuthResult authenticate(Credentials credentials) {
        String authorization = credentials.authorization();
        if (authorization == null) {
            return new AuthResult.Denied(401, "auth.missing", "send an access token", Map.of("WWW-Authenticate",
                    "Bearer"));
        }
        Set<Scope> scopes = authorization.startsWith("Bearer ") ? tokens.get(authorization.substring(7)) : null;
        if (scopes == null) {
            return new AuthResult.Denied(401, "auth.invalid_token", "unknown token", Map.of("WWW-Authenticate",
                    "Bearer error=\"invalid_token\""));
        }
        return new AuthResult.Authenticated(new Principal(authorization.substring(7), "test", "default", scopes,
                Principal.Method.BEARER, null));
    }

    @Override
    public String currentDpopNonce() {
        return null;
    }
}
