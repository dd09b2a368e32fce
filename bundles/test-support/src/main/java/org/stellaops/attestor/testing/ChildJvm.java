package org.stellaops.attestor.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A main class of the test class path run in a child JVM, for tests that kill a writer with SIGKILL: its standard
 * output read line by line as it comes, its standard error kept in a file for failure messages.
 */
public final class ChildJvm {

    /** What {@link #nextLine()} returns once the output has ended. */
    public static final String EOF = "\u0000eof";

    private final Process process;
    private final Path stderr;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ChildJvm(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        Thread pump = new Thread(this::pump, "child-jvm-stdout");
        pump.setDaemon(true);
        pump.start();
    }

    /**
     * @param stderr where the child's standard error goes
     * @param jvmOptions options before the class path, e.g. {@code -da:org.h2...}
     * @param main the class to run
     * @param args its arguments
     * @return the running child
     * @throws IOException if the process cannot be started
     */
    public static ChildJvm start(Path stderr, List<String> jvmOptions, Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(command).redirectError(stderr.toFile()).start(), stderr);
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("io error: " + e);
        } finally {
            lines.add(EOF);
        }
    }

    /**
     * @return the next line of standard output, {@link #EOF} after the last, or null if none came in 60 s
     * @throws InterruptedException if interrupted while waiting
     */
    public String nextLine() throws InterruptedException {
        return lines.poll(60, TimeUnit.SECONDS);
    }

    /** @return the standard error written so far, for failure messages */
    public String stderr() {
        try {
            return Files.exists(stderr) ? Files.readString(stderr) : "";
        } catch (IOException e) {
            return "cannot read child stderr: " + e;
        }
    }

    /**
     * @return whether the child is gone within 60 s of a SIGKILL
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean kill() throws InterruptedException {
        process.destroyForcibly();
        return process.waitFor(60, TimeUnit.SECONDS);
    }
}
