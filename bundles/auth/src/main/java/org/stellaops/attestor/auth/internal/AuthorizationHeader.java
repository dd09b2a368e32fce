package org.stellaops.attestor.auth.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code Authorization} header of a request: {@code Bearer <token>} (RFC 6750) or {@code DPoP <token>}
 * (RFC 9449 §7.1), scheme case-insensitive.
 *
 * @param scheme which scheme
 * @param token the token68 value
 */
record AuthorizationHeader(Scheme scheme, String token) {

    /** The accepted schemes. */
    enum Scheme {
        BEARER, DPOP
    }

    /** RFC 9110 §11.2 token68. */
    private static final Pattern TOKEN68 = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    /**
     * @param header the header value, not null
     * @param maxTokenBytes the largest accepted token
     * @return the parsed header
     * @throws AuthFailure {@code auth.unsupported_scheme} for other schemes, {@code auth.invalid_token} for a
     *         missing, oversized or malformed token
     */
    static AuthorizationHeader parse(String header, int maxTokenBytes) {
        String value = header.strip();
        int space = value.indexOf(' ');
        String schemeName = space < 0 ? value : value.substring(0, space);
        Scheme scheme;
        switch (schemeName.toLowerCase(Locale.ROOT)) {
            case "bearer":
                scheme = Scheme.BEARER;
                break;
            case "dpop":
                scheme = Scheme.DPOP;
                break;
            default:
                throw AuthFailure.credentials(AuthCodes.UNSUPPORTED_SCHEME,
                        "the Authorization scheme is not supported; use Bearer or DPoP");
        }
        String token = space < 0 ? "" : value.substring(space + 1).strip();
        if (token.isEmpty()) {
            throw AuthFailure.token(AuthCodes.INVALID_TOKEN, "the Authorization header carries no token");
        }
        if (token.length() > maxTokenBytes) {
            throw AuthFailure.token(AuthCodes.INVALID_TOKEN, "the access token exceeds " + maxTokenBytes + " bytes");
        }
        if (!TOKEN68.matcher(token).matches()) {
            throw AuthFailure.token(AuthCodes.INVALID_TOKEN, "the access token contains characters a token cannot");
        }
        return new AuthorizationHeader(scheme, token);
    }

    /** Never shows the token. */
    @Override
    public String toString() {
        return "AuthorizationHeader[" + scheme + "]";
    }
}
