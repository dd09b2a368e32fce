package org.stellaops.attestor.cli;

import java.nio.file.Path;

import javax.net.ssl.SSLContext;

import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.crypto.CaTrust;

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
            return CaTrust.sslContext(CaTrust.certificates(pem, pemFile.toString()));
        } catch (AttestorException e) {
            throw CliException.usage("tls.bad_cacert", "--cacert: " + e.getMessage(), e);
        }
    }
}
