package org.stellaops.attestor.auth.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CRL;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Certificates and CRLs from PEM (or DER) files, and a TLS context trusting such certificates. */
final class PemCertificates {

    private PemCertificates() {
    }

    /**
     * @param file a PEM bundle of one or more certificates
     * @return the certificates, in file order
     * @throws IllegalArgumentException when the file is unreadable, malformed or empty
     */
    static List<X509Certificate> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : certs) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("no certificate in " + file);
            }
            return out;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read certificates from " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param file a PEM or DER file of one or more CRLs
     * @return the CRLs
     * @throws IllegalArgumentException when the file is unreadable, malformed or empty
     */
    static List<X509CRL> readCrls(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends CRL> crls = CertificateFactory.getInstance("X.509").generateCRLs(in);
            List<X509CRL> out = new ArrayList<>();
            for (CRL c : crls) {
                out.add((X509CRL) c);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("no CRL in " + file);
            }
            return out;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read CRLs from " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param caFile a PEM bundle of CA certificates
     * @return a TLS context that trusts exactly those CAs (hostnames are still verified by the HTTP client)
     */
    static SSLContext trusting(Path caFile) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (X509Certificate ca : read(caFile)) {
                store.setCertificateEntry("ca-" + i++, ca);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot build a TLS context from " + caFile + ": " + e.getMessage(), e);
        }
    }
}
