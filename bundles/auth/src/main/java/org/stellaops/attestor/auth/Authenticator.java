package org.stellaops.attestor.auth;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Decides who sends a request. Registered by the auth bundle; used by every servlet that serves protected
 * operations. Thread-safe; never blocks longer than its configured fetch timeout (a JWKS refresh).
 */
@ProviderType
public interface Authenticator {

    /**
     * Authenticates one request. A request without any credentials is {@link AuthResult.Denied} with status 401
     * and code {@code auth.missing}. Replay state (DPoP proof ids) is claimed here, so each request is
     * authenticated exactly once.
     *
     * @param credentials what the request presents
     * @return the principal, or why the request is refused
     */
    AuthResult authenticate(Credentials credentials);

    /**
     * The nonce a DPoP client must put in its next proof when the server requires nonces (RFC 9449 §8), sent
     * on successful responses as {@code DPoP-Nonce}.
     *
     * @return the current nonce, or null when nonces are not required
     */
    String currentDpopNonce();
}
