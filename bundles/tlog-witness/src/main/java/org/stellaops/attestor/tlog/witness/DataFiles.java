package org.stellaops.attestor.tlog.witness;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.osgi.framework.BundleContext;

/**
 * Directories and durable files of this bundle: the data directory lookup, owner-only directories and an atomic,
 * fsynced replace (temp file, force, rename, force of the directory) so a crash leaves either the old or the new
 * content, never a torn file.
 */
final class DataFiles {

    /** Framework property naming the data directory. */
    static final String DATA_DIR_PROPERTY = "attestor.data.dir";

    private static final String TEMP_SUFFIX = ".tmp";
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    private DataFiles() {
    }

    /**
     * @param context bundle context (falls back to system properties)
     * @param configured the configured directory, or empty
     * @param defaultSub the path under the data directory used when nothing is configured
     * @return the configured directory, or {@code <attestor.data.dir>/<defaultSub>}
     */
    static Path resolve(BundleContext context, String configured, String defaultSub) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String data = context.getProperty(DATA_DIR_PROPERTY);
        return Path.of(data == null || data.isBlank() ? "./data" : data).resolve(defaultSub);
    }

    /**
     * Creates a directory (and its parents) readable by the owner only.
     *
     * @param dir the directory
     * @throws IOException on failure
     */
    static void ownerOnlyDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (POSIX) {
            Files.setPosixFilePermissions(dir, DIR_MODE);
        }
    }

    /**
     * Replaces a file atomically and durably.
     *
     * @param target the file
     * @param content its new content
     * @throws IOException on failure (the old content, if any, is still in place)
     */
    static void replace(Path target, byte[] content) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + TEMP_SUFFIX);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            if (POSIX) {
                Files.setPosixFilePermissions(temp, FILE_MODE);
            }
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(target.getParent());
    }

    /**
     * Deletes a file durably; a missing file is fine.
     *
     * @param file the file
     * @throws IOException on failure
     */
    static void delete(Path file) throws IOException {
        if (Files.deleteIfExists(file)) {
            forceDirectory(file.getParent());
        }
    }

    /**
     * @param file the file
     * @return its bytes, or null if it does not exist
     * @throws IOException on any other failure
     */
    static byte[] readIfExists(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException missing) {
            return null;
        }
    }

    private static void forceDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
