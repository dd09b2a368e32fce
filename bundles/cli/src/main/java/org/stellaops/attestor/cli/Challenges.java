package org.stellaops.attestor.cli;

import java.net.http.HttpResponse;

/**
 * Reading the server's authentication answers: the DPoP nonce challenge, and the advice printed with a 401 or 403.
 */
final class Challenges {

    private Challenges() {
    }

    /**
     * @param response an answer
     * @return the nonce to put into the next DPoP proof, when the answer is a 401 with
     *         {@code WWW-Authenticate: DPoP error="use_dpop_nonce"} and a {@code DPoP-Nonce} header; else null
     */
    static String dpopNonce(HttpResponse<?> response) {
        if (response.statusCode() != 401) {
            return null;
        }
        boolean asked = response.headers().allValues("WWW-Authenticate").stream()
                .anyMatch(value -> value.contains("use_dpop_nonce"));
        return asked ? response.headers().firstValue("DPoP-Nonce").orElse(null) : null;
    }

    /**
     * @param status 401 or 403
     * @param code the problem code
     * @param credentials what was sent
     * @return what the user can do
     */
    static String hint(int status, String code, AttestorClient.Credentials credentials) {
        String mint = "stella auth token --scope " + credentials.scope();
        if (status == 403) {
            return "the credentials lack the permission this call needs (scope " + credentials.scope()
                    + "); for a local Attestor mint a token with it: " + mint;
        }
        if (code.startsWith("auth.client_certificate")) {
            return "this server requires a TLS client certificate, which stella does not present; use an access "
                    + "token where the server accepts one";
        }
        if (credentials.token() == null) {
            return "the service requires an access token: pass --token <token> or set " + GlobalOptions.ENV_TOKEN
                    + "; for a local Attestor mint a development token with: " + mint;
        }
        if (code.startsWith("auth.dpop")) {
            return "the token is bound to a DPoP key: pass the same key with --dpop-key";
        }
        return "the token was refused (expired, for another audience, or from an issuer the server does not trust); "
                + "for a local Attestor mint a fresh one with: " + mint;
    }
}
