package org.stellaops.attestor.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An {@link SSLContext} that trusts exactly the CA certificates of one PEM file: neither the JDK's default trust
 * store nor anything else. Host names are still checked by the HTTP client against the server certificate.
 */
final class CaTrust {

    private CaTrust() {
    }

    /**
     * @param pemFile a PEM file with one or more CA certificates (e.g. {@code <data-dir>/tls/ca.pem})
     * @return a TLS context whose only trust anchors are those certificates
     * @throws UsageException if the file is missing or unreadable, holds no certificate, or holds a certificate
     *         that is not a CA
     */
    static SSLContext trusting(Path pemFile) {
        List<X509Certificate> cas = read(pemFile);
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                anchors.setCertificateEntry("ca-" + i, cas.get(i));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
            trust.init(anchors);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            return tls;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the JDK cannot build a TLS context: " + e, e);
        }
    }

    /**
     * @param pemFile a PEM file
     * @return its certificates, each a CA
     * @throws UsageException if the file is missing or unreadable, holds no certificate or a non-CA certificate
     */
    static List<X509Certificate> read(Path pemFile) {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(pemFile)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (NoSuchFileException e) {
            throw new UsageException("no CA certificate at " + pemFile + " (is the Attestor running with TLS on "
                    + "that data directory?)");
        } catch (IOException e) {
            throw new UsageException("cannot read the CA certificate " + pemFile + ": " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new UsageException(pemFile + " is not a PEM file of X.509 certificates: " + e.getMessage());
        }
        if (certificates.isEmpty()) {
            throw new UsageException(pemFile + " holds no certificate");
        }
        List<X509Certificate> cas = new ArrayList<>();
        for (Certificate c : certificates) {
            X509Certificate x509 = (X509Certificate) c;
            if (x509.getBasicConstraints() < 0) {
                throw new UsageException(pemFile + " holds " + x509.getSubjectX500Principal().getName()
                        + ", which is not a CA certificate: give the CA that issued the server's certificate");
            }
            cas.add(x509);
        }
        return cas;
    }
}
