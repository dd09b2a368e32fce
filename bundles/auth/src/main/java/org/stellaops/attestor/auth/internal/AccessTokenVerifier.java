package org.stellaops.attestor.auth.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.jose.Jwk;
import org.stellaops.attestor.sdk.jose.Jws;
import org.stellaops.attestor.sdk.jose.JwsAlgorithm;

/**
 * Verifies JWT access tokens (RFC 9068 / RFC 7519): the issuer must be trusted, the algorithm allowed for it and
 * fitting the key chosen by {@code kid}, the signature valid, {@code exp} in the future and {@code nbf}/{@code iat}
 * not (within the issuer's clock skew), {@code aud} containing the issuer's audience, {@code sub} present.
 */
final class AccessTokenVerifier {

    /** Media types an access token's {@code typ} may name; anything else (notably {@code dpop+jwt}) is refused. */
    private static final Set<String> TOKEN_TYPES = Set.of("at+jwt", "application/at+jwt", "jwt");

    private final IssuerDirectory issuers;
    private final int maxTokenBytes;

    AccessTokenVerifier(IssuerDirectory issuers, int maxTokenBytes) {
        this.issuers = issuers;
        this.maxTokenBytes = maxTokenBytes;
    }

    /**
     * @param token the compact JWS
     * @param now the current time
     * @return the verified claims
     * @throws AuthFailure with the reason
     */
    VerifiedToken verify(String token, Instant now) {
        Jws jws;
        JsonNode payload;
        try {
            jws = Jws.parse(token, maxTokenBytes);
            payload = jws.payloadJson(maxTokenBytes);
        } catch (AttestorException e) {
            throw AuthFailure.token(AuthCodes.INVALID_TOKEN, "the access token is not a well-formed signed JWT");
        }
        String typ = jws.headerText("typ");
        if (jws.header().has("typ") && (typ == null || !TOKEN_TYPES.contains(typ.toLowerCase(Locale.ROOT)))) {
            throw AuthFailure.token(AuthCodes.INVALID_TOKEN, "the token's typ is not that of an access token");
        }
        JwsAlgorithm alg;
        try {
            alg = jws.algorithm();
        } catch (AttestorException e) {
            throw AuthFailure.token(AuthCodes.ALGORITHM_NOT_ALLOWED, "the token's signature algorithm is not allowed");
        }
        Claims claims = new Claims(payload, "access token");
        TrustedIssuer issuer = issuers.find(claims.optionalString("iss"));
        if (issuer == null) {
            throw AuthFailure.token(AuthCodes.UNKNOWN_ISSUER, "the token's issuer is not trusted");
        }
        checkSignature(jws, alg, issuer, now);
        checkTimes(claims, issuer.clockSkew(), now);
        if (!claims.audienceContains(issuer.audience())) {
            throw AuthFailure.token(AuthCodes.WRONG_AUDIENCE, "the token is not meant for this service (aud)");
        }
        String subject = claims.requiredString("sub");
        String tenant = claims.optionalString(issuer.tenantClaim());
        String fallbackScopeClaim = "scope".equals(issuer.scopeClaim()) ? "scp" : null;
        return new VerifiedToken(issuer.issuer(), subject, tenant == null || tenant.isEmpty() ? null : tenant,
                claims.scopes(issuer.scopeClaim(), fallbackScopeClaim), claims.confirmation("jkt"),
                claims.confirmation("x5t#S256"), issuer.requireDpop());
    }

    private static void checkSignature(Jws jws, JwsAlgorithm alg, TrustedIssuer issuer, Instant now) {
        if (!issuer.algorithms().contains(alg)) {
            throw AuthFailure.token(AuthCodes.ALGORITHM_NOT_ALLOWED,
                    "the token's signature algorithm is not allowed for its issuer");
        }
        List<Jwk> keys = issuer.keys().candidates(jws.headerText("kid"), now).stream()
                .filter(k -> alg.fits(k.publicKey()) && (k.alg() == null || k.alg().equals(alg.name())))
                .toList();
        if (keys.isEmpty()) {
            throw AuthFailure.token(AuthCodes.ALGORITHM_NOT_ALLOWED,
                    "the token's signature algorithm does not fit the issuer's key");
        }
        for (Jwk key : keys) {
            if (jws.verify(key.publicKey())) {
                return;
            }
        }
        throw AuthFailure.token(AuthCodes.BAD_SIGNATURE, "the token's signature does not verify");
    }

    private static void checkTimes(Claims claims, Duration skew, Instant now) {
        Instant exp = claims.requiredDate("exp");
        if (!now.isBefore(exp.plus(skew))) {
            throw AuthFailure.token(AuthCodes.TOKEN_EXPIRED, "the token has expired");
        }
        Instant nbf = claims.optionalDate("nbf");
        Instant iat = claims.optionalDate("iat");
        if (nbf != null && now.plus(skew).isBefore(nbf) || iat != null && now.plus(skew).isBefore(iat)) {
            throw AuthFailure.token(AuthCodes.TOKEN_NOT_YET_VALID, "the token is not valid yet");
        }
    }
}
