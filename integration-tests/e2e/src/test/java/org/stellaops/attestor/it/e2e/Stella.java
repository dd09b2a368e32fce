package org.stellaops.attestor.it.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code java -jar stella.jar …} as a child process with a bound, keeping its output in files. */
final class Stella {

    private Stella() {
    }

    /**
     * @param workDir where stdout/stderr files go (and the working directory of the process)
     * @param args the arguments after {@code stella}
     * @return exit code and output
     */
    static Result run(Path workDir, String... args) {
        List<String> command = new ArrayList<>(List.of(TestSettings.javaExecutable(), "-jar",
                TestSettings.stellaJar().toString()));
        command.addAll(List.of(args));
        try {
            Path stdout = Files.createTempFile(workDir, "stella-", ".out");
            Path stderr = Files.createTempFile(workDir, "stella-", ".err");
            Process process = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            if (!process.waitFor(TestSettings.CLI_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("stella did not finish within " + TestSettings.CLI_TIMEOUT + ": " + command);
            }
            return new Result(command, process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    /**
     * One finished run.
     *
     * @param command what ran
     * @param exitCode its exit code
     * @param stdout standard output
     * @param stderr standard error
     */
    record Result(List<String> command, int exitCode, String stdout, String stderr) {
        String describe() {
            return String.join(" ", command) + "\n-> exit " + exitCode + "\n--- stdout ---\n" + stdout
                    + "--- stderr ---\n" + stderr;
        }
    }
}
