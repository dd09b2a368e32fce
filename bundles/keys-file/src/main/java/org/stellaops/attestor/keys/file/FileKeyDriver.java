package org.stellaops.attestor.keys.file;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.stellaops.attestor.api.keys.KeyDriver;
import org.stellaops.attestor.api.keys.KeyDriverCapabilities;
import org.stellaops.attestor.api.keys.KeyDriverException;
import org.stellaops.attestor.api.keys.KeyMaterial;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.KeyInfo;
import org.stellaops.attestor.api.model.KeyState;

/**
 * A file KMS: keys are generated in-process (or imported from cosign) and kept in
 * {@code <directory>/<keyId>.key.json}, the private key sealed with AES-256-GCM under a key-encryption key (see
 * {@link KeyEncryptionKey}). The directory is 0700 and every file 0600, written atomically. On activation every key
 * is unsealed and cross-checked (any damaged or altered key file fails the activation), and an ECDSA P-256 key named
 * {@value #SERVICE_KEY_NAME} is created if there is none: the service key that signs the embedded log's checkpoints
 * and service receipts. Keys move to and from cosign as encrypted {@code cosign.key} files
 * ({@link KeyMaterial#COSIGN}); public keys export as {@code cosign.pub} ({@link KeyMaterial#PUBLIC_PEM}).
 */
@Component(service = KeyDriver.class, immediate = true, configurationPid = FileKeyDriver.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = KeyDriver.DRIVER_PROPERTY + "=" + FileKeyDriver.NAME)
@Designate(ocd = FileKeyDriverConfig.class)
public final class FileKeyDriver implements KeyDriver {

    /** The ConfigAdmin PID. */
    public static final String PID = "org.stellaops.attestor.keys.file";
    /** The driver name, also its {@value KeyDriver#DRIVER_PROPERTY} service property. */
    public static final String NAME = "file";
    /** The name of the service key created on first start. */
    public static final String SERVICE_KEY_NAME = "service";
    /** The framework property naming the data directory. */
    public static final String DATA_DIR_PROPERTY = "attestor.data.dir";
    /** The code of a {@link #createKey} or {@link #importKey} call whose name or key is already held. */
    public static final String NAME_CONFLICT = KeyDriverException.NAME_CONFLICT;

    private static final KeyDriverCapabilities CAPABILITIES = new KeyDriverCapabilities(Algorithms.SUPPORTED, true,
            false, false, Set.of(KeyMaterial.COSIGN), Set.of(KeyMaterial.COSIGN, KeyMaterial.PUBLIC_PEM));

    private final Path directory;
    private final SecureRandom random = new SecureRandom();
    private final KeyEncryptionKey kek;
    private final Map<String, StoredKey> keys = new ConcurrentHashMap<>();
    private final Object createLock = new Object();

    /**
     * Activates the component.
     *
     * @param context the bundle context, for {@value #DATA_DIR_PROPERTY}
     * @param config the configuration
     */
    @Activate
    public FileKeyDriver(BundleContext context, FileKeyDriverConfig config) {
        this(resolveDirectory(context, config), resolvePassphrase(config));
    }

    /**
     * Opens (creating if needed) a key directory.
     *
     * @param directory the key directory
     * @param passphrase the passphrase, or null to use (or create) the generated key file {@code <directory>/kek}
     * @throws KeyDriverException {@code key.driver_failure} on a wrong passphrase, a damaged or altered key file,
     *         or I/O failure
     */
    public FileKeyDriver(Path directory, char[] passphrase) {
        this(directory, passphrase == null || passphrase.length == 0 ? null
                : new Passphrase(passphrase.clone(), "given passphrase"));
    }

    private FileKeyDriver(Path directory, Passphrase passphrase) {
        this.directory = directory.toAbsolutePath().normalize();
        try {
            SecureFiles.ensureOwnerOnlyDirectory(this.directory);
            List<Path> files = keyFiles();
            this.kek = KeyEncryptionKey.open(this.directory, passphrase, !files.isEmpty(), random);
            for (Path file : files) {
                StoredKey key = KeyFileCodec.decode(file.getFileName().toString(), Files.readAllBytes(file), kek);
                keys.put(key.info().keyId(), key);
            }
        } catch (IOException e) {
            throw new KeyDriverException(KeyDriverException.DRIVER_FAILURE,
                    "cannot open the key directory " + this.directory, e);
        } finally {
            if (passphrase != null) {
                // the derived key is all that is needed from here on
                Arrays.fill(passphrase.value(), '\0');
            }
        }
        if (keys.values().stream().noneMatch(k -> k.info().name().equals(SERVICE_KEY_NAME))) {
            createKey(SERVICE_KEY_NAME, KeyAlgorithm.ECDSA_P256_SHA256);
        }
    }

