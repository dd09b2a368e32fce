package org.stellaops.attestor.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * The server's private key with its certificate chain (server certificate first, then the CA certificate).
 *
 * @param privateKey the EC P-256 private key
 * @param chain the certificate chain
 */
record ServerCredentials(PrivateKey privateKey, X509Certificate[] chain) {
}
