package org.stellaops.attestor.auth.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.stellaops.attestor.auth.AuthResult;
import org.stellaops.attestor.sdk.jose.JwsAlgorithm;

/**
 * Turns failures into denials with the challenges of RFC 6750 §3 and RFC 9449 §7.1: every 401 carries a
 * {@code WWW-Authenticate} header, the DPoP challenge always lists the accepted proof algorithms, and a nonce
 * challenge carries the nonce to use.
 */
final class Challenges {

    private final String dpopChallenge;
    private final boolean bearerAccepted;
    private final Supplier<String> nonce;

    /**
     * @param dpopAlgorithms the proof algorithms accepted
     * @param bearerAccepted false when only DPoP-bound tokens are accepted
     * @param nonce the current DPoP nonce
     */
    Challenges(Set<JwsAlgorithm> dpopAlgorithms, boolean bearerAccepted, Supplier<String> nonce) {
        this.dpopChallenge = "algs=\"" + dpopAlgorithms.stream().sorted().map(Enum::name)
                .collect(Collectors.joining(" ")) + "\"";
        this.bearerAccepted = bearerAccepted;
        this.nonce = nonce;
    }

    /**
     * @param failure why the request is refused
     * @param scheme the scheme the request used, or null when it presented no usable Authorization header
     * @return the denial to answer with
     */
    AuthResult.Denied denied(AuthFailure failure, AuthorizationHeader.Scheme scheme) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (failure.status() == 401) {
            headers.put("WWW-Authenticate", challenge(failure.kind(), scheme, headers));
        }
        return new AuthResult.Denied(failure.status(), failure.code(), failure.detail(), headers);
    }

    private String challenge(AuthFailure.Kind kind, AuthorizationHeader.Scheme scheme, Map<String, String> headers) {
        switch (kind) {
            case TOKEN:
                return scheme == AuthorizationHeader.Scheme.DPOP
                        ? "DPoP error=\"invalid_token\", " + dpopChallenge
                        : "Bearer error=\"invalid_token\"";
            case PROOF:
                return "DPoP error=\"invalid_dpop_proof\", " + dpopChallenge;
            case NONCE:
                headers.put("DPoP-Nonce", nonce.get());
                return "DPoP error=\"use_dpop_nonce\", " + dpopChallenge;
            case DPOP_REQUIRED:
                return "DPoP error=\"invalid_token\", " + dpopChallenge;
            default:
                return bearerAccepted ? "Bearer, DPoP " + dpopChallenge : "DPoP " + dpopChallenge;
        }
    }
}
