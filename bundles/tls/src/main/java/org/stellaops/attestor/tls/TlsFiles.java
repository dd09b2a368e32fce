package org.stellaops.attestor.tls;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Owner-only, crash-safe files for the TLS material: directories 0700, files 0600 from the moment they exist, and
 * a {@link Batch} that writes every new file to an fsynced temporary first and renames them into place only once
 * all of them are written, so a crash never leaves a half-written file (only a mix of complete old and new files,
 * which the next start detects and repairs).
 */
final class TlsFiles {

    /** Prefix of in-flight temporary files; any found at start are debris of a crash. */
    static final String TEMP_PREFIX = ".tmp-tls-";
    static final String TEMP_SUFFIX = ".part";
    static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final String LOCK_FILE = ".lock";
    /** File locks are per process; this serialises threads of this JVM, the file lock other processes. */
    private static final Object JVM_LOCK = new Object();

    private TlsFiles() {
    }

    /** Work done while holding the directory lock. */
    @FunctionalInterface
    interface LockedWork<T> {
        T run() throws IOException;
    }

    /**
     * Runs work while holding an exclusive lock on {@code dir/.lock}, against other threads and other processes.
     *
     * @param dir an existing directory
     * @param work the work
     * @param <T> its result type
     * @return its result
     * @throws IOException from the lock or the work
     */
    static <T> T locked(Path dir, LockedWork<T> work) throws IOException {
        synchronized (JVM_LOCK) {
            Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try (FileChannel channel = POSIX
                    ? FileChannel.open(dir.resolve(LOCK_FILE), options, PosixFilePermissions.asFileAttribute(OWNER_FILE))
                    : FileChannel.open(dir.resolve(LOCK_FILE), options);
                 FileLock lock = channel.lock()) {
                return work.run();
            }
        }
    }

    /**
     * Creates the directory (and parents) and makes it 0700, also when it existed with wider permissions.
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

    /**
     * Deletes temporary files a crash left in a directory.
     *
     * @param dir the directory
     * @throws IOException on failure
     */
    static void removeDebris(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> debris = Files.newDirectoryStream(dir, TEMP_PREFIX + "*" + TEMP_SUFFIX)) {
            for (Path file : debris) {
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * @param file a file
     * @return its content, or null when it does not exist
     * @throws IOException when it exists but cannot be read
     */
    static byte[] readIfExists(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * New files written all-or-nothing: {@link #stage} writes each to a temporary file, {@link #commit} renames them
     * into place in staging order, {@link #close} deletes whatever was not committed.
     */
    static final class Batch implements AutoCloseable {

        private final Map<Path, Path> staged = new LinkedHashMap<>();

        /**
         * @param target the final path; its directory must exist
         * @param content the bytes
         * @return this batch
         * @throws IOException on failure
         */
        Batch stage(Path target, byte[] content) throws IOException {
            Path dir = target.toAbsolutePath().getParent();
            Path temp = POSIX
                    ? Files.createTempFile(dir, TEMP_PREFIX, TEMP_SUFFIX, PosixFilePermissions.asFileAttribute(OWNER_FILE))
                    : Files.createTempFile(dir, TEMP_PREFIX, TEMP_SUFFIX);
            staged.put(target.toAbsolutePath(), temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            return this;
        }

        /**
         * Renames every staged file into place, then flushes the directories.
         *
         * @throws IOException on failure
         */
        void commit() throws IOException {
            List<Path> dirs = new ArrayList<>();
            for (Map.Entry<Path, Path> entry : new ArrayList<>(staged.entrySet())) {
                Files.move(entry.getValue(), entry.getKey(), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
                staged.remove(entry.getKey());
                Path dir = entry.getKey().getParent();
                if (!dirs.contains(dir)) {
                    dirs.add(dir);
                }
            }
            for (Path dir : dirs) {
                fsyncDirectory(dir);
            }
        }

        @Override
        public void close() throws IOException {
            for (Path temp : staged.values()) {
                Files.deleteIfExists(temp);
            }
            staged.clear();
        }
    }

    private static void fsyncDirectory(Path dir) throws IOException {
        if (!POSIX) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
