package org.stellaops.attestor.bench.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.stellaops.attestor.tlog.embedded.EmbeddedLog;
import org.stellaops.attestor.tlog.embedded.LogSettings;
import org.stellaops.attestor.testing.MemoryKeyDriver;

/** Opens benchmark logs in temporary directories and removes them (or any benchmark's directory) afterwards. */
final class LogDirectories {

    private LogDirectories() {
    }

    /** @return an empty embedded log with the service's batch size, signing with {@code keys} */
    static EmbeddedLog open(Path directory, MemoryKeyDriver keys, int batchSize) {
        return EmbeddedLog.open(new LogSettings(directory, "bench.attestor.local", "service", batchSize, 0, ""), keys);
    }

    /** Closes the log and deletes its directory. */
    static void closeAndDelete(EmbeddedLog log, Path directory) throws IOException {
        log.close();
        deleteTree(directory);
    }

    /** Deletes a benchmark's temporary directory with everything in it, children first. */
    static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
