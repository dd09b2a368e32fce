package org.stellaops.attestor.sdk.crypto;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.ErrorCodes;
import org.stellaops.attestor.sdk.internal.Bc;
import org.stellaops.attestor.sdk.internal.Curves;
import org.stellaops.attestor.sdk.internal.Hashing;
import org.stellaops.attestor.sdk.internal.KeyKind;

/**
 * Public keys: decoding (PEM and DER SubjectPublicKeyInfo), encoding, key IDs, and the mapping to signature
 * algorithms and Sigstore {@code keyDetails} names.
 */
public final class PublicKeys {

    /** Smallest RSA modulus accepted, in bits. */
    public static final int MIN_RSA_BITS = 2048;

    private static final String PEM_LABEL = "PUBLIC KEY";
    /** RFC 8410 id-Ed25519; BouncyCastle keeps its constant in a non-exported package. */

    private PublicKeys() {
    }

    /**
     * Decodes a PEM {@code PUBLIC KEY} block (SubjectPublicKeyInfo).
     *
     * @param pem the PEM text
     * @return a BouncyCastle public key
     * @throws AttestorException {@code key.malformed} if the text is not one SPKI PEM block,
     *         {@code key.unsupported_algorithm} if the key is neither EC, Ed25519 nor RSA
     */
    public static PublicKey parsePem(String pem) {
        Pem block = Pem.decode(pem);
        if (!PEM_LABEL.equals(block.label())) {
            throw Pem.malformed("expected a PEM \"PUBLIC KEY\" block, got \"" + block.label() + "\"");
        }
        return parseSpki(block.der());
    }

    /**
     * Decodes a DER SubjectPublicKeyInfo of an EC, Ed25519 or RSA key.
     *
     * @param der the DER bytes
     * @return a BouncyCastle public key
     * @throws AttestorException {@code key.malformed} if the bytes are not a DER SPKI,
     *         {@code key.unsupported_algorithm} if the key is neither EC, Ed25519 nor RSA
     */
    public static PublicKey parseSpki(byte[] der) {
        SubjectPublicKeyInfo info;
        try {
            info = SubjectPublicKeyInfo.getInstance(der);
            if (info == null || !Arrays.equals(info.getEncoded(ASN1Encoding.DER), der)) {
                throw Pem.malformed("public key is not DER SubjectPublicKeyInfo");
            }
        } catch (IOException | RuntimeException e) {
            throw new AttestorException(ErrorCodes.KEY_MALFORMED, "public key is not DER SubjectPublicKeyInfo", e);
        }
        String factory = Pem.keyFactoryFor(info.getAlgorithm().getAlgorithm(), "public");
        try {
            return KeyFactory.getInstance(factory, Bc.PROVIDER).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new AttestorException(ErrorCodes.KEY_MALFORMED, "invalid " + factory + " public key", e);
        }
    }

    /**
     * Encodes a public key as a PEM {@code PUBLIC KEY} block with 64-character lines and a final newline.
     *
     * @param key the key
     * @return the PEM text
     */
    public static String toPem(PublicKey key) {
        return Pem.encode(PEM_LABEL, spki(key));
    }

    /**
     * Returns the DER SubjectPublicKeyInfo of a key.
     *
     * @param key the key
     * @return the DER bytes
     * @throws AttestorException {@code key.malformed} if the key has no SPKI encoding
     */
    public static byte[] spki(PublicKey key) {
        byte[] der = key.getEncoded();
        if (der == null || !"X.509".equals(key.getFormat())) {
            throw Pem.malformed("public key has no SubjectPublicKeyInfo encoding");
        }
        return der;
    }

    /**
     * The key ID Attestor uses for a key: lowercase hex SHA-256 of its DER SPKI.
     *
     * @param key the key
     * @return 64 hex characters
     */
    public static String keyId(PublicKey key) {
        return HexFormat.of().formatHex(Hashing.sha256(spki(key)));
    }

