package org.stellaops.attestor.keys.pkcs11;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.stellaops.attestor.api.model.KeyAlgorithm;

/**
 * The certificate stored beside each key on the token. SunPKCS11's KeyStore lists only private keys that have a
 * certificate with the same CKA_ID, so every key gets one, self-signed on the token with the key itself. It also
 * records what the driver needs to know after a restart: the key's name (subject CN, equal to the alias), its
 * creation time ({@code notBefore}) and, for RSA, the signature scheme (the certificate's signature algorithm).
 */
final class SelfSignedCertificates {

    /** "No well-defined expiration date" (RFC 5280, section 4.1.2.5): the key's lifetime is managed by the core. */
    static final Instant NOT_AFTER = Instant.parse("9999-12-31T23:59:59Z");

    private static final SecureRandom RANDOM = new SecureRandom();

    private SelfSignedCertificates() {
    }

    /**
     * @param name the key name, also the subject CN
     * @param algorithm the key's algorithm, whose signature scheme signs the certificate
     * @param pair the key pair just generated on the token
     * @param created the creation time (whole seconds: X.509 times carry no fractions)
     * @param p11 the token's provider, which signs with the private key on the token
     * @return the certificate
     * @throws GeneralSecurityException if the token cannot sign
     */
    static X509Certificate create(String name, KeyAlgorithm algorithm, KeyPair pair, Instant created, Provider p11)
            throws GeneralSecurityException {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name).build();
        BigInteger serial = new BigInteger(63, RANDOM).add(BigInteger.ONE);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial, Date.from(created),
                Date.from(NOT_AFTER), subject, pair.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            ContentSigner signer = new JcaContentSignerBuilder(P11Algorithms.certificateSignature(algorithm))
                    .setProvider(p11).build(pair.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException | CertIOException e) {
            throw new GeneralSecurityException("cannot self-sign the certificate of key '" + name + "'", e);
        }
    }
}
