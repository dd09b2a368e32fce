package org.stellaops.attestor.auth.internal;

/** The stable {@code auth.*} codes of denials; docs/security.md lists each with its status. */
final class AuthCodes {

    static final String MISSING = "auth.missing";
    static final String UNSUPPORTED_SCHEME = "auth.unsupported_scheme";
    static final String INVALID_TOKEN = "auth.invalid_token";
    static final String ALGORITHM_NOT_ALLOWED = "auth.algorithm_not_allowed";
    static final String UNKNOWN_ISSUER = "auth.unknown_issuer";
    static final String ISSUER_UNAVAILABLE = "auth.issuer_unavailable";
    static final String UNKNOWN_KEY = "auth.unknown_key";
    static final String BAD_SIGNATURE = "auth.bad_signature";
    static final String TOKEN_EXPIRED = "auth.token_expired";
    static final String TOKEN_NOT_YET_VALID = "auth.token_not_yet_valid";
    static final String WRONG_AUDIENCE = "auth.wrong_audience";
    static final String TENANT_MISSING = "auth.tenant_missing";
    static final String DPOP_REQUIRED = "auth.dpop_required";
    static final String DPOP_INVALID = "auth.dpop_invalid";
    static final String DPOP_REPLAY = "auth.dpop_replay";
    static final String DPOP_NONCE_REQUIRED = "auth.dpop_nonce_required";
    static final String CLIENT_CERTIFICATE_REQUIRED = "auth.client_certificate_required";
    static final String CLIENT_CERTIFICATE_INVALID = "auth.client_certificate_invalid";
    static final String CLIENT_CERTIFICATE_NOT_ALLOWED = "auth.client_certificate_not_allowed";
    static final String CERTIFICATE_BINDING_MISMATCH = "auth.certificate_binding_mismatch";

    private AuthCodes() {
    }
}
