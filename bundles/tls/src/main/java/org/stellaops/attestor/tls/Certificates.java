package org.stellaops.attestor.tls;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues the local CA and server certificates (EC P-256, ECDSA with SHA-256). Keys and signatures come from the
 * JDK's providers; BouncyCastle only builds the certificate structures.
 */
final class Certificates {

    /** Lifetime of the local CA. */
    static final Duration CA_VALIDITY = Duration.ofDays(3650);
    /** Lifetime of a server certificate (shortened to the CA's end when that comes first). */
    static final Duration SERVER_VALIDITY = Duration.ofDays(365);
    /** Certificates start this long before "now", so a client whose clock is slightly behind accepts them. */
    static final Duration BACKDATE = Duration.ofMinutes(5);
    /** Subject of the server certificate; clients match host names against the subject alternative names. */
    static final String SERVER_CN = "StellaOps Attestor API";

    private static final String SIGNATURE = "SHA256withECDSA";

    private final SecureRandom random;

    /**
     * @param random source of keys, serial numbers and the CA name suffix
     */
    Certificates(SecureRandom random) {
        this.random = random;
    }

    /**
     * @param now the issuing time
     * @return a new CA: basicConstraints CA:true pathlen 0 and keyUsage keyCertSign + cRLSign, both critical
     * @throws GeneralSecurityException when the JDK cannot make or use an EC P-256 key
     */
    LocalCa newCa(Instant now) throws GeneralSecurityException {
        KeyPair pair = newKeyPair();
        byte[] suffix = new byte[4];
        random.nextBytes(suffix);
        X500Name name = name("StellaOps Attestor local CA " + HexFormat.of().formatHex(suffix));
        Instant notAfter = now.plus(CA_VALIDITY);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                Date.from(now.minus(BACKDATE)), Date.from(notAfter), name, pair.getPublic());
        JcaX509ExtensionUtils ids = new JcaX509ExtensionUtils();
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(pair.getPublic()));
        } catch (CertIOException e) {
            throw new GeneralSecurityException("cannot encode a CA extension", e);
        }
        return new LocalCa(sign(builder, pair.getPrivate()), pair.getPrivate());
    }

    /**
     * @param ca the issuing CA
     * @param names the subject alternative names
     * @param now the issuing time
     * @return the server key pair and its certificate (EKU serverAuth, KU digitalSignature, AKI/SKI)
     * @throws GeneralSecurityException when the JDK cannot make or use an EC P-256 key
     */
    ServerCredentials newServer(LocalCa ca, SubjectAltNames names, Instant now) throws GeneralSecurityException {
        KeyPair pair = newKeyPair();
        Instant notAfter = now.plus(SERVER_VALIDITY);
        Instant caEnd = ca.certificate().getNotAfter().toInstant();
        if (caEnd.isBefore(notAfter)) {
            notAfter = caEnd;
        }
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.certificate(), serial(),
                Date.from(now.minus(BACKDATE)), Date.from(notAfter), name(SERVER_CN), pair.getPublic());
        JcaX509ExtensionUtils ids = new JcaX509ExtensionUtils();
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false, names.toGeneralNames());
            builder.addExtension(Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(pair.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    ids.createAuthorityKeyIdentifier(ca.certificate()));
        } catch (CertIOException e) {
            throw new GeneralSecurityException("cannot encode a server certificate extension", e);
        }
        X509Certificate certificate = sign(builder, ca.privateKey());
        return new ServerCredentials(pair.getPrivate(), new X509Certificate[] {certificate, ca.certificate()});
    }

    /**
     * @param privateKey a private key
     * @param publicKey a public key
     * @return whether they form a pair (a probe signature made with one verifies with the other)
     */
    static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        try {
            byte[] probe = "stellaops attestor tls key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(SIGNATURE);
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(SIGNATURE);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    private BigInteger serial() {
        // 127 random bits: positive and at most 16 octets, well inside RFC 5280's 20-octet limit
        return new BigInteger(127, random).setBit(0);
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "StellaOps").addRDN(BCStyle.CN, commonName).build();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(SIGNATURE).build(issuerKey)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign with " + SIGNATURE, e);
        }
    }
}
