package org.stellaops.attestor.it.e2e;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import org.stellaops.attestor.sdk.jose.Base64Url;

/**
 * A client-certificate authority of the tests' own and the certificates it (or a stranger) issues, ready to be
 * presented over TLS: what an operator configures as {@code mtls.trustAnchors} and what clients hold.
 */
final class TestCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final String name;
    private final KeyPair caKey;
    private final X509Certificate ca;

    TestCertificates(String name) {
        this.name = name;
        this.caKey = ecKey();
        Instant now = Instant.now();
        this.ca = issue("CN=" + name + " client CA", caKey, caKey, null, now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30)), true);
    }

    /** Writes the CA certificate as PEM: the trust anchors file. */
    Path writeCa(Path file) {
        try (StringWriter text = new StringWriter(); JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(ca);
            pem.flush();
            return Files.writeString(file, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client certificate valid now. */
    Client client(String commonName) {
        Instant now = Instant.now();
        return client(commonName, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1)));
    }

    /** A client certificate that expired yesterday. */
    Client expiredClient(String commonName) {
        Instant now = Instant.now();
        return client(commonName, now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)));
    }

    private Client client(String commonName, Instant from, Instant until) {
        KeyPair key = ecKey();
        X509Certificate certificate = issue("CN=" + commonName + ",O=" + name, key, caKey, ca, from, until, false);
        return new Client(key, certificate, ca);
    }

    /**
     * A client identity.
     *
     * @param key its key pair
     * @param certificate its certificate
     * @param issuer the CA that issued it
     */
    record Client(KeyPair key, X509Certificate certificate, X509Certificate issuer) {

        /** @return RFC 8705 {@code x5t#S256}: base64url SHA-256 of the certificate DER */
        String thumbprint() {
            try {
                return Base64Url.encode(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** @return TLS that presents this certificate and trusts the server's CA */
        SSLContext tls(Path serverCa) {
            try {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("client", key.getPrivate(), new char[0],
                        new X509Certificate[] {certificate, issuer});
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, new char[0]);
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(TestHttp.trustStore(serverCa));
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
                return context;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static X509Certificate issue(String subject, KeyPair subjectKey, KeyPair issuerKey,
            X509Certificate issuer, Instant from, Instant until, boolean authority) {
        try {
            X500Name issuerName = issuer == null ? new X500Name(subject)
                    : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(from), Date.from(until),
                    new X500Name(subject), subjectKey.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
            if (authority) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue " + subject, e);
        }
    }

    private static KeyPair ecKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
