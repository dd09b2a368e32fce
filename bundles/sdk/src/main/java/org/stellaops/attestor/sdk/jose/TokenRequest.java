package org.stellaops.attestor.sdk.jose;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.stellaops.attestor.sdk.AttestorException;

/** Checks and shapes the claims of a development access token. */
final class TokenRequest {

    /** RFC 6749 §3.3 scope-token. */
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,128}");
    /** A base64url SHA-256: 43 characters. */
    private static final Pattern JKT = Pattern.compile("[A-Za-z0-9_-]{43}");

    private TokenRequest() {
    }

    static void check(String subject, String tenant, Collection<String> scopes, Duration ttl, String audience,
            Instant now, String cnfJkt) {
        require(subject != null && !subject.isBlank(), "the subject must not be empty");
        require(tenant != null && !tenant.isBlank(), "the tenant must not be empty");
        require(audience != null && !audience.isBlank(), "the audience must not be empty");
        require(now != null, "the issue time is required");
        require(ttl != null && !ttl.isNegative() && !ttl.isZero() && ttl.compareTo(DevIssuer.MAX_TTL) <= 0,
                "the token lifetime must be more than zero and at most " + DevIssuer.MAX_TTL.toMinutes() + " minutes");
        require(ttl.getSeconds() >= 1, "the token lifetime must be at least one second");
        require(scopes != null, "scopes are required (may be empty)");
        for (String scope : scopes) {
            require(scope != null && SCOPE_TOKEN.matcher(scope).matches(),
                    "a scope is a non-empty token without spaces, quotes or backslashes");
        }
        require(cnfJkt == null || JKT.matcher(cnfJkt).matches(),
                "cnf.jkt must be a base64url SHA-256 JWK thumbprint");
    }

    static ObjectNode claims(String subject, String tenant, Collection<String> scopes, Duration ttl, String audience,
            Instant now, String cnfJkt, String jti) {
        long iat = now.getEpochSecond();
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        claims.put("iss", DevIssuer.ISSUER);
        claims.put("sub", subject);
        claims.put("aud", audience);
        claims.put("client_id", subject);
        claims.put("iat", iat);
        claims.put("nbf", iat);
        claims.put("exp", iat + ttl.getSeconds());
        claims.put("jti", jti);
        Set<String> unique = new LinkedHashSet<>(scopes);
        claims.put("scope", String.join(" ", unique));
        claims.put("tenant", tenant);
        if (cnfJkt != null) {
            claims.putObject("cnf").put("jkt", cnfJkt);
        }
        return claims;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new AttestorException(JoseCodes.INVALID_REQUEST, message);
        }
    }
}
