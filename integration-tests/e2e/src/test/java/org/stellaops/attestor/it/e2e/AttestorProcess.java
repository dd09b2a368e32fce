package org.stellaops.attestor.it.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The built {@code attestor.jar} running as a child process on a free loopback port and a data directory of the
 * test's choosing, over HTTPS with the CA and development issuer it generates at first start (or over plain HTTP
 * when a test opts in, see {@link #startPlain}). {@link #start} returns once the process printed its ready line; {@link #stop} sends SIGTERM and
 * requires the process to be gone within {@link TestSettings#STOP_TIMEOUT}. Every failure carries the process
 * output, which is also kept in {@code attestor-<port>.log} beside the data directory.
 */
public final class AttestorProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final String scheme;
    private final Path dataDir;
    private final ProcessOutput output;

    private AttestorProcess(Process process, int port, String scheme, Path dataDir, ProcessOutput output) {
        this.process = process;
        this.port = port;
        this.scheme = scheme;
        this.dataDir = dataDir;
        this.output = output;
    }

    /**
     * Starts a server on a fresh data directory.
     *
     * @return the running server
     */
    public static AttestorProcess startFresh() {
        return start(freshDataDir());
    }

    /**
     * Starts a server on the given data directory and waits for its ready line.
     *
     * @param dataDir the data directory (kept between runs for restart tests)
     * @return the running server
     */
    public static AttestorProcess start(Path dataDir) {
        return start(dataDir, freePort());
    }

    /**
     * Starts a server on the given data directory and port (a log server restarted after an outage must come back
     * where its clients expect it).
     *
     * @param dataDir the data directory
     * @param port the loopback port
     * @return the running server
     */
    public static AttestorProcess start(Path dataDir, int port) {
        return start(dataDir, port, true);
    }

    /**
     * Starts a server that speaks plain HTTP (the explicit development opt-in {@code -Dattestor.tls.enabled=false}).
     *
     * @param dataDir the data directory
     * @param port the loopback port
     * @return the running server
     */
    public static AttestorProcess startPlain(Path dataDir, int port) {
        return start(dataDir, port, false);
    }

    /**
     * Starts an HTTPS server with extra launcher options.
     *
     * @param dataDir the data directory
     * @param port the loopback port
     * @param options {@code -D} options for {@code java}, e.g. {@code -Dattestor.tls.clientAuth=required}
     * @return the running server
     */
    public static AttestorProcess startWith(Path dataDir, int port, String... options) {
        return start(dataDir, port, true, options);
    }

    private static AttestorProcess start(Path dataDir, int port, boolean tls, String... options) {
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-attestor-" + port + "-" + System.nanoTime() + ".log");
        List<String> command = new java.util.ArrayList<>(List.of(TestSettings.javaExecutable(),
                "-Dattestor.http.port=" + port, "-Dattestor.data.dir=" + dataDir, "-Dattestor.tls.enabled=" + tls));
        command.addAll(List.of(options));
        command.addAll(List.of("-jar", TestSettings.attestorJar().toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dataDir.toFile())
                .redirectErrorStream(true);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + builder.command(), e);
        }
        // a test JVM that ends abnormally must not leave servers behind
        Process child = process;
        Runtime.getRuntime().addShutdownHook(new Thread(child::destroyForcibly, "stop attestor " + port));
        String scheme = tls ? "https" : "http";
        String readyLine = "Attestor ready on " + scheme + "://127.0.0.1:" + port;
        ProcessOutput output = ProcessOutput.follow(process, log, readyLine);
        AttestorProcess server = new AttestorProcess(process, port, scheme, dataDir, output);
        server.awaitReady();
        return server;
    }

    private void awaitReady() {
        try {
            output.ready().get(TestSettings.READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            process.destroyForcibly();
            throw failure("no ready line within " + TestSettings.READY_TIMEOUT, e);
        } catch (ExecutionException e) {
            process.destroyForcibly();
            throw failure("the process ended before it was ready (exit " + exitCodeOrNone() + ")", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw failure("interrupted while waiting for the ready line", e);
        }
    }

    /**
     * Kills the process with SIGKILL: no shutdown hooks, no clean close of files. Waits until it is gone.
     */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(TestSettings.STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw failure("still running " + TestSettings.STOP_TIMEOUT + " after SIGKILL", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while waiting for the killed process", e);
        }
        output.awaitEnd();
    }

    /** @return the loopback port */
    public int port() {
        return port;
    }

    /**
     * Writes a configuration file into {@code <dataDir>/conf} (bundle config-files applies it within its poll
     * interval, or at the next start). Written beside and moved, so a poll never sees half a file.
     *
     * @param dataDir the server's data directory
     * @param fileName {@code <pid>.json} or {@code <factoryPid>~<name>.json}
     * @param properties the configuration
     */
    public static void writeConfig(Path dataDir, String fileName, java.util.Map<String, ?> properties) {
        try {
            Path conf = Files.createDirectories(dataDir.resolve("conf"));
            Path tmp = conf.resolve("." + fileName + ".tmp");
            Files.write(tmp, ApiClient.MAPPER.writeValueAsBytes(properties));
            Files.move(tmp, conf.resolve(fileName), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a free loopback port, for servers that must be restarted on the same port */
    public static int freeLoopbackPort() {
        return freePort();
    }

    /** @return a fresh, empty data directory under the work directory */
    public static Path freshDataDir() {
        try {
            Files.createDirectories(TestSettings.workDir());
            return Files.createTempDirectory(TestSettings.workDir(), "data-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return {@code https://127.0.0.1:<port>}, or {@code http://} for a plain server */
    public URI baseUri() {
        return URI.create(scheme + "://127.0.0.1:" + port);
    }

    /** @return the data directory this process runs on */
    public Path dataDir() {
        return dataDir;
    }

    /** @return everything the process printed so far (stdout and stderr) */
    public String output() {
        return output.text();
    }

    /**
     * Sends SIGTERM and requires the process to exit within the bound.
     *
     * @return the exit code
     */
    public int stop() {
        if (!process.isAlive()) {
            return process.exitValue();
        }
        process.destroy();
        try {
            if (!process.waitFor(TestSettings.STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw failure("still running " + TestSettings.STOP_TIMEOUT + " after SIGTERM", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw failure("interrupted while waiting for the process to exit", e);
        }
        output.awaitEnd();
        return process.exitValue();
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * An assertion failure that shows what the server printed.
     *
     * @param message what went wrong
     * @param cause the underlying exception, or null
     * @return the error to throw
     */
    public AssertionError failure(String message, Throwable cause) {
        String text = "attestor.jar on port " + port + ": " + message + "\n----- process output -----\n"
                + output.text() + "----- end of process output -----";
        System.err.println(text);
        return new AssertionError(text, cause);
    }

    private String exitCodeOrNone() {
        return process.isAlive() ? "none" : String.valueOf(process.exitValue());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** Copies the child's output to a log file and a buffer, and signals the ready line. */
    private static final class ProcessOutput {
        private final StringBuffer text = new StringBuffer();
        private final CompletableFuture<Void> ready = new CompletableFuture<>();
        private final CompletableFuture<Void> ended = new CompletableFuture<>();

        static ProcessOutput follow(Process process, Path log, String readyLine) {
            ProcessOutput output = new ProcessOutput();
            Thread reader = new Thread(() -> output.pump(process, log, readyLine), "attestor-output-" + log.getFileName());
            reader.setDaemon(true);
            reader.start();
            return output;
        }

        private void pump(Process process, Path log, String readyLine) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
                 var file = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    text.append(line).append('\n');
                    file.write(line);
                    file.newLine();
                    file.flush();
                    if (line.trim().equals(readyLine)) {
                        ready.complete(null);
                    }
                }
                ready.completeExceptionally(new IllegalStateException("end of output without \"" + readyLine + "\""));
            } catch (IOException e) {
                ready.completeExceptionally(e);
            } finally {
                ended.complete(null);
            }
        }

        CompletableFuture<Void> ready() {
            return ready;
        }

        void awaitEnd() {
            try {
                ended.get(TestSettings.STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // the process is gone; a reader that has not seen EOF yet only means some output may be missing
                text.append("[output reader did not finish: ").append(e).append("]\n");
            }
        }

        String text() {
            return text.toString();
        }
    }
}
