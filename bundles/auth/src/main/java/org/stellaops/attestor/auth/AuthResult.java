package org.stellaops.attestor.auth;

import java.util.Map;
import java.util.Objects;

/** The outcome of authenticating one request. */
public sealed interface AuthResult {

    /**
     * The caller is known.
     *
     * @param principal who it is
     */
    record Authenticated(Principal principal) implements AuthResult {
        /** Checks the principal is present. */
        public Authenticated {
            Objects.requireNonNull(principal, "principal");
        }
    }

    /**
     * The request is refused. The HTTP layer answers with an RFC 9457 problem carrying {@code code} and
     * {@code detail}, the given status and headers, and writes an audit event; neither detail nor headers ever
     * contain token or key material.
     *
     * @param status 401 (no or invalid credentials) or 403 (valid credentials that are not allowed)
     * @param code the stable machine-readable code, {@code auth.*}
     * @param detail a human-readable reason
     * @param headers response headers to send, such as {@code WWW-Authenticate} and {@code DPoP-Nonce}
     */
    record Denied(int status, String code, String detail, Map<String, String> headers) implements AuthResult {
        /** Checks the status and freezes the headers. */
        public Denied {
            if (status != 401 && status != 403) {
                throw new IllegalArgumentException("a denial is 401 or 403, not " + status);
            }
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(detail, "detail");
            headers = Map.copyOf(headers);
        }
    }
}
