package org.stellaops.attestor.bench.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * One SoftHSM2 token per JVM for {@link KeyDriverBenchmark}, in a temporary directory deleted when the JVM exits.
 * SoftHSM takes its configuration file from {@code SOFTHSM2_CONF} and scans its tokens once, when the library is
 * initialised; Java cannot change its own environment, so the benchmark sets the variable in the C environment
 * (libc {@code setenv} through JNA) and makes the token before anything loads the library. A JMH fork is a JVM of
 * its own, so every fork gets a fresh token and never touches the operator's SoftHSM configuration.
 */
final class BenchSoftHsm {

    static final String LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";
    static final String LABEL = "attestor-bench";
    static final String PIN = "1234";

    private static Path pinFile;

    private BenchSoftHsm() {
    }

    /** The libc call that sets a variable in the process environment the PKCS#11 library reads. */
    interface LibC extends Library {
        int setenv(String name, String value, int overwrite);
    }

    /**
     * @return the PIN file of this JVM's token, made on first use
     */
    static synchronized Path pinFile() {
        if (pinFile == null) {
            try {
                pinFile = makeToken();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return pinFile;
    }

    private static Path makeToken() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("attestor-bench-softhsm-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
        Path tokens = Files.createDirectories(dir.resolve("tokens"));
        Path conf = Files.writeString(dir.resolve("softhsm2.conf"), "directories.tokendir = " + tokens + "\n"
                + "objectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n");
        if (Native.load("c", LibC.class).setenv("SOFTHSM2_CONF", conf.toString(), 1) != 0) {
            throw new IllegalStateException("setenv(SOFTHSM2_CONF) failed");
        }
        ProcessBuilder init = new ProcessBuilder(List.of("softhsm2-util", "--init-token", "--free", "--label", LABEL,
                "--pin", PIN, "--so-pin", "5678")).redirectErrorStream(true);
        init.environment().put("SOFTHSM2_CONF", conf.toString());
        Process process = init.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("softhsm2-util --init-token failed (is SoftHSM2 installed?): " + output);
        }
        return Files.writeString(dir.resolve("pin"), PIN);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            System.err.println("cannot delete " + dir + ": " + e);
        }
    }
}
