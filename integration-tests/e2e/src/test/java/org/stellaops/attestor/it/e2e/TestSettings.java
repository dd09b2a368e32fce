package org.stellaops.attestor.it.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** What the build hands to the tests (failsafe system properties) and the time bounds they use. */
final class TestSettings {

    /** From {@code java -jar} to the ready line; generous because the machine may be busy with other builds. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    /** From SIGTERM to process exit. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** One HTTP exchange. */
    static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);
    /** One CLI run. */
    static final Duration CLI_TIMEOUT = Duration.ofSeconds(60);

    private TestSettings() {
    }

    static Path attestorJar() {
        return existingFile("attestor.jar");
    }

    static Path stellaJar() {
        return existingFile("stella.jar");
    }

    static Path workDir() {
        return Path.of(System.getProperty("it.work.dir", "target/it-work")).toAbsolutePath();
    }

    /** The running JVM's own java binary, so the child runs on the same Java 17. */
    static String javaExecutable() {
        Optional<String> command = ProcessHandle.current().info().command();
        return command.filter(c -> c.endsWith("java")).orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static Path existingFile(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set (run through failsafe)");
        }
        Path path = Path.of(value).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(property + " does not exist: " + path + " (build that module first)");
        }
        return path;
    }
}
