package org.stellaops.attestor.cas.fs;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.stellaops.attestor.cas.ContentStore;
import org.stellaops.attestor.cas.StorageException;

/**
 * A {@link ContentStore} on a local file system. An object with SHA-256 {@code abcd…} lives at
 * {@code <root>/sha256/ab/cd/abcd…}. Writes go through a temporary file in the target directory, are fsynced and
 * atomically renamed, and the directory is fsynced, so a put that returned survives a crash and a reader never sees
 * a partial object. Every read re-hashes the bytes.
 */
@Component(service = ContentStore.class, immediate = true, configurationPid = FsContentStore.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = "attestor.cas=fs")
@Designate(ocd = CasFsConfig.class)
public final class FsContentStore implements ContentStore {

    /** The ConfigAdmin PID. */
    public static final String PID = "org.stellaops.attestor.cas.fs";
    /** The framework property naming the data directory. */
    public static final String DATA_DIR_PROPERTY = "attestor.data.dir";

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final HexFormat HEX = HexFormat.of();

    private final Path root;
    private final Path objects;

    /**
     * Activates the component with its configuration.
     *
     * @param context the bundle context, for {@value #DATA_DIR_PROPERTY}
     * @param config the configuration
     */
    @Activate
    public FsContentStore(BundleContext context, CasFsConfig config) {
        this(resolveRoot(context, config), config.sweepOnStart());
    }

    /**
     * Opens (creating if needed) a store rooted at {@code root}, sweeping crash debris.
     *
     * @param root the root directory
     */
    public FsContentStore(Path root) {
        this(root, true);
    }

    /**
     * @param root the root directory
     * @param sweepOnStart whether to delete temporary files left by an interrupted write
     */
    public FsContentStore(Path root, boolean sweepOnStart) {
        this.root = root.toAbsolutePath().normalize();
        this.objects = this.root.resolve("sha256");
        try {
            Files.createDirectories(this.root);
            AtomicFiles.ensureDirectory(this.root, objects);
            if (sweepOnStart) {
                sweepTemporaryFiles();
            }
        } catch (IOException e) {
            throw new StorageException(StorageException.FAILURE, "cannot open content store at " + this.root, e);
        }
    }

    private static Path resolveRoot(BundleContext context, CasFsConfig config) {
        if (!config.directory().isBlank()) {
            return Paths.get(config.directory());
        }
        String dataDir = context.getProperty(DATA_DIR_PROPERTY);
        return Paths.get(dataDir == null || dataDir.isBlank() ? "./data" : dataDir, "cas");
    }

    /** @return the absolute root directory */
    public Path root() {
        return root;
    }

    @Override
    public String put(byte[] content) {
        String hex = sha256Hex(content);
        Path target = pathOf(hex);
        try {
            if (holds(target, content)) {
                return hex;
            }
            AtomicFiles.ensureDirectory(objects, target.getParent());
            AtomicFiles.write(target, content);
            return hex;
        } catch (IOException e) {
            throw new StorageException(StorageException.FAILURE, "cannot store object " + hex, e);
        }
    }

    /** An existing object counts only if it still holds exactly these bytes; a damaged one is rewritten. */
    private static boolean holds(Path target, byte[] content) throws IOException {
        try {
            return Files.size(target) == content.length && Arrays.equals(Files.readAllBytes(target), content);
        } catch (NoSuchFileException absent) {
            return false;
        }
    }

    @Override
    public Optional<byte[]> get(String sha256Hex) {
        Path path = pathOf(sha256Hex);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StorageException(StorageException.FAILURE, "cannot read object " + sha256Hex, e);
        }
        if (!sha256Hex.equals(sha256Hex(bytes))) {
            throw new StorageException(StorageException.CORRUPT,
                    "object " + sha256Hex + " no longer matches its address", null);
        }
        return Optional.of(bytes);
    }

    @Override
    public boolean contains(String sha256Hex) {
        return Files.isRegularFile(pathOf(sha256Hex));
    }

    /**
     * @param sha256Hex lowercase hex SHA-256
     * @return where that object lives (whether or not it exists)
     * @throws IllegalArgumentException if the address is not 64 lowercase hex digits
     */
    public Path pathOf(String sha256Hex) {
        if (sha256Hex == null || !SHA256_HEX.matcher(sha256Hex).matches()) {
            throw new IllegalArgumentException("a content address is 64 lowercase hex digits");
        }
        return objects.resolve(sha256Hex.substring(0, 2)).resolve(sha256Hex.substring(2, 4)).resolve(sha256Hex);
    }

    private void sweepTemporaryFiles() throws IOException {
        Files.walkFileTree(objects, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (file.getFileName().toString().startsWith(AtomicFiles.TEMP_PREFIX)) {
                    Files.deleteIfExists(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static String sha256Hex(byte[] content) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
