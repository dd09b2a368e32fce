package org.stellaops.attestor.tls;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * What this bundle reads from framework properties: the same properties Felix HTTP (Jetty) reads for its HTTPS
 * connector, plus the Attestor's own {@code attestor.*} ones. There is no ConfigAdmin configuration: the material
 * must exist before Jetty starts, which is before any configuration could arrive.
 *
 * @param dataDir {@code attestor.data.dir} (default {@code ./data}), absolute
 * @param httpsEnabled {@code org.apache.felix.https.enable}
 * @param generate {@code attestor.tls.generate}: create and renew the local CA and server key store
 * @param keystore {@code org.apache.felix.https.keystore} (default {@code <data>/tls/server.p12})
 * @param keystoreType {@code org.apache.felix.https.keystore.type} (default PKCS12, as Jetty's)
 * @param keystorePassword {@code org.apache.felix.https.keystore.password}, or null
 * @param keyPassword {@code org.apache.felix.https.keystore.key.password}, else the key store password
 * @param extraNames {@code attestor.tls.san}: extra subject alternative names, comma-separated, or null
 * @param clientCertificate {@code org.apache.felix.https.clientcertificate}: none, wants or needs (lowercase)
 * @param securePort {@code org.osgi.service.http.port.secure}, for the message that tells users how to connect
 * @param clientAuth {@code attestor.tls.clientAuth} (lowercase, default off): whether the auth bundle validates
 *                   client certificates ({@code optional} or {@code required}); only then may the handshake let any
 *                   certificate through
 */
record TlsSettings(Path dataDir, boolean httpsEnabled, boolean generate, Path keystore, String keystoreType,
        String keystorePassword, String keyPassword, String extraNames, String clientCertificate, String securePort,
        String clientAuth) {

    static final String DATA_DIR = "attestor.data.dir";
    static final String GENERATE = "attestor.tls.generate";
    static final String SAN = "attestor.tls.san";
    static final String HTTPS_ENABLE = "org.apache.felix.https.enable";
    static final String KEYSTORE = "org.apache.felix.https.keystore";
    static final String KEYSTORE_TYPE = "org.apache.felix.https.keystore.type";
    static final String KEYSTORE_PASSWORD = "org.apache.felix.https.keystore.password";
    static final String KEY_PASSWORD = "org.apache.felix.https.keystore.key.password";
    static final String CLIENT_CERTIFICATE = "org.apache.felix.https.clientcertificate";
    static final String SECURE_PORT = "org.osgi.service.http.port.secure";
    static final String CLIENT_AUTH = "attestor.tls.clientAuth";

    /** Sub-directory of the data directory holding the CA, its key and (by default) the server key store. */
    static final String TLS_DIR = "tls";

    /**
     * @param properties framework property lookup (null when unset)
     * @return the settings
     */
    static TlsSettings from(UnaryOperator<String> properties) {
        String data = properties.apply(DATA_DIR);
        Path dataDir = Path.of(data == null || data.isBlank() ? "data" : data).toAbsolutePath().normalize();
        String keystore = properties.apply(KEYSTORE);
        Path keystorePath = keystore == null || keystore.isBlank()
                ? dataDir.resolve(TLS_DIR).resolve("server.p12") : Path.of(keystore).toAbsolutePath().normalize();
        String type = properties.apply(KEYSTORE_TYPE);
        String password = properties.apply(KEYSTORE_PASSWORD);
        String keyPassword = properties.apply(KEY_PASSWORD);
        String mode = properties.apply(CLIENT_CERTIFICATE);
        String clientAuth = properties.apply(CLIENT_AUTH);
        return new TlsSettings(dataDir, "true".equalsIgnoreCase(properties.apply(HTTPS_ENABLE)),
                "true".equalsIgnoreCase(properties.apply(GENERATE)), keystorePath,
                type == null || type.isBlank() ? "PKCS12" : type, password,
                keyPassword == null ? password : keyPassword, properties.apply(SAN),
                mode == null ? "none" : mode.trim().toLowerCase(Locale.ROOT), properties.apply(SECURE_PORT),
                clientAuth == null ? "off" : clientAuth.trim().toLowerCase(Locale.ROOT));
    }

    /** @return the directory of the local CA files */
    Path tlsDir() {
        return dataDir.resolve(TLS_DIR);
    }

    /** @return whether Jetty asks clients for a certificate (Felix acts on "wants" and "needs" only) */
    boolean clientCertificatesRequested() {
        return "wants".equals(clientCertificate) || "needs".equals(clientCertificate);
    }

    /**
     * @return whether the handshake may accept any client certificate: only when Jetty asks for one and the auth
     *         bundle validates them ({@code attestor.tls.clientAuth} optional or required). Otherwise Jetty's own
     *         trust (for example a configured trust store) stays in charge.
     */
    boolean certificatesCheckedByAuth() {
        return clientCertificatesRequested() && ("optional".equals(clientAuth) || "required".equals(clientAuth));
    }

    /**
     * @return the key store password as characters
     * @throws TlsException {@link TlsException#BAD_CONFIGURATION} when none is set
     */
    char[] requireKeystorePassword() {
        if (keystorePassword == null || keystorePassword.isEmpty()) {
            throw new TlsException(TlsException.BAD_CONFIGURATION,
                    KEYSTORE_PASSWORD + " is not set: the server key store needs a password");
        }
        return keystorePassword.toCharArray();
    }

    /**
     * @return the private key password as characters
     * @throws TlsException {@link TlsException#BAD_CONFIGURATION} when neither it nor the key store password is set
     */
    char[] requireKeyPassword() {
        if (keyPassword == null || keyPassword.isEmpty()) {
            // an empty key password beside a usable key store password can only come from its own property
            boolean ownPropertyEmpty = keyPassword != null && keystorePassword != null && !keystorePassword.isEmpty();
            throw new TlsException(TlsException.BAD_CONFIGURATION, (ownPropertyEmpty ? KEY_PASSWORD
                    : KEYSTORE_PASSWORD) + " is not set: the server key store needs a password");
        }
        return keyPassword.toCharArray();
    }

    @Override
    public String toString() {
        // passwords stay out of logs
        return "TlsSettings[keystore=" + keystore + ", type=" + keystoreType + ", generate=" + generate
                + ", https=" + httpsEnabled + ", clientCertificate=" + clientCertificate + "]";
    }
}
