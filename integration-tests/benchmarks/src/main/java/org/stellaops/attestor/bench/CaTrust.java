package org.stellaops.attestor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLContext;

import org.stellaops.attestor.sdk.AttestorException;

/**
 * An {@link SSLContext} that trusts exactly the CA certificates of one PEM file (the sdk's
 * {@link org.stellaops.attestor.sdk.crypto.CaTrust}), with the driver's usage errors and one more check: every
 * certificate must be a CA, because a user who passes the server's own certificate has misread the options.
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
        return org.stellaops.attestor.sdk.crypto.CaTrust.sslContext(read(pemFile));
    }

    /**
     * @param pemFile a PEM file
     * @return its certificates, each a CA
     * @throws UsageException if the file is missing or unreadable, holds no certificate or a non-CA certificate
     */
    static List<X509Certificate> read(Path pemFile) {
        byte[] pem;
        try {
            pem = Files.readAllBytes(pemFile);
        } catch (NoSuchFileException e) {
            throw new UsageException("no CA certificate at " + pemFile + " (is the Attestor running with TLS on "
                    + "that data directory?)");
        } catch (IOException e) {
            throw new UsageException("cannot read the CA certificate " + pemFile + ": " + e.getMessage());
        }
        List<X509Certificate> cas;
        try {
            cas = org.stellaops.attestor.sdk.crypto.CaTrust.certificates(pem, pemFile.toString());
        } catch (AttestorException e) {
            throw new UsageException(e.getMessage());
        }
        for (X509Certificate ca : cas) {
            if (ca.getBasicConstraints() < 0) {
                throw new UsageException(pemFile + " holds " + ca.getSubjectX500Principal().getName()
                        + ", which is not a CA certificate: give the CA that issued the server's certificate");
            }
        }
        return cas;
    }
}