    private static Path resolveDirectory(BundleContext context, FileKeyDriverConfig config) {
        if (!config.directory().isBlank()) {
            return Paths.get(config.directory());
        }
        String dataDir = context.getProperty(DATA_DIR_PROPERTY);
        return Paths.get(dataDir == null || dataDir.isBlank() ? "./data" : dataDir, "keys");
    }

    private static Passphrase resolvePassphrase(FileKeyDriverConfig config) {
        Passphrase configured = Passphrase.ofNullable(config._passphrase(), "configuration property .passphrase");
        if (configured != null || config.passphraseEnv().isBlank()) {
            return configured;
        }
        return Passphrase.ofNullable(System.getenv(config.passphraseEnv()),
                "environment variable " + config.passphraseEnv());
    }

    /** Drops the unsealed keys from memory. */
    @Deactivate
    public void close() {
        keys.clear();
    }

    /** @return the absolute key directory */
    public Path directory() {
        return directory;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public KeyDriverCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public List<KeyInfo> keys() {
        List<KeyInfo> list = new ArrayList<>();
        keys.values().forEach(k -> list.add(k.info()));
        list.sort(Comparator.comparing(KeyInfo::createdAt).thenComparing(KeyInfo::keyId));
        return list;
    }

    @Override
    public Optional<KeyInfo> key(String keyId) {
        return Optional.ofNullable(keys.get(keyId)).map(StoredKey::info);
    }

    @Override
    public KeyInfo createKey(String name, KeyAlgorithm algorithm) {
        Objects.requireNonNull(name, "name");
        if (algorithm == null || !Algorithms.SUPPORTED.contains(algorithm)) {
            throw new KeyDriverException(KeyDriverException.UNSUPPORTED_ALGORITHM,
                    "the file driver cannot create " + algorithm + " keys");
        }
        requireFreeName(name);
        KeyPair pair;
        try {
            pair = Algorithms.generate(algorithm, random);
        } catch (GeneralSecurityException e) {
            throw new KeyDriverException(KeyDriverException.DRIVER_FAILURE,
                    "cannot generate a " + algorithm + " key", e);
        }
        return store(name, algorithm, pair.getPublic(), pair.getPrivate());
    }

    /**
     * Imports an encrypted {@code cosign.key} ({@link KeyMaterial#COSIGN}) as a new key, stored like a generated
     * one. ECDSA P-256/P-384 keys sign with ECDSA, Ed25519 keys with pure Ed25519, RSA keys (2048 to 8192 bits) with
     * RSA PKCS#1 v1.5 SHA-256. The password is cleared before this returns.
     *
     * @throws KeyDriverException {@code key.unsupported_operation} (a format other than {@code cosign}), {@code
     *         key.invalid_input} (name, damaged file, wrong password, refused scrypt parameters), {@code
     *         key.unsupported_algorithm} (key type, curve or size), {@code
     *         key.name_conflict} (name taken, or the same key already held under another name) or {@code
     *         key.driver_failure} (storage)
     */
    @Override
    public KeyInfo importKey(String name, KeyMaterial material) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(material, "material");
        try {
            if (name.isBlank()) {
                throw new KeyDriverException(KeyDriverException.INVALID_INPUT, "an imported key needs a name");
            }
            if (!KeyMaterial.COSIGN.equals(material.format())) {
                throw new KeyDriverException(KeyDriverException.UNSUPPORTED_OPERATION,
                        "the file driver imports keys in the '" + KeyMaterial.COSIGN + "' format only, not '"
                                + material.format() + "'");
            }
            // before the deliberately slow KDF, so a taken name fails fast
            requireFreeName(name);
            byte[] pkcs8 = CosignKeyFile.decrypt(material.bytes(), material.password());
            Pkcs8Keys.Parsed parsed;
            try {
                parsed = Pkcs8Keys.parse(pkcs8);
            } finally {
                Arrays.fill(pkcs8, (byte) 0);
            }
            return store(name, parsed.algorithm(), parsed.publicKey(), parsed.privateKey());
        } finally {
            material.clearPassword();
        }
    }

