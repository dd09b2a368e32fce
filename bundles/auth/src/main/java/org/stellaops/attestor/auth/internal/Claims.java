package org.stellaops.attestor.auth.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.stellaops.attestor.auth.Scope;

/** Typed reads of JWT claims (RFC 7519 §4.1); a claim of the wrong type makes the token invalid. */
final class Claims {

    /** Numeric dates beyond the year 9999 are not dates. */
    private static final BigDecimal MAX_DATE = BigDecimal.valueOf(253_402_300_799L);

    private final JsonNode claims;
    private final String what;

    /**
     * @param claims the claims object
     * @param what "access token" or "DPoP proof", for messages
     */
    Claims(JsonNode claims, String what) {
        this.claims = claims;
        this.what = what;
    }

    private AuthFailure invalid(String message) {
        return "DPoP proof".equals(what) ? AuthFailure.proof(AuthCodes.DPOP_INVALID, message)
                : AuthFailure.token(AuthCodes.INVALID_TOKEN, message);
    }

    /** @return the claim's string value, or null when absent; fails when present but not a string */
    String optionalString(String name) {
        JsonNode value = claims.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid("the " + what + " claim " + name + " is not a string");
        }
        return value.textValue();
    }

    /** @return the claim's non-empty string value */
    String requiredString(String name) {
        String value = optionalString(name);
        if (value == null || value.isEmpty()) {
            throw invalid("the " + what + " has no " + name + " claim");
        }
        return value;
    }

    /** @return the NumericDate claim as an instant (fractions dropped), or null when absent */
    Instant optionalDate(String name) {
        JsonNode value = claims.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || value.decimalValue().signum() < 0 || value.decimalValue().compareTo(MAX_DATE) > 0) {
            throw invalid("the " + what + " claim " + name + " is not a NumericDate");
        }
        return Instant.ofEpochSecond(value.decimalValue().longValue());
    }

    Instant requiredDate(String name) {
        Instant value = optionalDate(name);
        if (value == null) {
            throw invalid("the " + what + " has no " + name + " claim");
        }
        return value;
    }

    /** @return whether {@code aud} is the audience or an array containing it */
    boolean audienceContains(String audience) {
        JsonNode aud = claims.get("aud");
        if (aud != null && aud.isTextual()) {
            return aud.textValue().equals(audience);
        }
        if (aud != null && aud.isArray()) {
            for (JsonNode a : aud) {
                if (a.isTextual() && a.textValue().equals(audience)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * @param name the scope claim: a space-separated string or an array of strings
     * @param fallback a second claim read when the first is absent, or null
     * @return the attestor scopes among the values (other services' scopes are ignored)
     */
    Set<Scope> scopes(String name, String fallback) {
        JsonNode value = claims.get(name);
        if ((value == null || value.isNull()) && fallback != null) {
            value = claims.get(fallback);
        }
        List<String> words = new ArrayList<>();
        if (value == null || value.isNull()) {
            return Set.of();
        } else if (value.isTextual()) {
            for (String w : value.textValue().split(" ")) {
                words.add(w);
            }
        } else if (value.isArray()) {
            for (JsonNode w : value) {
                if (!w.isTextual()) {
                    throw invalid("the " + what + " scope array holds a non-string");
                }
                words.add(w.textValue());
            }
        } else {
            throw invalid("the " + what + " scope claim is neither a string nor an array");
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String w : words) {
            Scope.parse(w).ifPresent(scopes::add);
        }
        return scopes;
    }

    /** @return the member of the {@code cnf} object, or null; fails when cnf or the member has the wrong type */
    String confirmation(String member) {
        JsonNode cnf = claims.get("cnf");
        if (cnf == null || cnf.isNull()) {
            return null;
        }
        if (!cnf.isObject()) {
            throw invalid("the " + what + " cnf claim is not an object");
        }
        JsonNode value = cnf.get(member);
        if (value == null) {
            return null;
        }
        if (!value.isTextual() || value.textValue().isEmpty()) {
            throw invalid("the " + what + " cnf." + member + " is not a non-empty string");
        }
        return value.textValue();
    }
}
