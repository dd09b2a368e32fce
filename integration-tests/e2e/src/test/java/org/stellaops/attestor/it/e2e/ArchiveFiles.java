package org.stellaops.attestor.it.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The server's envelope archive read from outside, as docs/storage.md describes it: the records of the pack files
 * ({@code D/cas/packs/*.pack}) and the one-file-per-object layout ({@code D/cas/sha256/ab/cd/<hex>}). Read while the
 * server runs, so a pack's last record may be incomplete: reading stops there.
 */
final class ArchiveFiles {

    private static final int RECORD_MAGIC = 0x53415031;
    private static final int HEADER = 4 + 4 + 32;

    private ArchiveFiles() {
    }

    /**
     * @param casRoot {@code D/cas}
     * @return every archived object by lowercase hex SHA-256 (a later copy of the same object wins)
     */
    static Map<String, byte[]> objects(Path casRoot) {
        Map<String, byte[]> objects = new HashMap<>();
        try {
            for (Path pack : files(casRoot.resolve("packs"), ".pack")) {
                readPack(Files.readAllBytes(pack), objects);
            }
            for (Path file : files(casRoot.resolve("sha256"), "")) {
                if (!file.getFileName().toString().startsWith(".")) {
                    objects.put(file.getFileName().toString(), Files.readAllBytes(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the archive in " + casRoot, e);
        }
        return objects;
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static void readPack(byte[] pack, Map<String, byte[]> objects) {
        ByteBuffer buffer = ByteBuffer.wrap(pack);
        while (buffer.remaining() >= HEADER && buffer.getInt(buffer.position()) == RECORD_MAGIC) {
            int length = buffer.getInt(buffer.position() + 4);
            if (length < 0 || buffer.remaining() - HEADER < length) {
                return;
            }
            byte[] digest = new byte[32];
            buffer.get(buffer.position() + 8, digest);
            byte[] content = new byte[length];
            buffer.get(buffer.position() + HEADER, content);
            objects.put(HexFormat.of().formatHex(digest), content);
            buffer.position(buffer.position() + HEADER + length);
        }
    }
}
