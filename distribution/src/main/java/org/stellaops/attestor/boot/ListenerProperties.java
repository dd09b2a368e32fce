package org.stellaops.attestor.boot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns {@link ListenerOptions} into the framework properties Felix HTTP (Jetty) and the Attestor tls and auth
 * bundles read.
 */
final class ListenerProperties {

    /** TLS 1.3 and 1.2 only. */
    static final String PROTOCOLS = "TLSv1.3,TLSv1.2";
    /** TLS 1.3 suites, and TLS 1.2 suites with forward secrecy and AEAD only (ECDHE with AES-GCM or ChaCha20). */
    static final String CIPHER_SUITES = String.join(",",
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
    /** Generated key store, relative to the data directory. */
    static final String GENERATED_KEYSTORE = "tls/server.p12";
    /** Generated key store password, relative to the data directory. */
    static final String GENERATED_PASSWORD = "tls/keystore.password";

    private ListenerProperties() {
    }

    /**
     * @param options the validated options
     * @param dataDir the absolute data directory
     * @param random source of a generated key store password
     * @return the framework properties of the listener
     * @throws BootException when a key store or password file cannot be read or written, or does not open
     */
    static Map<String, String> of(ListenerOptions options, Path dataDir, SecureRandom random) throws BootException {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("org.apache.felix.http.host", options.host());
        p.put(ListenerOptions.CLIENT_AUTH, options.clientAuth());
        if (!options.tls()) {
            p.put("org.apache.felix.http.enable", "true");
            p.put("org.apache.felix.https.enable", "false");
            p.put("org.osgi.service.http.port", options.port());
            p.put("attestor.tls.generate", "false");
            return p;
        }
        p.put("org.apache.felix.http.enable", "false");
        p.put("org.apache.felix.https.enable", "true");
        p.put("org.osgi.service.http.port.secure", options.port());
        p.put("org.apache.felix.https.clientcertificate", options.felixClientCertificate());
        p.put("org.apache.felix.https.jetty.protocols.included", PROTOCOLS);
        p.put("org.apache.felix.https.jetty.ciphersuites.included", CIPHER_SUITES);
        p.put("org.apache.felix.https.jetty.renegotiateAllowed", "false");
        p.put("org.apache.felix.https.jetty.session.cookie.secure", "true");
        p.put("org.apache.felix.https.jetty.session.cookie.httpOnly", "true");
        if (options.ownKeystore() == null) {
            p.put("attestor.tls.generate", "true");
            p.put("org.apache.felix.https.keystore", dataDir.resolve(GENERATED_KEYSTORE).toString());
            p.put("org.apache.felix.https.keystore.type", "PKCS12");
            p.put("org.apache.felix.https.keystore.password", generatedPassword(dataDir.resolve(GENERATED_PASSWORD),
                    random));
            if (options.extraNames() != null) {
                p.put(ListenerOptions.SAN, options.extraNames());
            }
        } else {
            String password = ownPassword(options);
            checkOpens(options.ownKeystore(), options.keystoreType(), password);
            p.put("attestor.tls.generate", "false");
            p.put("org.apache.felix.https.keystore", options.ownKeystore().toString());
            p.put("org.apache.felix.https.keystore.type", options.keystoreType());
            p.put("org.apache.felix.https.keystore.password", password);
        }
        return p;
    }

    /**
     * @param file the password file of the generated key store
     * @param random source of a new password
     * @return its password, created (32 random bytes, base64url, file 0600) when the file is missing or empty
     * @throws BootException when the file cannot be read or written
     */
    static String generatedPassword(Path file, SecureRandom random) throws BootException {
        String password = BootFiles.readTrimmed(file);
        if (password == null) {
            // a new password makes the tls bundle issue a new key store: the old one no longer opens
            password = BootFiles.randomSecret(random, 32);
            BootFiles.writeOwnerOnly(file, password + "\n");
        }
        return password;
    }

    private static String ownPassword(ListenerOptions options) throws BootException {
        if (!Files.isReadable(options.ownKeystore())) {
            throw new BootException(BootException.FILE, ListenerOptions.KEYSTORE + ": cannot read "
                    + options.ownKeystore());
        }
        String password = BootFiles.readTrimmed(options.ownPasswordFile());
        if (password == null) {
            throw new BootException(BootException.FILE, ListenerOptions.PASSWORD_FILE + ": "
                    + options.ownPasswordFile() + " is missing or empty");
        }
        return password;
    }

    private static void checkOpens(Path keystore, String type, String password) throws BootException {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password.toCharArray());
            boolean hasKey = false;
            for (String alias : Collections.list(store.aliases())) {
                hasKey |= store.isKeyEntry(alias);
            }
            if (!hasKey) {
                throw new BootException(BootException.FILE, keystore + " holds no private key entry");
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new BootException(BootException.FILE, "cannot open the " + type + " key store " + keystore
                    + " with the password in the " + ListenerOptions.PASSWORD_FILE + " file: " + e.getMessage());
        }
    }
}
