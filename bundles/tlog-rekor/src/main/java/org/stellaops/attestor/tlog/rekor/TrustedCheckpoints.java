package org.stellaops.attestor.tlog.rekor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The last trusted checkpoint of each origin of a log, one file per origin ({@code trusted-<16 hex of
 * SHA-256(origin)>.checkpoint}) holding the signed note verbatim. Writes are atomic and durable: temp file,
 * fsync, rename, fsync of the directory.
 */
final class TrustedCheckpoints {

    private static final String PREFIX = "trusted-";
    private static final String SUFFIX = ".checkpoint";
    private static final int NAME_HEX = 16;

    private final Path directory;

    TrustedCheckpoints(Path directory) {
        this.directory = directory;
    }

    /**
     * @param origin the checkpoint origin
     * @return the file holding its trusted checkpoint
     */
    Path file(String origin) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(origin.getBytes(StandardCharsets.UTF_8));
            return directory.resolve(PREFIX + HexFormat.of().formatHex(digest).substring(0, NAME_HEX) + SUFFIX);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    /**
     * @param origin the checkpoint origin
     * @return the stored signed note, if any
     * @throws IOException on a read failure
     */
    Optional<String> load(String origin) throws IOException {
        try {
            return Optional.of(Files.readString(file(origin), StandardCharsets.UTF_8));
        } catch (NoSuchFileException missing) {
            return Optional.empty();
        }
    }

    /**
     * Replaces the trusted checkpoint of an origin.
     *
     * @param origin the checkpoint origin
     * @param signedNote the verified signed note
     * @throws IOException on a write failure (the previous file is then intact)
     */
    void save(String origin, String signedNote) throws IOException {
        Files.createDirectories(directory);
        Path target = file(origin);
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(signedNote.getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
