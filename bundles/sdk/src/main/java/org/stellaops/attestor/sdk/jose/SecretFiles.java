package org.stellaops.attestor.sdk.jose;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Files that hold secrets: owner-only permissions from the moment they exist, published atomically. */
final class SecretFiles {

    private static final Set<PosixFilePermission> DIR_0700 = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_0600 = PosixFilePermissions.fromString("rw-------");

    private SecretFiles() {
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Creates the directory (0700 on POSIX) and its parents, or returns it as it is when it exists. */
    static Path privateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return dir;
        }
        Files.createDirectories(dir.toAbsolutePath().getParent());
        try {
            if (posix(dir)) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR_0700));
                // The umask may have removed bits; it never adds any, but state the intent explicitly.
                Files.setPosixFilePermissions(dir, DIR_0700);
            } else {
                Files.createDirectory(dir);
            }
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            if (!Files.isDirectory(dir)) {
                throw raced;
            }
        }
        return dir;
    }

    /** Writes the bytes to a new 0600 temporary file in the directory and forces them to disk. */
    static Path privateTempFile(Path dir, byte[] content) throws IOException {
        Path tmp = posix(dir)
                ? Files.createTempFile(dir, ".tmp-", ".jwk", PosixFilePermissions.asFileAttribute(FILE_0600))
                : Files.createTempFile(dir, ".tmp-", ".jwk");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        return tmp;
    }

    /**
     * Makes the complete temporary file visible under its final name unless that name exists: a hard link fails
     * atomically when the target exists, where a rename would silently replace it.
     *
     * @throws java.nio.file.FileAlreadyExistsException when the target exists
     */
    static void publishWithoutReplacing(Path tmp, Path target) throws IOException {
        try {
            Files.createLink(target, tmp);
        } catch (UnsupportedOperationException noLinks) {
            Files.move(tmp, target);
        } catch (java.nio.file.FileAlreadyExistsException exists) {
            throw exists;
        } catch (FileSystemException noLinksHere) {
            // Some file systems (FAT, some network mounts) refuse hard links: a plain move is the best left there.
            Files.move(tmp, target);
        }
    }
}
