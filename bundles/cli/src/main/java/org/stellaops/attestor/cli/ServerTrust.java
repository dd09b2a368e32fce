package org.stellaops.attestor.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS trust of {@code --cacert}: exactly the certificates of one PEM file, nothing else (not the platform's CAs).
 * There is deliberately no way to turn verification off.
 */
final class ServerTrust {

    private ServerTrust() {
    }

    /**
     * @param pemFile a PEM file with one or more CA certificates
     * @return an SSL context that trusts exactly them (host names are still checked by the HTTP client)
     * @throws CliException exit 2: {@code file.unreadable}, or {@code tls.bad_cacert} when the file holds no
     *         certificate
     */
    static SSLContext fromPem(Path pemFile) {
        byte[] pem = CliFiles.read(pemFile, "CA certificate (--cacert)");
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem));
            if (certificates.isEmpty()) {
                throw badCaFile(pemFile, "it holds no certificate", null);
            }
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            int n = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("ca-" + n++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw badCaFile(pemFile, e.getMessage(), e);
        }
    }

    private static CliException badCaFile(Path file, String why, Throwable cause) {
        return CliException.usage("tls.bad_cacert", "the CA file " + file + " is not a PEM certificate file: " + why,
                cause);
    }
}
