package org.stellaops.attestor.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/**
 * Makes sure the generated TLS material exists and is fit for use: the local CA ({@value #CA_FILE} and
 * {@value #CA_KEY_FILE} in {@code <data>/tls}) and the server key store. The CA is created when missing, unreadable,
 * inconsistent with its key or about to expire; the server certificate is (re)issued when the CA is new, or when it
 * expires within {@link #RENEW_BEFORE}, its subject alternative names differ from the wanted ones, the key store
 * cannot be opened with the configured password, or it was not issued by the current CA.
 */
final class TlsMaterial {

    /** The CA certificate clients trust. */
    static final String CA_FILE = "ca.pem";
    /** The CA private key (PKCS#8), kept to renew the server certificate. */
    static final String CA_KEY_FILE = "ca-key.pem";
    /** Certificates are replaced this long before they expire. */
    static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private final TlsSettings settings;
    private final Certificates certificates;

    /**
     * @param settings the settings (generation must be wanted)
     * @param random source of keys and serial numbers
     */
    TlsMaterial(TlsSettings settings, SecureRandom random) {
        this.settings = settings;
        this.certificates = new Certificates(random);
    }

    /**
     * What {@link #ensure} found and did.
     *
     * @param caFile the CA certificate file
     * @param caCreated whether a new CA was created (clients must trust it)
     * @param serverIssued whether a new server certificate was issued
     * @param reason why something was created, or "up to date"
     * @param serverCertificate the server certificate now in the key store
     */
    record Outcome(Path caFile, boolean caCreated, boolean serverIssued, String reason,
            X509Certificate serverCertificate) {
    }

    /**
     * @param now the current time
     * @return what was found and done
     * @throws TlsException {@link TlsException#BAD_CONFIGURATION} for a bad setting (nothing is written then),
     *         {@link TlsException#STORAGE} when files cannot be read or written
     */
    Outcome ensure(Instant now) {
        SubjectAltNames names = SubjectAltNames.withDefaults(settings.extraNames());
        char[] storePassword = settings.requireKeystorePassword();
        char[] keyPassword = settings.requireKeyPassword();
        Path dir = settings.tlsDir();
        try {
            TlsFiles.ownerOnlyDirectory(dir);
            Files.createDirectories(settings.keystore().getParent());
            return TlsFiles.locked(dir, () -> ensureLocked(names, storePassword, keyPassword, now));
        } catch (IOException e) {
            throw new TlsException(TlsException.STORAGE, "cannot maintain the TLS material in " + dir + ": " + e, e);
        }
    }

    private Outcome ensureLocked(SubjectAltNames names, char[] storePassword, char[] keyPassword, Instant now)
            throws IOException {
        Path dir = settings.tlsDir();
        // only the own directory: a key store kept elsewhere may share its directory with other writers
        TlsFiles.removeDebris(dir);
        Checked<LocalCa> ca = loadCa(dir, now);
        Checked<X509Certificate> server = ca.value() == null ? null
                : inspectServer(ca.value(), names, storePassword, keyPassword, now);
        if (server != null && server.value() != null) {
            return new Outcome(dir.resolve(CA_FILE), false, false, "up to date", server.value());
        }
        try {
            LocalCa current = ca.value() != null ? ca.value() : certificates.newCa(now);
            ServerCredentials credentials = certificates.newServer(current, names, now);
            byte[] keystore = KeyStores.serialise(settings.keystoreType(), credentials, keyPassword, storePassword);
            try (TlsFiles.Batch batch = new TlsFiles.Batch()) {
                if (ca.value() == null) {
                    // key first: a crash between the renames leaves a key that does not match ca.pem, which the
                    // next start detects and repairs by creating a new CA
                    batch.stage(dir.resolve(CA_KEY_FILE), Pem.privateKey(current.privateKey()));
                    batch.stage(dir.resolve(CA_FILE), Pem.certificate(current.certificate()));
                }
                batch.stage(settings.keystore(), keystore);
                batch.commit();
            }
            String reason = ca.value() == null ? "local CA " + ca.problem() : "server certificate " + server.problem();
            return new Outcome(dir.resolve(CA_FILE), ca.value() == null, true, reason, credentials.chain()[0]);
        } catch (GeneralSecurityException e) {
            throw new TlsException(TlsException.STORAGE, "cannot issue TLS certificates: " + e.getMessage(), e);
        }
    }

