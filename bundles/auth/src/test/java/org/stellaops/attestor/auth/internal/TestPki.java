package org.stellaops.attestor.auth.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Real X.509 certificates for tests, made with BouncyCastle's PKIX builders. */
final class TestPki {

    private static final AtomicLong SERIAL = new AtomicLong(1000);

    /** A certificate authority that issues certificates valid around {@code now}. */
    static final class Ca {
        final KeyPair keys;
        final X509Certificate cert;

        Ca(String name, Instant now) {
            this.keys = TokenFactory.ecPair("secp256r1");
            X500Name subject = new X500Name(name);
            this.cert = build(new JcaX509v3CertificateBuilder(subject, serial(), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(365))), subject, keys.getPublic()), keys, b -> {
                        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                        b.addExtension(Extension.keyUsage, true,
                                new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                    });
        }

        /** A client certificate with the given options. */
        Leaf issue(LeafSpec spec) {
            KeyPair leafKeys = TokenFactory.ecPair("secp256r1");
            X509Certificate c = build(new JcaX509v3CertificateBuilder(cert, serial(), Date.from(spec.notBefore),
                    Date.from(spec.notAfter), new X500Name(spec.subject), leafKeys.getPublic()), keys, b -> {
                        if (spec.eku != null) {
                            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(spec.eku));
                        }
                        if (spec.keyUsage != 0) {
                            b.addExtension(Extension.keyUsage, true, new KeyUsage(spec.keyUsage));
                        }
                        if (!spec.sans.isEmpty()) {
                            b.addExtension(Extension.subjectAlternativeName, false,
                                    new GeneralNames(spec.sans.toArray(new GeneralName[0])));
                        }
                    });
            return new Leaf(leafKeys, c);
        }

        X509CRL revoke(Instant now, X509Certificate... revoked) {
            try {
                X509v2CRLBuilder b = new X509v2CRLBuilder(X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()),
                        Date.from(now.minusSeconds(60)));
                b.setNextUpdate(Date.from(now.plus(Duration.ofDays(7))));
                for (X509Certificate r : revoked) {
                    b.addCRLEntry(r.getSerialNumber(), Date.from(now.minusSeconds(60)), CRLReason.keyCompromise);
                }
                return new JcaX509CRLConverter().getCRL(b.build(signer(keys)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        Path writePem(Path file) {
            return TestPki.writePem(file, List.of(cert));
        }
    }

    /** A client certificate and its key. */
    record Leaf(KeyPair keys, X509Certificate cert) {
    }

    /** What a client certificate looks like. */
    static final class LeafSpec {
        /** In BouncyCastle's order (most significant first), which RFC 2253 prints reversed. */
        String subject = "O=acme,OU=ci,CN=build-agent";
        Instant notBefore;
        Instant notAfter;
        KeyPurposeId[] eku = {KeyPurposeId.id_kp_clientAuth};
        int keyUsage = KeyUsage.digitalSignature;
        List<GeneralName> sans = new ArrayList<>();

        LeafSpec(Instant now) {
            notBefore = now.minus(Duration.ofHours(1));
            notAfter = now.plus(Duration.ofDays(30));
        }
    }

    interface Extensions {
        void add(X509v3CertificateBuilder b) throws IOException;
    }

    private TestPki() {
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }

    private static ContentSigner signer(KeyPair keys) {
        try {
            return new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    static X509Certificate build(X509v3CertificateBuilder b, KeyPair issuerKeys, Extensions extensions) {
        try {
            extensions.add(b);
            X509CertificateHolder holder = b.build(signer(issuerKeys));
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path writePem(Path file, List<?> items) {
        StringBuilder pem = new StringBuilder();
        try {
            for (Object item : items) {
                boolean crl = item instanceof X509CRL;
                byte[] der = crl ? ((X509CRL) item).getEncoded() : ((X509Certificate) item).getEncoded();
                String label = crl ? "X509 CRL" : "CERTIFICATE";
                pem.append("-----BEGIN ").append(label).append("-----\n")
                        .append(Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der))
                        .append("\n-----END ").append(label).append("-----\n");
            }
            Files.writeString(file, pem);
            return file;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
