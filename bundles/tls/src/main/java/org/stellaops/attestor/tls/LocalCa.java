package org.stellaops.attestor.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * The local certificate authority that issues the server certificate: its certificate (what clients trust) and its
 * private key (kept so the server certificate can be renewed without clients trusting anything new).
 *
 * @param certificate the self-signed CA certificate
 * @param privateKey its EC P-256 private key
 */
record LocalCa(X509Certificate certificate, PrivateKey privateKey) {
}
