package org.stellaops.attestor.cas.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Crash-safe file creation: a reader sees either no file or the complete file, and once {@link #write} returns the
 * file and its directory entry are on stable storage.
 */
final class AtomicFiles {

    /** Prefix of in-flight temporary files; anything with it found at start is debris of a crash. */
    static final String TEMP_PREFIX = ".tmp-";

    /** Directory fsync is a POSIX notion; other platforms cannot open a directory as a channel. */
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private AtomicFiles() {
    }

    /**
     * Writes {@code content} to {@code target} through a temporary file in the same directory, fsyncs it, renames
     * it atomically over the target and fsyncs the directory.
     *
     * @param target the final path; its parent directory must exist
     * @param content the bytes
     * @throws IOException on any failure; no temporary file is left behind
     */
    static void write(Path target, byte[] content) throws IOException {
        Path dir = target.getParent();
        Path temp = Files.createTempFile(dir, TEMP_PREFIX, ".part");
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
            fsyncDirectory(dir);
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /**
     * Creates {@code dir} and any missing parents up to {@code root}, fsyncing the parent of each directory it
     * creates so the new entries survive a crash.
     *
     * @param root an existing ancestor of {@code dir}
     * @param dir the directory to ensure
     * @throws IOException on failure
     */
    static void ensureDirectory(Path root, Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.getParent();
        if (!dir.equals(root) && parent != null) {
            ensureDirectory(root, parent);
        }
        try {
            Files.createDirectory(dir);
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            // another writer created it concurrently; only a non-directory at that path is a problem
            if (!Files.isDirectory(dir)) {
                throw raced;
            }
            return;
        }
        if (parent != null) {
            fsyncDirectory(parent);
        }
    }

    /**
     * Flushes a directory's entries to stable storage (POSIX only).
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
