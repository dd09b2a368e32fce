package org.stellaops.attestor.tlog.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * File primitives of the log: unforced writes (forced later, many at once, by {@link ForcePool}), a fully durable
 * atomic replace, and recursive delete. Public for the bundle's other packages (the package is not exported).
 */
public final class DurableFiles {

    /** Suffix of a file being replaced; a leftover of a crash is deleted on recovery. */
    public static final String TEMP_SUFFIX = ".tmp";

    private DurableFiles() {
    }

    /**
     * Writes a file in place, creating its directories, without forcing anything.
     *
     * @param file the file (created or truncated)
     * @param content its content
     * @param toForce receives the file and every directory whose entries changed, to be forced before the file
     *        may be relied on
     * @throws IOException on failure
     */
    static void writeUnforced(Path file, byte[] content, Set<Path> toForce) throws IOException {
        createDirectories(file.getParent(), toForce);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }
        toForce.add(file);
        toForce.add(file.getParent());
    }

    /**
     * Replaces one file atomically and durably: temp file, force, atomic rename, force of the directory.
     *
     * @param target the file
     * @param content its new content
     * @throws IOException on failure
     */
    public static void replace(Path target, byte[] content) throws IOException {
        Path temp = temp(target);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        force(target.getParent());
    }

    /**
     * Reads a whole file.
     *
     * @param file the file
     * @return its bytes, or null if it does not exist
     * @throws IOException on any other failure
     */
    public static byte[] readIfExists(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException missing) {
            return null;
        }
    }

    /**
     * Deletes a file or a directory tree; missing paths are fine.
     *
     * @param path what to delete
     * @throws IOException on failure
     */
    static void deleteTree(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            try (DirectoryStream<Path> children = Files.newDirectoryStream(path)) {
                for (Path child : children) {
                    deleteTree(child);
                }
            }
        }
        Files.deleteIfExists(path);
    }

    /**
     * Forces a file or directory to disk (for a directory: its entries, so new names and renames survive a crash).
     *
     * @param path file or directory
     * @throws IOException on failure
     */
    public static void force(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /**
     * @param target a file
     * @return the temp file {@link #replace} writes before renaming it to {@code target}
     */
    public static Path temp(Path target) {
        return target.resolveSibling(target.getFileName() + TEMP_SUFFIX);
    }

    /** Creates missing directories and collects the parents whose entries changed, so they get forced too. */
    private static void createDirectories(Path dir, Set<Path> toForce) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        createDirectories(dir.getParent(), toForce);
        Files.createDirectories(dir);
        toForce.add(dir.getParent());
    }
}
