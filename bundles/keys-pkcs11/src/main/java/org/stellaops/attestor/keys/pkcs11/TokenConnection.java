package org.stellaops.attestor.keys.pkcs11;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.AuthProvider;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.stellaops.attestor.api.keys.KeyDriverException;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.KeyInfo;
import org.stellaops.attestor.api.model.KeyState;

/**
 * One logged-in connection to the token: a SunPKCS11 provider instance of its own (never added to the JVM's
 * provider list), the token's KeyStore, and the keys that passed the check. Every method makes PKCS#11 calls and
 * runs on a {@link TokenWorkers} thread. After a failure that {@link Pkcs11Errors#connectionLost} recognises, the
 * connection is marked lost and the driver replaces it with a new one.
 */
final class TokenConnection {

    private static final System.Logger LOG = System.getLogger(TokenConnection.class.getName());

    private final Pkcs11Settings settings;
    private final String token;
    private final Provider provider;
    private final KeyStore keyStore;
    /** Keys by keyId; replaced as a whole (copy on write) when a key is created. */
    private volatile Map<String, TokenKey> keys = Map.of();
    /** Aliases the check refused, with the reason. */
    private volatile Map<String, String> rejected = Map.of();
    private volatile boolean lost;

    private TokenConnection(Pkcs11Settings settings, Provider provider, KeyStore keyStore) {
        this.settings = settings;
        this.token = settings.token();
        this.provider = provider;
        this.keyStore = keyStore;
    }

    /**
     * Configures a provider for the token, logs in with the PIN, and checks every key on it.
     *
     * @param settings the driver settings
     * @return the connection
     * @throws KeyDriverException {@code key.driver_failure} if the library, the token or the login fails
     */
    static TokenConnection open(Pkcs11Settings settings) {
        Provider provider = configure(settings);
        KeyStore keyStore = login(settings, provider);
        TokenConnection connection = new TokenConnection(settings, provider, keyStore);
        connection.inventory();
        return connection;
    }

    private static Provider configure(Pkcs11Settings settings) {
        Provider template = Security.getProvider("SunPKCS11");
        if (template == null) {
            throw new KeyDriverException(KeyDriverException.DRIVER_FAILURE,
                    "this JDK has no SunPKCS11 provider (module jdk.crypto.cryptoki)");
        }
        String slot = settings.tokenLabel() != null
                ? "slot = " + TokenSlots.find(settings.library(), settings.tokenLabel()).id()
                : "slotListIndex = " + settings.slotListIndex();
        String config = "--name = attestor\n"
                + "library = \"" + settings.library() + "\"\n"
                + slot + "\n"
                // generated private keys: never readable, never wrappable out of the token
                + "attributes(generate, CKO_PRIVATE_KEY, *) = {\n"
                + "  CKA_SENSITIVE = true\n"
                + "  CKA_EXTRACTABLE = false\n"
                + "}\n";
        try {
            // configure returns a new provider instance each time; it is used only through explicit references
            return template.configure(config);
        } catch (RuntimeException e) {
            throw Pkcs11Errors.failure("configuring SunPKCS11 for the " + settings.token() + " of "
                    + settings.library(), e);
        }
    }

