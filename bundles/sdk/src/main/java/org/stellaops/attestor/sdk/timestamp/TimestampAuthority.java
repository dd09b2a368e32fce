package org.stellaops.attestor.sdk.timestamp;

import java.io.ByteArrayInputStream;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * A time-stamping authority a verifier trusts: a name for reports and the certificates that anchor it. Every
 * certificate is a trust anchor (a root, an intermediate or the authority's own signing certificate); the
 * certificates also serve as the signer certificate when a token carries none.
 *
 * @param name how reports name the authority
 * @param certificates the trust anchors, at least one
 */
public record TimestampAuthority(String name, List<X509Certificate> certificates) {

    /**
     * @param name not blank
     * @param certificates not empty; copied
     * @throws TimestampException {@value TimestampCodes#BAD_AUTHORITY} otherwise
     */
    public TimestampAuthority {
        if (name == null || name.isBlank()) {
            throw new TimestampException(TimestampCodes.BAD_AUTHORITY, "a timestamp authority needs a name");
        }
        if (certificates == null || certificates.isEmpty() || certificates.stream().anyMatch(c -> c == null)) {
            throw new TimestampException(TimestampCodes.BAD_AUTHORITY, "timestamp authority " + name
                    + " has no certificate");
        }
        certificates = List.copyOf(certificates);
    }

    /**
     * @param name how reports name the authority
     * @param pem PEM text with one or more certificates
     * @param source names the text in messages (a file name, say)
     * @return the authority
     * @throws TimestampException {@value TimestampCodes#BAD_AUTHORITY} when the text holds no certificate or a
     *                            malformed one
     */
    public static TimestampAuthority fromPem(String name, byte[] pem, String source) {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            for (Certificate c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem))) {
                certificates.add((X509Certificate) c);
            }
        } catch (CertificateException | RuntimeException e) {
            throw new TimestampException(TimestampCodes.BAD_AUTHORITY, source + " is not a PEM certificate file: "
                    + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new TimestampException(TimestampCodes.BAD_AUTHORITY, source + " holds no certificate");
        }
        return new TimestampAuthority(name, certificates);
    }
}
