package org.stellaops.attestor.it.osgi;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.frameworkStartLevel;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ops4j.pax.exam.Constants;
import org.ops4j.pax.exam.Option;

/**
 * Pax Exam configuration that reproduces the distribution inside the test framework: exactly the run bundles of
 * {@code attestor.jar} with their start levels and run properties, plus a free HTTP port on loopback and a fresh
 * data directory. Runs on the driver side (outside the framework).
 */
final class AttestorOptions {

    /** Framework properties the tests set themselves; the distribution's values would clash (port, storage). */
    private static final Set<String> OWN_PROPERTIES = Set.of("org.osgi.service.http.port", "org.apache.felix.http.host",
            "attestor.data.dir", "org.osgi.framework.storage", "org.osgi.framework.storage.clean",
            "org.osgi.framework.startlevel.beginning");

    private static DistributionJar extracted;

    private AttestorOptions() {
    }

    /**
     * @param testName names the data directory
     * @return the options for one framework
     */
    static Option[] distribution(String testName) {
        DistributionJar distribution = extractedDistribution();
        List<Option> options = new ArrayList<>();
        for (DistributionJar.EmbeddedBundle b : distribution.bundles()) {
            options.add(bundle(b.file().toUri().toString()).startLevel(b.startLevel()).start(!b.fragment()));
        }
        for (Map.Entry<String, String> property : distribution.runProperties().entrySet()) {
            if (!OWN_PROPERTIES.contains(property.getKey())) {
                options.add(frameworkProperty(property.getKey()).value(property.getValue()));
            }
        }
        options.add(frameworkStartLevel(Math.max(distribution.beginningStartLevel(), Constants.START_LEVEL_TEST_BUNDLE)));
        options.add(frameworkProperty("org.osgi.service.http.port").value(String.valueOf(freePort())));
        options.add(frameworkProperty("org.apache.felix.http.host").value("127.0.0.1"));
        options.add(frameworkProperty("attestor.data.dir").value(dataDir(testName).toString()));
        options.add(systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"));
        options.add(junitBundles());
        options.add(cleanCaches());
        return options.toArray(Option[]::new);
    }

    /** Extracts once per JVM: every test class provisions the same files. */
    private static synchronized DistributionJar extractedDistribution() {
        if (extracted == null) {
            extracted = DistributionJar.extract(requiredFile("attestor.jar"),
                    Path.of(System.getProperty("it.bundles.dir", "target/it-bundles")).toAbsolutePath());
        }
        return extracted;
    }

    private static Path dataDir(String testName) {
        try {
            Path work = Path.of(System.getProperty("it.work.dir", "target/it-work")).toAbsolutePath();
            Files.createDirectories(work);
            return Files.createTempDirectory(work, testName + "-data-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path requiredFile(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set (run through failsafe)");
        }
        Path path = Path.of(value).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(property + " does not exist: " + path + " (build the distribution first)");
        }
        return path;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
