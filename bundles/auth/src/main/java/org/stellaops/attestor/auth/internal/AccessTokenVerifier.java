package org.stellaops.attestor.auth.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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

    /** Verified tokens kept; a client sends the same token with every request until it expires. */
    static final int CACHE_ENTRIES = 10_000;

    private final IssuerDirectory issuers;
    private final int maxTokenBytes;
    private final Map<String, Verified> cache = new ConcurrentHashMap<>();

    AccessTokenVerifier(IssuerDirectory issuers, int maxTokenBytes) {
        this.issuers = issuers;
        this.maxTokenBytes = maxTokenBytes;
    }

    /**
     * Verifies a token, or finds it verified before: a signature check costs more than the rest of a cached
     * verification of a request. A cached token is still refused once it expires, once its issuer's configuration
     * changes, and once the key that verified it is no longer among the issuer's keys (rotated out or revoked).
     *
     * @param token the compact JWS
     * @param now the current time
     * @return the verified claims
     * @throws AuthFailure with the reason
     */
    VerifiedToken verify(String token, Instant now) {
        if (token.length() > maxTokenBytes) {
            throw AuthFailure.token(AuthCodes.INVALID_TOKEN, "the access token is not a well-formed signed JWT");
        }
        Verified cached = cache.get(token);
        if (cached != null && cached.stillTrusted(issuers, now)) {
            checkTimes(cached.exp(), cached.nbf(), cached.iat(), cached.issuer().clockSkew(), now);
            return cached.token();
        }
        Verified verified = verifyFully(token, now);
        if (cache.size() >= CACHE_ENTRIES) {
            // dropping everything is crude but bounded and rare: live clients re-verify once
            cache.clear();
        }
        cache.put(token, verified);
        return verified.token();
    }

    private Verified verifyFully(String token, Instant now) {
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
        Jwk key = checkSignature(jws, alg, issuer, now);
        Instant exp = claims.requiredDate("exp");
        Instant nbf = claims.optionalDate("nbf");
        Instant iat = claims.optionalDate("iat");
        checkTimes(exp, nbf, iat, issuer.clockSkew(), now);
        if (!claims.audienceContains(issuer.audience())) {
            throw AuthFailure.token(AuthCodes.WRONG_AUDIENCE, "the token is not meant for this service (aud)");
        }
        String subject = claims.requiredString("sub");
        String tenant = claims.optionalString(issuer.tenantClaim());
        String fallbackScopeClaim = "scope".equals(issuer.scopeClaim()) ? "scp" : null;
        VerifiedToken verified = new VerifiedToken(issuer.issuer(), subject,
                tenant == null || tenant.isEmpty() ? null : tenant,
                claims.scopes(issuer.scopeClaim(), fallbackScopeClaim), claims.confirmation("jkt"),
                claims.confirmation("x5t#S256"), issuer.requireDpop());
        return new Verified(verified, issuer, key, jws.headerText("kid"), exp, nbf, iat);
    }

    /** @return how many verified tokens are cached */
    int cached() {
        return cache.size();
    }

    /** @return the key whose signature verified */
    private static Jwk checkSignature(Jws jws, JwsAlgorithm alg, TrustedIssuer issuer, Instant now) {
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
                return key;
            }
        }
        throw AuthFailure.token(AuthCodes.BAD_SIGNATURE, "the token's signature does not verify");
    }

    private static void checkTimes(Instant exp, Instant nbf, Instant iat, Duration skew, Instant now) {
        if (!now.isBefore(exp.plus(skew))) {
            throw AuthFailure.token(AuthCodes.TOKEN_EXPIRED, "the token has expired");
        }
        if (nbf != null && now.plus(skew).isBefore(nbf) || iat != null && now.plus(skew).isBefore(iat)) {
            throw AuthFailure.token(AuthCodes.TOKEN_NOT_YET_VALID, "the token is not valid yet");
        }
    }

    /** A verified token and what its verification depended on. */
    private record Verified(VerifiedToken token, TrustedIssuer issuer, Jwk key, String kid, Instant exp,
            Instant nbf, Instant iat) {

        /** @return whether the same issuer configuration still trusts the same key */
        boolean stillTrusted(IssuerDirectory issuers, Instant now) {
            if (issuers.find(token.issuer()) != issuer) {
                return false;
            }
            try {
                // identity: key sets are immutable snapshots, and equals would DER-encode both keys per request
                return issuer.keys().candidates(kid, now).stream().anyMatch(k -> k == key);
            } catch (AuthFailure e) {
                return false;
            }
        }
    }
}
