package org.stellaops.attestor.api.model;

/**
 * Signature algorithms Attestor understands, with the Sigstore {@code keyDetails} name of each.
 */
public enum KeyAlgorithm {
    /** ECDSA on P-256 with SHA-256. */
    ECDSA_P256_SHA256("PKIX_ECDSA_P256_SHA_256", "SHA-256"),
    /** ECDSA on P-384 with SHA-384. */
    ECDSA_P384_SHA384("PKIX_ECDSA_P384_SHA_384", "SHA-384"),
    /** Pure Ed25519 (refused by Rekor v2; covered by a service receipt there). */
    ED25519("PKIX_ED25519", "SHA-512"),
    /** RSA PKCS#1 v1.5 with SHA-256, at least 2048 bits. */
    RSA_PKCS1_SHA256("PKIX_RSA_PKCS1V15_2048_SHA256", "SHA-256"),
    /** RSA-PSS with SHA-256 and MGF1-SHA-256, salt 32 bytes, at least 2048 bits. */
    RSA_PSS_SHA256("PKIX_RSA_PSS_2048_SHA256", "SHA-256"),
    /**
     * A FIDO2/WebAuthn assertion made by a security key with an ES256 (ECDSA P-256) credential: the DSSE signature is
     * the encoded assertion of {@code docs/fido2-signatures.md}, not a bare ECDSA signature over the PAE. Verified by
     * the {@link org.stellaops.attestor.api.keys.SignatureVerifier} registered for it; refused by Rekor, so a service
     * receipt covers it in a log.
     */
    WEBAUTHN_ES256("WEBAUTHN_ES256", "SHA-256");

    private final String keyDetails;
    private final String hashAlgorithm;

    KeyAlgorithm(String keyDetails, String hashAlgorithm) {
        this.keyDetails = keyDetails;
        this.hashAlgorithm = hashAlgorithm;
    }

    /** @return the default Sigstore {@code keyDetails} name (for RSA the 2048-bit name; see the sdk for sizes) */
    public String keyDetails() {
        return keyDetails;
    }

    /** @return the JCA name of the hash the algorithm uses */
    public String hashAlgorithm() {
        return hashAlgorithm;
    }
}
