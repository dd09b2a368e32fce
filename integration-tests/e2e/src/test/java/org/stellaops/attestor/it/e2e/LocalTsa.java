package org.stellaops.attestor.it.e2e;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * A time-stamping authority the tests run themselves: a generated root CA and a TSA certificate (EC P-256, critical
 * extended key usage id-kp-timeStamping), tokens made by BouncyCastle's {@link TimeStampTokenGenerator} at any
 * {@code genTime} with millisecond resolution. The server is configured with the root as the authority's anchor.
 */
final class LocalTsa {

    private static final AtomicLong SERIALS = new AtomicLong(1);
    private static final Instant NOT_BEFORE = Instant.parse("2020-01-01T00:00:00Z");
    private static final Instant NOT_AFTER = Instant.parse("2040-01-01T00:00:00Z");

    private final X509Certificate root;
    private final X509Certificate signer;
    private final PrivateKey signerKey;

    LocalTsa(String name) {
        try {
            KeyPair rootKey = ecKey();
            KeyPair tsaKey = ecKey();
            root = certificate(name + " Root", rootKey.getPublic(), name + " Root", rootKey.getPrivate(), true);
            signer = certificate(name + " TSA", tsaKey.getPublic(), name + " Root", rootKey.getPrivate(), false);
            signerKey = tsaKey.getPrivate();
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make a test TSA", e);
        }
    }

    /** @return the root certificate as PEM: what the server trusts */
    String rootPem() {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /**
     * @param data the timestamped bytes (a DSSE signature)
     * @param genTime the token's time
     * @return the DER TimeStampToken over the SHA-256 of {@code data}, carrying the TSA certificate
     */
    byte[] token(byte[] data, Instant genTime) {
        try {
            DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
            TimeStampTokenGenerator generator = new TimeStampTokenGenerator(
                    new JcaSignerInfoGeneratorBuilder(digests).build(
                            new JcaContentSignerBuilder("SHA256withECDSA").build(signerKey), signer),
                    digests.get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                    new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.99.2"));
            generator.setResolution(TimeStampTokenGenerator.R_MILLISECONDS);
            generator.addCertificates(new JcaCertStore(List.of(signer)));
            TimeStampRequestGenerator requests = new TimeStampRequestGenerator();
            requests.setCertReq(true);
            byte[] imprint = MessageDigest.getInstance("SHA-256").digest(data);
            return generator.generate(requests.generate(NISTObjectIdentifiers.id_sha256, imprint),
                    BigInteger.valueOf(SERIALS.getAndIncrement()), Date.from(genTime)).getEncoded();
        } catch (GeneralSecurityException | IOException | OperatorCreationException | TSPException e) {
            throw new IllegalStateException("cannot make a test token", e);
        }
    }

    /** @return the {@code rfc3161Timestamps} item of a Sigstore bundle holding the token */
    static java.util.Map<String, String> item(byte[] token) {
        return java.util.Map.of("signedTimestamp", Base64.getEncoder().encodeToString(token));
    }

    private static KeyPair ecKey() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(String subject, PublicKey key, String issuer, PrivateKey issuerKey,
                                               boolean ca)
            throws GeneralSecurityException, IOException, OperatorCreationException {
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=" + issuer),
                BigInteger.valueOf(SERIALS.getAndIncrement()), Date.from(NOT_BEFORE), Date.from(NOT_AFTER),
                new X500Name("CN=" + subject), key);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (ca) {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign));
        } else {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, true,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
        }
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    }
}
