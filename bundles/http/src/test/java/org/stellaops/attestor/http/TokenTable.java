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

    /** The tenant of {@link #ALL} and {@link #READ_ONLY}. */
    static final String TENANT = "default";
    /** The tenant of {@link #OTHER}. */
    static final String OTHER_TENANT = "tenant-b";
    /** The tenant of {@link #OPERATOR}, which the harness configures as {@code operatorTenant}. */
    static final String OPERATOR_TENANT = "ops";

    /** Holds every scope, tenant {@value #TENANT}. */
    static final String ALL = "all-scopes";
    /** Holds {@code attestor.read} only, tenant {@value #TENANT}. */
    static final String READ_ONLY = "read-only";
    /** Holds every scope, tenant {@value #OTHER_TENANT}. */
    static final String OTHER = "other-tenant";
    /** Holds every scope, tenant {@value #OPERATOR_TENANT}. */
    static final String OPERATOR = "operator";
    /** Holds every scope, tenant {@value #TENANT}: a second principal of the tenant of {@link #ALL}. */
    static final String COLLEAGUE = "colleague";

    private record Grant(String tenant, Set<Scope> scopes) {
    }

    private final Map<String, Grant> tokens = Map.of(ALL, new Grant(TENANT, Set.of(Scope.values())),
            READ_ONLY, new Grant(TENANT, Set.of(Scope.READ)),
            OTHER, new Grant(OTHER_TENANT, Set.of(Scope.values())),
            OPERATOR, new Grant(OPERATOR_TENANT, Set.of(Scope.values())),
            COLLEAGUE, new Grant(TENANT, Set.of(Scope.values())));

    @Override
    public AuthResult authenticate(Credentials credentials) {
        String authorization = credentials.authorization();
        if (authorization == null) {
            return new AuthResult.Denied(401, "auth.missing", "send an access token", Map.of("WWW-Authenticate",
                    "Bearer"));
        }
        Grant grant = authorization.startsWith("Bearer ") ? tokens.get(authorization.substring(7)) : null;
        if (grant == null) {
            return new AuthResult.Denied(401, "auth.invalid_token", "unknown token", Map.of("WWW-Authenticate",
                    "Bearer error=\"invalid_token\""));
        }
        return new AuthResult.Authenticated(new Principal(authorization.substring(7), "test", grant.tenant(),
                grant.scopes(), Principal.Method.BEARER, null));
    }

    @Override
    public String currentDpopNonce() {
        return null;
    }
}
