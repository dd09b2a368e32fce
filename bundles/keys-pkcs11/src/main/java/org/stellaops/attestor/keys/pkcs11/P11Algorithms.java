package org.stellaops.attestor.keys.pkcs11;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.stellaops.attestor.api.model.KeyAlgorithm;

/**
 * Per {@link KeyAlgorithm}: key generation and signing through a SunPKCS11 provider, the self-signed certificate's
 * signature algorithm, and verification through a private BouncyCastle instance (never registered globally). An RSA
 * key's signature scheme is recorded in its certificate: a key for RSA-PSS self-signs with RSASSA-PSS, a key for
 * PKCS#1 v1.5 with sha256WithRSAEncryption.
 */
final class P11Algorithms {

    /** What a SunPKCS11 token can create and sign with. Ed25519 is not reachable through SunPKCS11. */
    static final Set<KeyAlgorithm> SUPPORTED = Set.copyOf(EnumSet.of(KeyAlgorithm.ECDSA_P256_SHA256,
            KeyAlgorithm.ECDSA_P384_SHA384, KeyAlgorithm.RSA_PKCS1_SHA256, KeyAlgorithm.RSA_PSS_SHA256));

    /** RSA keys are 3072 bits: 128-bit security, like P-256. */
    static final int RSA_BITS = 3072;
    /** Smallest RSA key listed from a token (smaller keys provisioned by other tools are skipped). */
    static final int MIN_RSA_BITS = 2048;

    private static final String OID_RSASSA_PSS = "1.2.840.113549.1.1.10";
    private static final String OID_SHA256_WITH_RSA = "1.2.840.113549.1.1.11";
    private static final PSSParameterSpec PSS = new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
            32, 1);
    private static final Provider BC = new BouncyCastleProvider();

    private P11Algorithms() {
    }

    static KeyPairGenerator generator(KeyAlgorithm algorithm, Provider p11) throws GeneralSecurityException {
        KeyPairGenerator gen;
        switch (algorithm) {
            case ECDSA_P256_SHA256 -> {
                gen = KeyPairGenerator.getInstance("EC", p11);
                gen.initialize(new ECGenParameterSpec("secp256r1"));
            }
            case ECDSA_P384_SHA384 -> {
                gen = KeyPairGenerator.getInstance("EC", p11);
                gen.initialize(new ECGenParameterSpec("secp384r1"));
            }
            case RSA_PKCS1_SHA256, RSA_PSS_SHA256 -> {
                gen = KeyPairGenerator.getInstance("RSA", p11);
                gen.initialize(new RSAKeyGenParameterSpec(RSA_BITS, RSAKeyGenParameterSpec.F4));
            }
            default -> throw new IllegalArgumentException("not a PKCS#11 algorithm: " + algorithm);
        }
        return gen;
    }

    /**
     * @param algorithm the key's algorithm
     * @param p11 the token's provider
     * @return a signature engine on the token: ASN.1 DER for ECDSA; PSS with SHA-256, MGF1-SHA-256, salt 32
     * @throws GeneralSecurityException if the token lacks the mechanism
     */
    static Signature signer(KeyAlgorithm algorithm, Provider p11) throws GeneralSecurityException {
        return engine(algorithm, p11, "RSASSA-PSS");
    }

    /** @return a BouncyCastle engine that checks signatures of the algorithm with standard parameters */
    static Signature verifier(KeyAlgorithm algorithm) throws GeneralSecurityException {
        return engine(algorithm, BC, "SHA256withRSAandMGF1");
    }

    private static Signature engine(KeyAlgorithm algorithm, Provider provider, String pssName)
            throws GeneralSecurityException {
        return switch (algorithm) {
            case ECDSA_P256_SHA256 -> Signature.getInstance("SHA256withECDSA", provider);
            case ECDSA_P384_SHA384 -> Signature.getInstance("SHA384withECDSA", provider);
            case RSA_PKCS1_SHA256 -> Signature.getInstance("SHA256withRSA", provider);
            case RSA_PSS_SHA256 -> {
                Signature pss = Signature.getInstance(pssName, provider);
                pss.setParameter(PSS);
                yield pss;
            }
            default -> throw new IllegalArgumentException("not a PKCS#11 algorithm: " + algorithm);
        };
    }

    /** @return the bcpkix name of the algorithm a new key's certificate is self-signed with */
    static String certificateSignature(KeyAlgorithm algorithm) {
        return switch (algorithm) {
            case ECDSA_P256_SHA256 -> "SHA256withECDSA";
            case ECDSA_P384_SHA384 -> "SHA384withECDSA";
            case RSA_PKCS1_SHA256 -> "SHA256withRSA";
            case RSA_PSS_SHA256 -> "SHA256withRSAandMGF1";
            default -> throw new IllegalArgumentException("not a PKCS#11 algorithm: " + algorithm);
        };
    }

    /**
     * @param certificate a key's certificate from the token
     * @return the key's algorithm, or empty (with the reason in {@code why}) when the driver cannot use it
     */
    static Optional<KeyAlgorithm> of(X509Certificate certificate, StringBuilder why) {
        PublicKey key = certificate.getPublicKey();
        switch (key.getAlgorithm()) {
            case "EC" -> {
                SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(key.getEncoded());
                if (spki.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve) {
                    if (curve.equals(SECObjectIdentifiers.secp256r1)) {
                        return Optional.of(KeyAlgorithm.ECDSA_P256_SHA256);
                    }
                    if (curve.equals(SECObjectIdentifiers.secp384r1)) {
                        return Optional.of(KeyAlgorithm.ECDSA_P384_SHA384);
                    }
                }
                why.append("an EC key on a curve other than P-256 and P-384");
                return Optional.empty();
            }
            case "RSA" -> {
                int bits = ((RSAPublicKey) key).getModulus().bitLength();
                if (bits < MIN_RSA_BITS) {
                    why.append("an RSA key of ").append(bits).append(" bits (at least ").append(MIN_RSA_BITS)
                            .append(" needed)");
                    return Optional.empty();
                }
                String oid = certificate.getSigAlgOID();
                if (OID_RSASSA_PSS.equals(oid)) {
                    return Optional.of(KeyAlgorithm.RSA_PSS_SHA256);
                }
                if (OID_SHA256_WITH_RSA.equals(oid)) {
                    return Optional.of(KeyAlgorithm.RSA_PKCS1_SHA256);
                }
                why.append("an RSA key whose certificate is signed with ").append(certificate.getSigAlgName())
                        .append(" (RSASSA-PSS or sha256WithRSAEncryption expected)");
                return Optional.empty();
            }
            default -> {
                why.append("a ").append(key.getAlgorithm()).append(" key");
                return Optional.empty();
            }
        }
    }
}