    /**
     * The default signature algorithm of a key, as Sigstore clients derive it.
     *
     * @param key the key
     * @return ECDSA P-256/SHA-256, ECDSA P-384/SHA-384, Ed25519, or RSA PKCS#1 v1.5/SHA-256
     * @throws AttestorException {@code key.too_weak} for RSA below 2048 bits, {@code key.unsupported_algorithm}
     *         for other curves and key types
     */
    public static KeyAlgorithm defaultAlgorithm(PublicKey key) {
        switch (KeyKind.of(key)) {
            case EC:
                String curve = Curves.nameOf((ECPublicKey) key);
                if (Curves.P256.equals(curve)) {
                    return KeyAlgorithm.ECDSA_P256_SHA256;
                }
                if (Curves.P384.equals(curve)) {
                    return KeyAlgorithm.ECDSA_P384_SHA384;
                }
                throw unsupported("EC curve " + (curve == null ? "(unknown)" : curve) + " is not supported");
            case ED25519:
                return KeyAlgorithm.ED25519;
            case RSA:
                requireRsaStrength(key);
                return KeyAlgorithm.RSA_PKCS1_SHA256;
            default:
                throw unsupported("unsupported key type " + key.getAlgorithm());
        }
    }

    /**
     * Checks that a key can be used with an algorithm.
     *
     * @param key the key
     * @param algorithm the algorithm
     * @throws AttestorException {@code key.unsupported_algorithm} if they do not match, {@code key.too_weak} for
     *         RSA below 2048 bits
     */
    public static void checkCompatible(PublicKey key, KeyAlgorithm algorithm) {
        boolean rsaAlgorithm = algorithm == KeyAlgorithm.RSA_PKCS1_SHA256 || algorithm == KeyAlgorithm.RSA_PSS_SHA256;
        if (algorithm == KeyAlgorithm.WEBAUTHN_ES256) {
            // a security key's ES256 credential: an ECDSA P-256 key whose signatures are WebAuthn assertions
            algorithm = KeyAlgorithm.ECDSA_P256_SHA256;
        }
        if (rsaAlgorithm && KeyKind.of(key) == KeyKind.RSA) {
            requireRsaStrength(key);
            return;
        }
        if (rsaAlgorithm || defaultAlgorithm(key) != algorithm) {
            throw unsupported(key.getAlgorithm() + " key cannot be used with " + algorithm);
        }
    }

    /**
     * The Sigstore {@code keyDetails} name of a key used with an algorithm; for RSA it carries the real modulus
     * size, for example {@code PKIX_RSA_PKCS1V15_3072_SHA256} or {@code PKIX_RSA_PSS_4096_SHA256}.
     *
     * @param key the key
     * @param algorithm a compatible algorithm
     * @return the name
     * @throws AttestorException as {@link #checkCompatible(PublicKey, KeyAlgorithm)}
     */
    public static String keyDetails(PublicKey key, KeyAlgorithm algorithm) {
        checkCompatible(key, algorithm);
        int bits = key instanceof RSAPublicKey ? ((RSAPublicKey) key).getModulus().bitLength() : 0;
        switch (algorithm) {
            case RSA_PKCS1_SHA256:
                return "PKIX_RSA_PKCS1V15_" + bits + "_SHA256";
            case RSA_PSS_SHA256:
                return "PKIX_RSA_PSS_" + bits + "_SHA256";
            default:
                return algorithm.keyDetails();
        }
    }

    private static void requireRsaStrength(PublicKey key) {
        int bits = ((RSAPublicKey) key).getModulus().bitLength();
        if (bits < MIN_RSA_BITS) {
            throw new AttestorException(ErrorCodes.KEY_TOO_WEAK,
                    "RSA key of " + bits + " bits is below the minimum of " + MIN_RSA_BITS);
        }
    }


    private static AttestorException unsupported(String message) {
        return new AttestorException(ErrorCodes.KEY_UNSUPPORTED_ALGORITHM, message);
    }
}
