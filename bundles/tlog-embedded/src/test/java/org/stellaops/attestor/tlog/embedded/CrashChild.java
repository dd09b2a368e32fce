package org.stellaops.attestor.tlog.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;

import org.stellaops.attestor.sdk.crypto.PrivateKeys;
import org.stellaops.attestor.testing.MemoryKeyDriver;

/**
 * Child JVM of {@link CrashRecoveryTest}: opens the log, submits entries without pause (up to 64 in flight) and
 * prints {@code ACK <index> <uuid> <treeSize> <rootBase64>} for each acknowledged one, until it is killed or has
 * submitted {@value #MAX_ENTRIES} entries.
 */
public final class CrashChild {

    static final String ORIGIN = "crash.test";
    static final int MAX_ENTRIES = 200_000;

    private CrashChild() {
    }

    /**
     * @param args log directory, PKCS#8 PEM file of the log key, first request number
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        MemoryKeyDriver key = new MemoryKeyDriver(PrivateKeys.parsePem(Files.readString(Path.of(args[1]))), "service");
        long first = Long.parseLong(args[2]);
        EmbeddedLog log = EmbeddedLog.open(new LogSettings(Path.of(args[0]), ORIGIN, "service", 64, 0, ""), key);
        Semaphore inFlight = new Semaphore(64);
        for (long i = first; i < first + MAX_ENTRIES; i++) {
            inFlight.acquire();
            log.submit(Requests.bulk(i)).whenComplete((entry, failure) -> {
                if (entry != null) {
                    String line = "ACK " + entry.logIndex() + " " + entry.uuid() + " " + entry.inclusionProof().treeSize()
                            + " " + entry.inclusionProof().rootHash().base64();
                    synchronized (System.out) {
                        System.out.println(line);
                        System.out.flush();
                    }
                } else {
                    failure.printStackTrace();
                }
                inFlight.release();
            });
        }
        log.close();
    }
}
