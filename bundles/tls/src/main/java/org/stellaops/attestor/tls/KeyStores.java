package org.stellaops.attestor.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collections;

/**
 * Reading and writing the server key store (PKCS12 by default; the type Jetty is told to use).
 */
final class KeyStores {

    /** Alias of the key entry in generated key stores. */
    static final String ALIAS = "attestor-api";

    private KeyStores() {
    }

    /**
     * @param file the key store file
     * @param type its type
     * @param password its password
     * @return the loaded key store
     * @throws IOException when the file cannot be read, is not a key store of that type or the password is wrong
     * @throws GeneralSecurityException when the type is unknown or an entry is unreadable
     */
    static KeyStore load(Path file, String type, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type);
        store.load(new ByteArrayInputStream(Files.readAllBytes(file)), password);
        return store;
    }

    /**
     * @param type the key store type
     * @param credentials the key and chain
     * @param keyPassword the password protecting the key entry
     * @param storePassword the password of the key store
     * @return the serialised key store holding one key entry under {@link #ALIAS}
     * @throws GeneralSecurityException when the JDK cannot build the key store
     */
    static byte[] serialise(String type, ServerCredentials credentials, char[] keyPassword, char[] storePassword)
            throws GeneralSecurityException {
        try {
            KeyStore store = KeyStore.getInstance(type);
            store.load(null, null);
            store.setKeyEntry(ALIAS, credentials.privateKey(), keyPassword, credentials.chain());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, storePassword);
            return out.toByteArray();
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot serialise a " + type + " key store", e);
        }
    }

    /**
     * @param store a loaded key store
     * @return the certificate of its first key entry, or null when it holds no key entry with an X.509 certificate
     * @throws GeneralSecurityException when the key store cannot be listed
     */
    static X509Certificate firstKeyCertificate(KeyStore store) throws GeneralSecurityException {
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias) && store.getCertificate(alias) instanceof X509Certificate certificate) {
                return certificate;
            }
        }
        return null;
    }
}
