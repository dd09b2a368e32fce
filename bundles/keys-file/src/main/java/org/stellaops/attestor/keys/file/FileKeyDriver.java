package org.stellaops.attestor.keys.file;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
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
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.KeyInfo;
import org.stellaops.attestor.api.model.KeyState;

/**
 * A file KMS: keys are generated in-process and kept in {@code <directory>/<keyId>.key.json}, the private key
 * sealed with AES-256-GCM under a key-encryption key (see {@link KeyEncryptionKey}). The directory is 0700 and every
 * file 0600. On activation every key is unsealed and cross-checked (any damaged or altered key file fails the
 * activation), and an ECDSA P-256 key named {@value #SERVICE_KEY_NAME} is created if there is none: the service key
 * that signs the embedded log's checkpoints and service receipts.
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
    /** The code of a {@link #createKey} call whose name is already taken. */
    public static final String NAME_CONFLICT = "key.name_conflict";

    private static final KeyDriverCapabilities CAPABILITIES =
            new KeyDriverCapabilities(Algorithms.SUPPORTED, false, false, false);

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
        synchronized (createLock) {
            if (keys.values().stream().anyMatch(k -> k.info().name().equals(name))) {
                throw new KeyDriverException(NAME_CONFLICT, "a key named '" + name + "' already exists");
            }
            StoredKey key = generate(name, algorithm);
            Path file = directory.resolve(key.info().keyId() + KeyFileCodec.SUFFIX);
            try {
                SecureFiles.writeOwnerOnly(file, KeyFileCodec.encode(key, kek));
            } catch (IOException | GeneralSecurityException e) {
                throw new KeyDriverException(KeyDriverException.DRIVER_FAILURE,
                        "cannot store the new key '" + name + "' in " + directory, e);
            }
            keys.put(key.info().keyId(), key);
            return key.info();
        }
    }

    private StoredKey generate(String name, KeyAlgorithm algorithm) {
        try {
            KeyPair pair = Algorithms.generate(algorithm, random);
            byte[] spki = pair.getPublic().getEncoded();
            KeyInfo info = new KeyInfo(KeyFileCodec.keyId(spki), name, algorithm, Bytes.of(spki), KeyState.ACTIVE,
                    Instant.now().truncatedTo(ChronoUnit.MILLIS), null);
            return new StoredKey(info, pair.getPublic(), pair.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new KeyDriverException(KeyDriverException.DRIVER_FAILURE,
                    "cannot generate a " + algorithm + " key", e);
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