    private static KeyStore login(Pkcs11Settings settings, Provider provider) {
        char[] pin = settings.pin().read();
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS11", provider);
            keyStore.load(null, pin);
            return keyStore;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw Pkcs11Errors.failure("logging in to the " + settings.token() + " with the "
                    + settings.pin().describe(), e);
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    /** Lists every alias and keeps the keys whose private key proves to match the certificate. */
    private void inventory() {
        List<String> aliases;
        try {
            aliases = Collections.list(keyStore.aliases());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw Pkcs11Errors.failure("listing the keys of the " + token, e);
        }
        Collections.sort(aliases);
        Map<String, TokenKey> found = new LinkedHashMap<>();
        Map<String, String> refused = new LinkedHashMap<>();
        for (String alias : aliases) {
            StringBuilder why = new StringBuilder();
            Optional<TokenKey> key = check(alias, why);
            TokenKey earlier = key.map(k -> found.get(k.info().keyId())).orElse(null);
            if (earlier != null) {
                why.append("the same key as alias '").append(earlier.info().name()).append("'");
                key = Optional.empty();
            }
            if (key.isPresent()) {
                found.put(key.get().info().keyId(), key.get());
            } else {
                refused.put(alias, why.toString());
                LOG.log(Level.WARNING, "pkcs11 key driver: skipping key ''{0}'' on the {1}: {2}; it is not "
                        + "offered for signing", alias, token, why);
            }
        }
        keys = sorted(found);
        rejected = Map.copyOf(refused);
    }

    private Optional<TokenKey> check(String alias, StringBuilder why) {
        try {
            if (!keyStore.isKeyEntry(alias)) {
                why.append("a certificate without a private key");
                return Optional.empty();
            }
            Key key = keyStore.getKey(alias, null);
            Certificate certificate = keyStore.getCertificate(alias);
            if (!(key instanceof PrivateKey privateKey) || !(certificate instanceof X509Certificate x509)) {
                why.append("not a private key with an X.509 certificate");
                return Optional.empty();
            }
            Optional<KeyAlgorithm> algorithm = P11Algorithms.of(x509, why);
            if (algorithm.isEmpty()) {
                return Optional.empty();
            }
            TokenKey tokenKey = new TokenKey(info(alias, algorithm.get(), x509), privateKey);
            if (!probe(tokenKey, x509)) {
                why.append("its private key does not match its certificate (a probe signature did not verify)");
                return Optional.empty();
            }
            return Optional.of(tokenKey);
        } catch (GeneralSecurityException | RuntimeException e) {
            if (Pkcs11Errors.connectionLost(e)) {
                throw Pkcs11Errors.failure("checking key '" + alias + "' on the " + token, e);
            }
            why.append("it cannot be used: ").append(Pkcs11Errors.failure("checking it", e).getMessage());
            return Optional.empty();
        }
    }

    /** Signs a probe message on the token and verifies it with the certificate's key, off the token. */
    private boolean probe(TokenKey key, X509Certificate certificate) throws GeneralSecurityException {
        byte[] message = ("attestor pkcs11 key check " + key.info().name() + " " + Instant.now())
                .getBytes(StandardCharsets.UTF_8);
        byte[] signature = sign(key, message);
        Signature verifier = P11Algorithms.verifier(key.info().algorithm());
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(message);
        return verifier.verify(signature);
    }

    private static KeyInfo info(String alias, KeyAlgorithm algorithm, X509Certificate certificate)
            throws GeneralSecurityException {
        byte[] spki = certificate.getPublicKey().getEncoded();
        String keyId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki));
        return new KeyInfo(keyId, alias, algorithm, Bytes.of(spki), KeyState.ACTIVE,
                certificate.getNotBefore().toInstant(), null);
    }

    /**
     * Generates a key pair on the token, self-signs its certificate there, and stores both under the name.
     *
     * @param name the key name (a checked alias), not yet used on the token
     * @param algorithm a supported algorithm
     * @return the new key, checked like the listed ones
     * @throws KeyDriverException {@code key.name_conflict} or {@code key.driver_failure}
     */
    TokenKey create(String name, KeyAlgorithm algorithm) {
        try {
            if (keyStore.containsAlias(name) || rejected.containsKey(name)) {
                throw new KeyDriverException(KeyDriverException.NAME_CONFLICT,
                        "a key named '" + name + "' already exists on the " + token);
            }
            KeyPair pair = P11Algorithms.generator(algorithm, provider).generateKeyPair();
            Instant created = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            X509Certificate certificate = SelfSignedCertificates.create(name, algorithm, pair, created, provider);
            // copies the session key into a token object (still sensitive, unextractable) with the certificate's id
            keyStore.setKeyEntry(name, pair.getPrivate(), null, new Certificate[] {certificate});
            StringBuilder why = new StringBuilder();
            TokenKey key = check(name, why).orElseThrow(() -> new KeyDriverException(
                    KeyDriverException.DRIVER_FAILURE, "the new key '" + name + "' failed its check: " + why));
            Map<String, TokenKey> updated = new LinkedHashMap<>(keys);
            updated.put(key.info().keyId(), key);
            keys = sorted(updated);
            return key;
        } catch (GeneralSecurityException | RuntimeException e) {
            throw lostIf("creating the " + algorithm + " key '" + name + "' on the " + token, e);
        }
    }

    /**
     * @param key a key of this connection
     * @param message the bytes to sign
     * @return the signature (ASN.1 DER for ECDSA)
     * @throws GeneralSecurityException if the token fails
     */
    byte[] sign(TokenKey key, byte[] message) throws GeneralSecurityException {
        Signature signer = P11Algorithms.signer(key.info().algorithm(), provider);
        signer.initSign(key.privateKey());
        signer.update(message);
        return signer.sign();
    }

    /**
     * {@link #sign} for the driver: failures become {@link KeyDriverException}s and mark the connection lost when
     * the token, the session or the key handle is gone.
     */
    byte[] signOrFail(TokenKey key, byte[] message) {
        try {
            return sign(key, message);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw lostIf("signing with key " + key.info().keyId() + " ('" + key.info().name() + "') on the "
                    + token, e);
        }
    }

    private KeyDriverException lostIf(String what, Throwable failure) {
        if (!(failure instanceof KeyDriverException) && Pkcs11Errors.connectionLost(failure)) {
            lost = true;
        }
        return Pkcs11Errors.failure(what, failure);
    }

    /** Logs out of the token (the login is shared by every session of this process to the token). */
    void logout() {
        try {
            ((AuthProvider) provider).logout();
        } catch (GeneralSecurityException | RuntimeException e) {
            LOG.log(Level.WARNING, "pkcs11 key driver: logout from the " + token + " failed: "
                    + Pkcs11Errors.failure("logout", e).getMessage());
        }
    }

    /** @return whether a failure showed that the connection must be rebuilt */
    boolean lost() {
        return lost;
    }

    /** @return the usable keys by keyId, oldest first */
    Map<String, TokenKey> keys() {
        return keys;
    }

    /** @return aliases on the token that are not offered, with the reason */
    Map<String, String> rejected() {
        return rejected;
    }

    /** @return the settings this connection was opened with */
    Pkcs11Settings settings() {
        return settings;
    }

    private static Map<String, TokenKey> sorted(Map<String, TokenKey> keys) {
        List<TokenKey> list = new ArrayList<>(keys.values());
        list.sort(Comparator.comparing((TokenKey k) -> k.info().createdAt()).thenComparing(k -> k.info().keyId()));
        Map<String, TokenKey> sorted = new LinkedHashMap<>();
        list.forEach(k -> sorted.put(k.info().keyId(), k));
        return Collections.unmodifiableMap(sorted);
    }
}
