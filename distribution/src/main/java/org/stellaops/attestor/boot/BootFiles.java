package org.stellaops.attestor.boot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The launcher's own small secret files: owner-only (directory 0700, file 0600 from the moment it exists) and
 * written atomically (fsynced temporary file, then rename), so a crash leaves the old content or the new, never a
 * torn file.
 */
final class BootFiles {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private BootFiles() {
    }

    /**
     * @param random the source
     * @param bytes how many random bytes
     * @return them in unpadded base64url (43 characters for 32 bytes)
     */
    static String randomSecret(SecureRandom random, int bytes) {
        byte[] secret = new byte[bytes];
        random.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /**
     * @param file a text file
     * @return its content without surrounding white space, or null when it does not exist or holds only white space
     * @throws BootException when it exists but cannot be read
     */
    static String readTrimmed(Path file) throws BootException {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? null : text;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new BootException(BootException.FILE, "cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * Atomically writes a 0600 file, creating its directory with 0700 when needed.
     *
     * @param file the file
     * @param text its content
     * @throws BootException when it cannot be written
     */
    static void writeOwnerOnly(Path file, String text) throws BootException {
        Path dir = file.toAbsolutePath().getParent();
        try {
            ownerOnlyDirectory(dir);
            Path temp = POSIX
                    ? Files.createTempFile(dir, ".tmp-boot-", ".part", PosixFilePermissions.asFileAttribute(OWNER_FILE))
                    : Files.createTempFile(dir, ".tmp-boot-", ".part");
            try {
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    channel.force(true);
                }
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new BootException(BootException.FILE, "cannot write " + file + ": " + e.getMessage());
        }
    }

    /**
     * Creates the directory (and parents) and restricts it to its owner.
     *
     * @param dir the directory
     * @throws IOException on failure
     */
    static void ownerOnlyDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (POSIX) {
            Files.setPosixFilePermissions(dir, OWNER_DIR);
        }
    }
}
