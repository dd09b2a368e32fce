package org.stellaops.attestor.sdk.jose;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.internal.Bc;
import org.stellaops.attestor.sdk.internal.Curves;
import org.stellaops.attestor.sdk.internal.KeyKind;

/**
 * The JWS algorithms (RFC 7518 §3, RFC 8037) the sdk signs and verifies: asymmetric only. Each algorithm names
 * exactly one key shape ({@link #fits(PublicKey)}), and verification refuses any other, which is what prevents
 * algorithm confusion (an RSA key used with an EC algorithm, or a public key used as an HMAC secret).
 */
public enum JwsAlgorithm {
    /** ECDSA P-256 with SHA-256. */
    ES256("SHA256withECDSA", Curves.P256, 32),
    /** ECDSA P-384 with SHA-384. */
    ES384("SHA384withECDSA", Curves.P384, 48),
    /** ECDSA P-521 with SHA-512. */
    ES512("SHA512withECDSA", Curves.P521, 66),
    /** RSASSA-PKCS1-v1_5 with SHA-256. */
    RS256("SHA256withRSA", null, 0),
    /** RSASSA-PKCS1-v1_5 with SHA-384. */
    RS384("SHA384withRSA", null, 0),
    /** RSASSA-PKCS1-v1_5 with SHA-512. */
    RS512("SHA512withRSA", null, 0),
    /** RSASSA-PSS with SHA-256, MGF1-SHA-256, 32-byte salt. */
    PS256("SHA256withRSAandMGF1", null, 0),
    /** RSASSA-PSS with SHA-384, MGF1-SHA-384, 48-byte salt. */
    PS384("SHA384withRSAandMGF1", null, 0),
    /** RSASSA-PSS with SHA-512, MGF1-SHA-512, 64-byte salt. */
    PS512("SHA512withRSAandMGF1", null, 0),
    /** EdDSA, with Ed25519 keys only (RFC 8037). */
    EdDSA("Ed25519", null, 0);

    private final String jcaName;
    private final String curve;
    private final int coordinateBytes;

    JwsAlgorithm(String jcaName, String curve, int coordinateBytes) {
        this.jcaName = jcaName;
        this.curve = curve;
        this.coordinateBytes = coordinateBytes;
    }

    /**
     * Looks an algorithm up by its JOSE name (case-sensitive, as JOSE names are).
     *
     * @param name the {@code alg} value
     * @return the algorithm
     * @throws AttestorException {@code jose.algorithm_not_allowed} for {@code none}, any HMAC algorithm, and any
     *         name not listed here
     */
    public static JwsAlgorithm parse(String name) {
        if (name != null) {
            for (JwsAlgorithm alg : values()) {
                if (alg.name().equals(name)) {
                    return alg;
                }
            }
        }
        throw new AttestorException(JoseCodes.ALGORITHM_NOT_ALLOWED, "JWS algorithm "
                + (name == null ? "(none given)" : "\"" + printable(name) + "\"") + " is not allowed");
    }

    /**
     * @return the signature algorithm name of the BouncyCastle provider (RSA-PSS needs its parameters set too,
     *         which {@link #newSignature()} does)
     */
    public String jcaName() {
        return jcaName;
    }

    /**
     * Tells whether a public key has the one shape this algorithm may be used with: ES256 a P-256 key, ES384 P-384,
     * ES512 P-521, RS* and PS* an RSA key of at least 2048 bits, EdDSA an Ed25519 key.
     *
     * @param key any public key
     * @return whether the pair is allowed
     */
    public boolean fits(PublicKey key) {
        return fitsKey(key);
    }

    /** @return whether this is an ECDSA algorithm, whose JOSE signatures are raw R‖S */
    boolean isEcdsa() {
        return curve != null;
    }

    /** @return the byte length of R and of S for ECDSA, 0 otherwise */
    int coordinateBytes() {
        return coordinateBytes;
    }

    /** Same check as {@link #fits(PublicKey)} for public or private keys of any provider. */
    boolean fitsKey(Key key) {
        KeyKind kind = KeyKind.of(key);
        if (curve != null) {
            return kind == KeyKind.EC && curve.equals(Curves.nameOf((ECKey) key));
        }
        if (this == EdDSA) {
            return kind == KeyKind.ED25519;
        }
        return kind == KeyKind.RSA && ((RSAKey) key).getModulus().bitLength() >= PublicKeys.MIN_RSA_BITS;
    }

    /** @return a new BouncyCastle signature object, with the PSS parameters set for PS* */
    Signature newSignature() {
        try {
            Signature s = Signature.getInstance(jcaName, Bc.PROVIDER);
            configure(s);
            return s;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("BouncyCastle lacks " + jcaName, e);
        }
    }

    /** @return a new signature object of whichever installed provider has it, for keys BouncyCastle cannot use */
    Signature newJcaSignature() throws GeneralSecurityException {
        Signature s = Signature.getInstance(isPss() ? "RSASSA-PSS" : jcaName);
        configure(s);
        return s;
    }

    private void configure(Signature s) throws GeneralSecurityException {
        if (isPss()) {
            String hash = "SHA-" + name().substring(2);
            s.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash),
                    Integer.parseInt(name().substring(2)) / 8, 1));
        }
    }

    private boolean isPss() {
        return name().startsWith("PS");
    }

    /** Keeps untrusted names out of messages as anything but short printable ASCII. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && i < 32; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f && c != '"' ? c : '?');
        }
        return text.length() > 32 ? out + "…" : out.toString();
    }
}
