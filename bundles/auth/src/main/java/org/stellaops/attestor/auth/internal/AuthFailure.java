package org.stellaops.attestor.auth.internal;

/**
 * Why a request is refused, thrown inside the auth bundle and turned into an
 * {@link org.stellaops.attestor.auth.AuthResult.Denied} at its edge. The detail is written for humans and never
 * contains token, proof or key material.
 */
final class AuthFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Which challenge the 401 answer carries. */
    enum Kind {
        /** No usable credentials: advertise the accepted schemes. */
        CREDENTIALS,
        /** The access token is invalid ({@code error="invalid_token"}). */
        TOKEN,
        /** The DPoP proof is invalid ({@code error="invalid_dpop_proof"}). */
        PROOF,
        /** A fresh server nonce is needed ({@code error="use_dpop_nonce"} plus {@code DPoP-Nonce}). */
        NONCE,
        /** The token must be presented with the DPoP scheme and a proof. */
        DPOP_REQUIRED,
        /** Valid credentials that are not allowed (403, no challenge). */
        FORBIDDEN
    }

    private final int status;
    private final String code;
    private final Kind kind;

    private AuthFailure(int status, String code, Kind kind, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.kind = kind;
    }

    static AuthFailure credentials(String code, String detail) {
        return new AuthFailure(401, code, Kind.CREDENTIALS, detail);
    }

    static AuthFailure token(String code, String detail) {
        return new AuthFailure(401, code, Kind.TOKEN, detail);
    }

    static AuthFailure proof(String code, String detail) {
        return new AuthFailure(401, code, Kind.PROOF, detail);
    }

    static AuthFailure nonce(String detail) {
        return new AuthFailure(401, AuthCodes.DPOP_NONCE_REQUIRED, Kind.NONCE, detail);
    }

    static AuthFailure dpopRequired(String detail) {
        return new AuthFailure(401, AuthCodes.DPOP_REQUIRED, Kind.DPOP_REQUIRED, detail);
    }

    static AuthFailure forbidden(String code, String detail) {
        return new AuthFailure(403, code, Kind.FORBIDDEN, detail);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    Kind kind() {
        return kind;
    }

    String detail() {
        return getMessage();
    }
}