    /**
     * Exports a key as an encrypted {@code cosign.key} (scrypt N=32768, r=8, p=1, fresh salt and nonce; readable by
     * every cosign release) or its public key as {@code cosign.pub}.
     *
     * @param format {@link KeyMaterial#COSIGN} or {@link KeyMaterial#PUBLIC_PEM}
     * @param password for {@code cosign}: the password, not empty; ignored for {@code public-pem}; not cleared here
     * @throws KeyDriverException {@code key.unsupported_operation} (unknown format), {@code key.invalid_input} (empty
     *         password), {@code key.not_found}
     */
    @Override
    public KeyMaterial exportKey(String keyId, String format, char[] password) {
        if (!KeyMaterial.COSIGN.equals(format) && !KeyMaterial.PUBLIC_PEM.equals(format)) {
            throw new KeyDriverException(KeyDriverException.UNSUPPORTED_OPERATION, "the file driver exports keys as '"
                    + KeyMaterial.COSIGN + "' or '" + KeyMaterial.PUBLIC_PEM + "', not '" + format + "'");
        }
        StoredKey key = keyId == null ? null : keys.get(keyId);
        if (key == null) {
            throw new KeyDriverException(KeyDriverException.NOT_FOUND, "the file driver holds no key " + keyId);
        }
        if (KeyMaterial.PUBLIC_PEM.equals(format)) {
            return new KeyMaterial(format, Pem.publicKey(key.info().publicKey().value())
                    .getBytes(StandardCharsets.US_ASCII), null);
        }
        if (password == null || password.length == 0) {
            throw new KeyDriverException(KeyDriverException.INVALID_INPUT,
                    "a cosign export needs a non-empty password: the private key leaves the driver encrypted");
        }
        byte[] pkcs8 = Pkcs8Keys.encode(key);
        try {
            return new KeyMaterial(format, CosignKeyFile.encrypt(pkcs8, password, random), null);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    private void requireFreeName(String name) {
        keys.values().stream().filter(k -> k.info().name().equals(name)).findAny().ifPresent(k -> {
            throw new KeyDriverException(NAME_CONFLICT, "a key named '" + name + "' already exists ("
                    + k.info().keyId() + ")");
        });
    }

    /**
     * Seals and writes a new key (temporary file, fsync, atomic rename: a crash leaves either the whole key file or
     * only temporary debris that the next start removes), then makes it available.
     */
    private KeyInfo store(String name, KeyAlgorithm algorithm, PublicKey publicKey, PrivateKey privateKey) {
        byte[] spki = publicKey.getEncoded();
        KeyInfo info = new KeyInfo(KeyFileCodec.keyId(spki), name, algorithm, Bytes.of(spki), KeyState.ACTIVE,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), null);
        StoredKey key = new StoredKey(info, publicKey, privateKey);
        synchronized (createLock) {
            requireFreeName(name);
            StoredKey held = keys.get(info.keyId());
            if (held != null) {
                throw new KeyDriverException(NAME_CONFLICT, "this key is already held as '" + held.info().name()
                        + "' (" + info.keyId() + ")");
            }
            Path file = directory.resolve(info.keyId() + KeyFileCodec.SUFFIX);
            try {
                SecureFiles.writeOwnerOnly(file, KeyFileCodec.encode(key, kek));
            } catch (IOException | GeneralSecurityException e) {
                throw new KeyDriverException(KeyDriverException.DRIVER_FAILURE,
                        "cannot store the key '" + name + "' in " + directory, e);
            }
            keys.put(info.keyId(), key);
            return info;
        }
    }

    @Override
    public byte[] sign(String keyId, byte[] message) {
        StoredKey key = keys.get(keyId);
        if (key == null) {
            throw new KeyDriverException(KeyDriverException.NOT_FOUND, "the file driver holds no key " + keyId);
        }
        if (key.info().state() != KeyState.ACTIVE) {
            throw new KeyDriverException(KeyDriverException.NOT_ACTIVE,
                    "key " + keyId + " is " + key.info().state() + " and may not sign");
        }
        try {
            return Algorithms.sign(key.privateKey(), key.info().algorithm(), message);
        } catch (GeneralSecurityException e) {
            throw new KeyDriverException(KeyDriverException.DRIVER_FAILURE,
                    "signing with key " + keyId + " failed", e);
        }
    }

    private List<Path> keyFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String fileName = entry.getFileName().toString();
                if (fileName.startsWith(SecureFiles.TEMP_PREFIX)) {
                    // debris of a write interrupted by a crash: the rename never happened, so it was never a key
                    Files.delete(entry);
                } else if (fileName.endsWith(KeyFileCodec.SUFFIX)) {
                    files.add(entry);
                }
            }
        }
        files.sort(Comparator.comparing(Path::toString));
        return files;
    }
}
