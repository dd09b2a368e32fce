package org.stellaops.attestor.auth.internal;

import java.security.cert.X509Certificate;

/**
 * A client certificate chain that validated and is allowed.
 *
 * @param leaf the client's certificate
 * @param subject its subject DN (RFC 2253)
 * @param thumbprint base64url SHA-256 of its DER encoding (RFC 8705 {@code x5t#S256})
 */
record ValidCertificate(X509Certificate leaf, String subject, String thumbprint) {
}
