package org.stellaops.attestor.sdk.jose;

/**
 * The stable error codes of the JOSE package, carried by {@link org.stellaops.attestor.sdk.AttestorException#code()}.
 */
public final class JoseCodes {

    /** A compact JWS is not well formed: part count, base64url, header JSON, missing {@code alg}, {@code crit}. */
    public static final String MALFORMED = "jose.malformed";
    /** A JWS algorithm is {@code none}, symmetric, unknown, or does not fit the key it would be used with. */
    public static final String ALGORITHM_NOT_ALLOWED = "jose.algorithm_not_allowed";
    /** A JWK or JWK set is malformed or of an unsupported type or curve. */
    public static final String MALFORMED_KEY = "jose.malformed_key";
    /** The development issuer's key cannot be read (missing, unreadable, malformed) or cannot be created. */
    public static final String DEV_ISSUER_UNAVAILABLE = "auth.dev_issuer_unavailable";
    /** A token request is invalid: lifetime out of range, empty tenant, subject or audience, bad scope. */
    public static final String INVALID_REQUEST = "auth.invalid_request";

    private JoseCodes() {
    }
}
