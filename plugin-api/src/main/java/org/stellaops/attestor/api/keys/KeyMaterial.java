package org.stellaops.attestor.api.keys;

import java.util.Arrays;
import java.util.Objects;

/**
 * A key pair in a portable, normally encrypted, format, moving in or out of a driver.
 *
 * @param format the format name, for example {@value #COSIGN}
 * @param bytes the encoded key, exactly as the format defines it
 * @param password the password that decrypts it (imports), or null for an unencrypted format; the receiver clears it
 */
public record KeyMaterial(String format, byte[] bytes, char[] password) {

    /**
     * The cosign format: an encrypted private key ({@code -----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----} PEM of
     * JSON with scrypt KDF parameters and a NaCl secretbox ciphertext of the PKCS#8 key), as written by
     * {@code cosign generate-key-pair}.
     */
    public static final String COSIGN = "cosign";
    /** A PEM public key (SubjectPublicKeyInfo): export only, the cosign {@code cosign.pub}. */
    public static final String PUBLIC_PEM = "public-pem";

    /**
     * @param format not null
     * @param bytes not null
     * @param password may be null
     */
    public KeyMaterial {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(bytes, "bytes");
    }

    /** Overwrites the password in place, once the material has been used. */
    public void clearPassword() {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }
}
