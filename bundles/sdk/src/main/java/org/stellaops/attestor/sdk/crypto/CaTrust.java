package org.stellaops.attestor.sdk.crypto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.stellaops.attestor.sdk.AttestorException;

/**
 * TLS trust in exactly the CA certificates of one PEM file, and nothing else (not the platform's CAs): how clients
 * reach a service with a private CA, such as another Attestor's local CA. Host names are still checked by the HTTP
 * client; there is deliberately no way to turn verification off here.
 */
public final class CaTrust {

    /** The code of every failure: the file is missing, unreadable, or holds no X.509 certificate. */
    public static final String BAD_CA_FILE = "tls.bad_ca_file";

    private CaTrust() {
    }

    /**
     * @param pemFile a PEM file with one or more CA certificates
     * @return an SSL context that trusts exactly them
     * @throws AttestorException {@value #BAD_CA_FILE}
     */
    public static SSLContext fromPemFile(Path pemFile) {
        byte[] pem;
        try {
            pem = Files.readAllBytes(pemFile);
        } catch (IOException e) {
            throw new AttestorException(BAD_CA_FILE, "cannot read the CA file " + pemFile + ": " + e.getMessage(), e);
        }
        return sslContext(certificates(pem, pemFile.toString()));
    }

    /**
     * @param pem PEM text with one or more certificates
     * @param source names the text in messages
     * @return the certificates, in file order
     * @throws AttestorException {@value #BAD_CA_FILE} when the text holds no certificate or a malformed one
     */
    public static List<X509Certificate> certificates(byte[] pem, String source) {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            for (Certificate c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem))) {
                certificates.add((X509Certificate) c);
            }
        } catch (CertificateException e) {
            throw new AttestorException(BAD_CA_FILE, source + " is not a PEM certificate file: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new AttestorException(BAD_CA_FILE, source + " holds no certificate");
        }
        return List.copyOf(certificates);
    }

    /**
     * @param anchors the trusted certificates
     * @return an SSL context (no client key) that trusts exactly them
     */
    public static SSLContext sslContext(List<X509Certificate> anchors) {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            int n = 0;
            for (X509Certificate anchor : anchors) {
                trusted.setCertificateEntry("ca-" + n++, anchor);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the platform cannot build a TLS context: " + e.getMessage(), e);
        }
    }
}
