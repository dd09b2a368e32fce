package org.stellaops.attestor.keys.fido2;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Owner-only, crash-safe files: directories 0700, files 0600 from the moment they exist, written to a temporary file
 * in the same directory, fsynced, atomically renamed over the target, then the directory is fsynced. A reader sees
 * either the old or the new content, never a torn file.
 */
final class SecureFiles {

    /** Prefix of in-flight temporary files; any found at start are debris of a crash. */
    static final String TEMP_PREFIX = ".tmp-";

    static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private SecureFiles() {
    }

    /**
     * Creates the directory (and its parents) if needed and sets it to 0700.
     *
     * @param dir the directory
     * @throws IOException on failure
     */
    static void ensureOwnerOnlyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (POSIX) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            } else {
                Files.createDirectory(dir);
            }
            if (parent != null) {
                fsyncDirectory(parent);
            }
        }
        if (POSIX) {
            // an existing directory may have been created by hand with wider permissions
            Files.setPosixFilePermissions(dir, OWNER_DIR);
        }
    }

    /**
     * Atomically writes (or replaces) a 0600 file.
     *
     * @param target the final path; its directory must exist
     * @param content the bytes
     * @throws IOException on failure; no temporary file is left behind
     */
    static void writeOwnerOnly(Path target, byte[] content) throws IOException {
        Path dir = target.getParent();
        Path temp = POSIX
                ? Files.createTempFile(dir, TEMP_PREFIX, ".part", PosixFilePermissions.asFileAttribute(OWNER_FILE))
                : Files.createTempFile(dir, TEMP_PREFIX, ".part");
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
            fsyncDirectory(dir);
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /**
     * Flushes a directory's entries to stable storage (POSIX only: other platforms cannot open a directory).
     *
     * @param dir the directory
     * @throws IOException on failure
     */
    static void fsyncDirectory(Path dir) throws IOException {
        if (!POSIX) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
