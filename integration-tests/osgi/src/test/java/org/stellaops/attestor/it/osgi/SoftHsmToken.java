package org.stellaops.attestor.it.osgi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real SoftHSM2 token for the PKCS#11 driver inside the test framework, made on the driver side before the framework
 * starts. SoftHSM scans its token directory once, when the library is first initialised in a JVM, and the native
 * container runs the framework in this JVM: so the token must exist before anything configures the driver.
 * {@code SOFTHSM2_CONF} is set by failsafe for this module.
 */
final class SoftHsmToken {

    static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    private static final String PIN = "246810";
    private static final String SO_PIN = "13579111";

    private SoftHsmToken() {
    }

    /**
     * Makes a fresh token (replacing one an earlier run left with that label) and a PIN file beside the configuration.
     *
     * @param label the token label
     * @return the PIN file (0600)
     */
    static Path create(String label) {
        try {
            Path conf = conf();
            // an earlier run's token with this label would make the label ambiguous
            for (int i = 0; i < 10 && run(conf, "--delete-token", "--token", label) == 0; i++) {
                continue;
            }
            int status = run(conf, "--init-token", "--free", "--label", label, "--pin", PIN, "--so-pin", SO_PIN);
            if (status != 0) {
                throw new IllegalStateException("softhsm2-util --init-token " + label + " exited with " + status);
            }
            Path pinFile = conf.resolveSibling(label + ".pin");
            Files.deleteIfExists(pinFile);
            Files.createFile(pinFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(pinFile, PIN + "\n", StandardCharsets.UTF_8);
            return pinFile;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making token " + label, e);
        }
    }

    private static Path conf() throws IOException {
        String value = System.getenv("SOFTHSM2_CONF");
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("SOFTHSM2_CONF is not set: run the tests through Maven (failsafe sets it)");
        }
        if (!Files.isRegularFile(LIBRARY)) {
            throw new IllegalStateException(LIBRARY + " is missing: install softhsm2 (.ci/run does)");
        }
        Path conf = Path.of(value).toAbsolutePath();
        Path tokens = conf.resolveSibling("tokens");
        Files.createDirectories(tokens);
        String text = "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n"
                + "slots.removable = false\n";
        if (!Files.exists(conf) || !Files.readString(conf).equals(text)) {
            Files.writeString(conf, text, StandardCharsets.UTF_8);
        }
        return conf;
    }

    private static int run(Path conf, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("softhsm2-util");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SOFTHSM2_CONF", conf.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("softhsm2-util " + args[0] + " did not finish: " + output);
        }
        return process.exitValue();
    }
}