    /** A loaded value, or why there is none. */
    private record Checked<T>(T value, String problem) {
        static <T> Checked<T> ok(T value) {
            return new Checked<>(value, null);
        }

        static <T> Checked<T> problem(String problem) {
            return new Checked<>(null, problem);
        }
    }

    private static Checked<LocalCa> loadCa(Path dir, Instant now) throws IOException {
        byte[] certificatePem = TlsFiles.readIfExists(dir.resolve(CA_FILE));
        byte[] keyPem = TlsFiles.readIfExists(dir.resolve(CA_KEY_FILE));
        if (certificatePem == null || keyPem == null) {
            return Checked.problem("missing");
        }
        X509Certificate certificate;
        PrivateKey key;
        try {
            certificate = Pem.parseCertificate(certificatePem);
            key = Pem.parseEcPrivateKey(keyPem);
        } catch (GeneralSecurityException e) {
            return Checked.problem("unreadable (" + e.getMessage() + ")");
        }
        if (certificate.getBasicConstraints() < 0) {
            return Checked.problem("is not a CA certificate");
        }
        if (!Certificates.matches(key, certificate.getPublicKey())) {
            return Checked.problem("key " + CA_KEY_FILE + " does not match " + CA_FILE);
        }
        if (certificate.getNotAfter().toInstant().isBefore(now.plus(RENEW_BEFORE))) {
            return Checked.problem("expires on " + certificate.getNotAfter().toInstant() + ", within "
                    + RENEW_BEFORE.toDays() + " days");
        }
        return Checked.ok(new LocalCa(certificate, key));
    }

    private Checked<X509Certificate> inspectServer(LocalCa ca, SubjectAltNames names, char[] storePassword,
            char[] keyPassword, Instant now) throws IOException {
        if (TlsFiles.readIfExists(settings.keystore()) == null) {
            return Checked.problem("missing");
        }
        X509Certificate certificate;
        try {
            KeyStore store = KeyStores.load(settings.keystore(), settings.keystoreType(), storePassword);
            Key key = store.isKeyEntry(KeyStores.ALIAS) ? store.getKey(KeyStores.ALIAS, keyPassword) : null;
            Certificate leaf = store.getCertificate(KeyStores.ALIAS);
            if (!(key instanceof PrivateKey privateKey) || !(leaf instanceof X509Certificate x509)) {
                return Checked.problem("key store holds no key entry '" + KeyStores.ALIAS + "'");
            }
            if (!Certificates.matches(privateKey, x509.getPublicKey())) {
                return Checked.problem("key does not match its certificate");
            }
            certificate = x509;
        } catch (IOException | GeneralSecurityException e) {
            return Checked.problem("key store cannot be opened with the configured password (" + e.getMessage() + ")");
        }
        return checkCertificate(certificate, ca, names, now);
    }

    private static Checked<X509Certificate> checkCertificate(X509Certificate certificate, LocalCa ca,
            SubjectAltNames names, Instant now) {
        try {
            certificate.verify(ca.certificate().getPublicKey());
        } catch (GeneralSecurityException e) {
            return Checked.problem("was not issued by the current local CA");
        }
        if (certificate.getNotBefore().toInstant().isAfter(now)) {
            return Checked.problem("is not valid yet (from " + certificate.getNotBefore().toInstant() + ")");
        }
        if (certificate.getNotAfter().toInstant().isBefore(now.plus(RENEW_BEFORE))) {
            return Checked.problem("expires on " + certificate.getNotAfter().toInstant() + ", within "
                    + RENEW_BEFORE.toDays() + " days");
        }
        SubjectAltNames held = SubjectAltNames.of(certificate);
        if (!held.equals(names)) {
            return Checked.problem("names [" + held + "] differ from the wanted [" + names + "]");
        }
        return Checked.ok(certificate);
    }
}
