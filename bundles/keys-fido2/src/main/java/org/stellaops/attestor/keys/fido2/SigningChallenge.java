package org.stellaops.attestor.keys.fido2;

import java.nio.charset.StandardCharsets;

/**
 * The WebAuthn challenge of a signature ceremony:
 * {@code SHA-256( UTF-8("stellaops-attestor-fido2-v1") || nonce || SHA-256(message) )}. Every part has a fixed
 * length (27, 32 and 32 bytes), so the concatenation is unambiguous without length prefixes. The domain string keeps
 * an assertion made for Attestor from being mistaken for a login assertion (whose challenge is random) and the other
 * way round; the nonce keeps two ceremonies over the same message apart.
 */
final class SigningChallenge {

    /** The domain separation string, also the first half of the signature format name. */
    static final String DOMAIN = "stellaops-attestor-fido2-v1";
    /** The nonce length in bytes. */
    static final int NONCE_LENGTH = 32;

    private static final byte[] DOMAIN_BYTES = DOMAIN.getBytes(StandardCharsets.UTF_8);

    private SigningChallenge() {
    }

    /**
     * @param nonce {@value #NONCE_LENGTH} random bytes
     * @param message the signed message (a DSSE PAE)
     * @return the 32-byte challenge
     * @throws IllegalArgumentException for a nonce of the wrong length
     */
    static byte[] derive(byte[] nonce, byte[] message) {
        if (nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("the nonce must be " + NONCE_LENGTH + " bytes, not " + nonce.length);
        }
        return P256Keys.sha256(DOMAIN_BYTES, nonce, P256Keys.sha256(message));
    }
}
