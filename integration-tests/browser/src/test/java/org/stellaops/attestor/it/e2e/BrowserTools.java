package org.stellaops.attestor.it.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the browser tests need besides the server: Node.js 20+, Debian's Chromium and the browser scripts'
 * {@code node_modules} (playwright-core, pinned by {@code src/test/browser/package-lock.json}). A missing tool fails
 * the test, never skips it: a skipped browser test would let a broken page pass CI. {@code node_modules} is
 * installed here, with {@code npm ci}, when it is absent.
 */
final class BrowserTools {

    /** What to do when a tool is missing. */
    static final String HOW_TO_FIX = "run .ci/run (it installs Debian's chromium when /usr/bin/chromium is missing), "
            + "or apt-get install chromium; Node.js 20+ with npm must be on the PATH (the machine image has them)";
    /** {@code npm ci} from the registry. */
    static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);
    /** One run of a browser script, every ceremony included. */
    static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(5);
    /** The marker of the script's result line. */
    static final String RESULT = "CEREMONY_RESULT ";

    private BrowserTools() {
    }

    /** @return the browser scripts' directory, with node_modules installed; fails when a tool is missing */
    static Path prepare() {
        Path dir = Path.of(System.getProperty("browser.dir", "src/test/browser")).toAbsolutePath();
        if (!Files.isRegularFile(dir.resolve("package-lock.json"))) {
            fail("no browser scripts at " + dir + " (system property browser.dir)");
        }
        Path chromium = chromium();
        if (!Files.isExecutable(chromium)) {
            fail("Chromium is missing: " + chromium + " is not an executable file; " + HOW_TO_FIX);
        }
        requireNode(dir);
        if (!Files.isRegularFile(dir.resolve("node_modules/playwright-core/package.json"))) {
            Run npm = run(dir, List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), NPM_TIMEOUT,
                    "npm-ci");
            if (npm.exit() != 0) {
                fail("npm ci in " + dir + " failed (exit " + npm.exit() + "); " + HOW_TO_FIX + "\n" + npm.output());
            }
        }
        return dir;
    }

    /** @return Debian's Chromium, or the one system property {@code browser.chromium} names */
    static Path chromium() {
        return Path.of(System.getProperty("browser.chromium", "/usr/bin/chromium"));
    }

    private static void requireNode(Path dir) {
        Run version;
        try {
            version = run(dir, List.of("node", "--version"), Map.of(), Duration.ofSeconds(30), "node-version");
        } catch (UncheckedIOException e) {
            throw new AssertionError("Node.js is missing (no node on the PATH); " + HOW_TO_FIX, e);
        }
        String text = version.stdout().trim();
        if (version.exit() != 0 || !text.matches("v\\d+\\..*") || Integer.parseInt(text.substring(1,
                text.indexOf('.'))) < 20) {
            fail("Node.js 20 or later is needed, node --version says '" + text + "'; " + HOW_TO_FIX);
        }
    }

    /**
     * Runs a browser script and returns its result line.
     *
     * @param dir the scripts' directory
     * @param script the script's file name
     * @param environment its settings
     * @return the JSON after {@link #RESULT}
     */
    static JsonNode runScript(Path dir, String script, Map<String, String> environment) {
        Run run = run(dir, List.of("node", script), environment, SCRIPT_TIMEOUT, script);
        String line = run.stdout().lines().filter(l -> l.startsWith(RESULT)).findFirst().orElse(null);
        if (run.exit() != 0 || line == null) {
            fail(script + " failed (exit " + run.exit() + "; screenshots in " + environment.get("WORK_DIR")
                    + ")\n" + run.output());
        }
        System.err.println(run.stderr());
        return Attestations.tree(line.substring(RESULT.length()).getBytes(StandardCharsets.UTF_8));
    }

    /** One finished process: exit code (-1 when it was killed at its bound) and what it printed. */
    record Run(int exit, String stdout, String stderr) {
        String output() {
            return "----- stdout -----\n" + stdout + "----- stderr -----\n" + stderr + "----- end -----";
        }
    }

    /** Runs a command in {@code dir}, its output in files (no pipe to fill up), killed when it outlives the bound. */
    static Run run(Path dir, List<String> command, Map<String, String> environment, Duration bound, String name) {
        try {
            Path logs = Files.createDirectories(TestSettings.workDir());
            Path out = Files.createTempFile(logs, name + "-", ".out");
            Path err = Files.createTempFile(logs, name + "-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            int exit;
            if (process.waitFor(bound.toSeconds(), TimeUnit.SECONDS)) {
                exit = process.exitValue();
            } else {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
                exit = -1;
                Files.writeString(err, "\n[killed: still running after " + bound + "]\n",
                        java.nio.file.StandardOpenOption.APPEND);
            }
            return new Run(exit, Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command + " in " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }
}
