package org.stellaops.attestor.keys.pkcs11;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.stellaops.attestor.testing.Osgi;

/**
 * Real SoftHSM2 tokens for the tests. SoftHSM reads {@code SOFTHSM2_CONF} (set by surefire for this module) and
 * scans its token directory once, when the library is first initialised in a JVM: a test class therefore makes every
 * token it needs (distinct labels per class) in {@code @BeforeAll}, before anything configures the provider.
 */
final class SoftHsm {

    static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    static final String PIN = "1234";
    static final String SO_PIN = "5678";
    /** Set by surefire to {@link #PIN}. */
    static final String PIN_ENV = "ATTESTOR_TEST_PKCS11_PIN";

    private SoftHsm() {
    }

    /** @return the SoftHSM configuration file of this JVM, written (with its token directory) if missing */
    static Path conf() throws IOException {
        String value = System.getenv("SOFTHSM2_CONF");
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("SOFTHSM2_CONF is not set: run the tests through Maven (surefire sets "
                    + "it to target/softhsm/softhsm2.conf)");
        }
        Path conf = Path.of(value).toAbsolutePath();
        Path tokens = conf.resolveSibling("tokens");
        Files.createDirectories(tokens);
        String text = "directories.tokendir = " + tokens + "\n"
                + "objectstore.backend = file\n"
                + "log.level = ERROR\n"
                + "slots.removable = false\n";
        if (!Files.exists(conf) || !Files.readString(conf).equals(text)) {
            Files.writeString(conf, text, StandardCharsets.UTF_8);
        }
        return conf;
    }

    /** Makes a fresh token with the label (removing tokens left with that label by an earlier run). */
    static void createToken(String label) throws IOException, InterruptedException {
        conf();
        // an earlier run of the same class left its token: a second token with that label would be ambiguous
        for (int i = 0; i < 10 && run("--delete-token", "--token", label) == 0; i++) {
            continue;
        }
        int status = run("--init-token", "--free", "--label", label, "--pin", PIN, "--so-pin", SO_PIN);
        if (status != 0) {
            throw new IllegalStateException("softhsm2-util --init-token " + label + " exited with " + status);
        }
    }

    /** Deletes the token with the label, as an operator would while the driver runs. */
    static void deleteToken(String label) throws IOException, InterruptedException {
        int status = run("--delete-token", "--token", label);
        if (status != 0) {
            throw new IllegalStateException("softhsm2-util --delete-token " + label + " exited with " + status);
        }
    }

    static int run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("softhsm2-util");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SOFTHSM2_CONF", conf().toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("softhsm2-util " + args[0] + " did not finish: " + output);
        }
        return process.exitValue();
    }

    /**
     * @param overrides configuration values over the defaults
     * @return the component configuration, with the PIN from the environment unless overridden
     */
    static Pkcs11KeyDriverConfig config(Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>();
        values.put("pinEnv", PIN_ENV);
        values.putAll(overrides);
        return Osgi.config(Pkcs11KeyDriverConfig.class, values);
    }

    /** @return a driver on the labelled token, PIN from the environment, default timeout and pool */
    static Pkcs11KeyDriver driver(String label) {
        return driver(Map.of("tokenLabel", label));
    }

    static Pkcs11KeyDriver driver(Map<String, Object> overrides) {
        return new Pkcs11KeyDriver(config(overrides), Map.copyOf(overrides));
    }
}
