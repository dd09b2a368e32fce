package org.stellaops.attestor.cas.fs;

import java.io.File;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.stellaops.attestor.cas.ContentStore;
import org.stellaops.attestor.cas.StorageException;

/**
 * A {@link ContentStore} on a local file system. By default new objects are appended to pack files under
 * {@code <root>/packs} ({@link Packs}): concurrent writers share one fsync, and no file is created per object. With
 * a pack size of 0, and in files written by earlier versions, an object with SHA-256 {@code abcd…} lives at
 * {@code <root>/sha256/ab/cd/abcd…}, written through a temporary file in the target directory, fsynced, atomically
 * renamed, and the directory fsynced. Either way a put that returned survives a crash, a reader never sees a partial
 * object, both layouts are read, and every read re-hashes the bytes.
 */
@Component(service = ContentStore.class, immediate = true, configurationPid = FsContentStore.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = "attestor.cas=fs")
@Designate(ocd = CasFsConfig.class)
public final class FsContentStore implements ContentStore, AutoCloseable {

    /** The ConfigAdmin PID. */
    public static final String PID = "org.stellaops.attestor.cas.fs";
    /** The framework property naming the data directory. */
    public static final String DATA_DIR_PROPERTY = "attestor.data.dir";

    /** The default pack size in MiB. */
    public static final int DEFAULT_PACK_MB = 64;

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final HexFormat HEX = HexFormat.of();

    private final Path root;
    private final Path objects;
    /** Null when every object gets a file of its own. */
    private final Packs packs;

    /**
     * Activates the component with its configuration.
     *
     * @param context the bundle context, for {@value #DATA_DIR_PROPERTY}
     * @param config the configuration
     */
    @Activate
    public FsContentStore(BundleContext context, CasFsConfig config) {
        this(resolveRoot(context, config), config.sweepOnStart(), packLimit(config.packSizeMb()));
    }

    /**
     * Opens (creating if needed) a store rooted at {@code root} with packs of the default size, sweeping crash
     * debris.
     *
     * @param root the root directory
     */
    public FsContentStore(Path root) {
        this(root, true, packLimit(DEFAULT_PACK_MB));
    }

    /**
     * @param root the root directory
     * @param sweepOnStart whether to delete temporary files left by an interrupted write
     * @param packLimitBytes the size at which a pack is sealed; 0 writes a file per object
     * @throws StorageException {@code storage.failure} if the store cannot be opened, {@code storage.corrupt} if a
     *         pack is damaged before valid records
     */
    public FsContentStore(Path root, boolean sweepOnStart, long packLimitBytes) {
        if (packLimitBytes < 0) {
            throw new IllegalArgumentException("the pack size is 0 (no packs) or positive, not " + packLimitBytes);
        }
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
        this.packs = packLimitBytes == 0 ? null : new Packs(this.root, packLimitBytes);
    }

    /**
     * @param root the root directory
     * @return a store that writes every object to a file of its own (the layout of earlier versions)
     */
    public static FsContentStore withoutPacks(Path root) {
        return new FsContentStore(root, true, 0);
    }

    private static long packLimit(int megabytes) {
        return megabytes * 1024L * 1024L;
    }

    /** Closes the pack files. */
    @Override
    @Deactivate
    public void close() {
        if (packs != null) {
            packs.close();
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
        return putAll(List.of(content)).get(0);
    }

    /** Appends every object not yet stored to the packs, waiting once for all of them to be durable. */
    @Override
    public List<String> putAll(List<byte[]> contents) {
        List<String> digests = new ArrayList<>(contents.size());
        Map<String, byte[]> missing = new LinkedHashMap<>();
        String current = null;
        try {
            for (byte[] content : contents) {
                current = sha256Hex(content);
                digests.add(current);
                if (!missing.containsKey(current) && !stored(current, content)) {
                    missing.put(current, content);
                }
            }
            if (packs != null) {
                packs.appendAll(missing);
                return digests;
            }
            for (Map.Entry<String, byte[]> object : missing.entrySet()) {
                current = object.getKey();
                Path target = pathOf(current);
                AtomicFiles.ensureDirectory(objects, target.getParent());
                AtomicFiles.write(target, object.getValue());
            }
            return digests;
        } catch (IOException e) {
            throw new StorageException(StorageException.FAILURE, "cannot store object " + current, e);
        }
    }

    private boolean stored(String hex, byte[] content) throws IOException {
        return packs != null && packs.read(hex).filter(bytes -> Arrays.equals(bytes, content)).isPresent()
                || holds(pathOf(hex), content);
    }

    /**
     * An existing object counts only if it still holds exactly these bytes; a damaged one is rewritten. Every new
     * object is looked for here first, so an absent file must not cost an exception: {@link File#length}
     * answers 0 without one, where {@code Files.size} throws (a stack trace on each submission).
     */
    private static boolean holds(Path target, byte[] content) throws IOException {
        File file = target.toFile();
        // length() is 0 for an absent file, so a new object costs one stat; isFile only settles the rest
        if (file.length() != content.length || !file.isFile()) {
            return false;
        }
        try {
            return Arrays.equals(Files.readAllBytes(target), content);
        } catch (NoSuchFileException removedMeanwhile) {
            return false;
        }
    }

    @Override
    public Optional<byte[]> get(String sha256Hex) {
        Path path = pathOf(sha256Hex);
        byte[] bytes = packs == null ? null : packs.read(sha256Hex).orElse(null);
        try {
            if (bytes == null) {
                bytes = Files.readAllBytes(path);
            }
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
        Path path = pathOf(sha256Hex);
        return packs != null && packs.contains(sha256Hex) || Files.isRegularFile(path);
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
        return HEX.formatHex(sha256(content));
    }

    static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
