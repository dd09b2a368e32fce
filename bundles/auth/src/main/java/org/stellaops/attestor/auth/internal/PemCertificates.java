package org.stellaops.attestor.auth.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CRL;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.net.ssl.SSLContext;

import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.crypto.CaTrust;

/** Certificates (the sdk's {@link CaTrust}, with configuration errors) and CRLs from files, for the auth settings. */
final class PemCertificates {

    private PemCertificates() {
    }

    /**
     * @param file a PEM bundle of one or more certificates
     * @return the certificates, in file order
     * @throws IllegalArgumentException when the file is unreadable, malformed or empty
     */
    static List<X509Certificate> read(Path file) {
        try {
            return CaTrust.certificates(Files.readAllBytes(file), file.toString());
        } catch (IOException | AttestorException e) {
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
     * @throws IllegalArgumentException when the file is unreadable, malformed or empty
     */
    static SSLContext trusting(Path caFile) {
        return CaTrust.sslContext(read(caFile));
    }
}
