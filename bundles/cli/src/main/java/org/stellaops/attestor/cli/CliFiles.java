package org.stellaops.attestor.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.stellaops.attestor.sdk.json.JsonLimits;

/**
 * Reading input files and writing results either to a file or to standard output ({@code -}).
 */
final class CliFiles {

    /** The {@code --out} value that means standard output. */
    static final String STDOUT = "-";

    /**
     * Limits for envelopes and entry records: they carry whole payloads (up to the service's 4 MiB, more once base64
     * encoded), so the local check stays well above that and leaves size policy to the service.
     */
    static final JsonLimits LARGE_JSON = new JsonLimits(64 * 1024 * 1024, 128);

    private CliFiles() {
    }

    /**
     * @param file the file to read
     * @param what what the file is, for the error message (for example "statement")
     * @return its bytes
     * @throws CliException {@code file.unreadable}, exit code 2
     */
    static byte[] read(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw CliException.usage("file.unreadable", "cannot read the " + what + " file " + file + ": " + reason(e), e);
        }
    }

    /**
     * Writes UTF-8 text, followed by a newline, to a file or to {@code out}.
     *
     * @param target a file path or {@code -}
     * @param text the text, without the final newline
     * @param out standard output
     * @throws CliException {@code file.unwritable}, exit code 2
     */
    static void write(String target, String text, PrintWriter out) {
        writeExactly(target, text + "\n", out);
    }

    /**
     * Writes UTF-8 text exactly as given, without adding a newline, to a file or to {@code out}: for outputs that
     * end each line themselves and may be empty (one JSON record per line).
     *
     * @param target a file path or {@code -}
     * @param text the text
     * @param out standard output
     * @throws CliException {@code file.unwritable}, exit code 2
     */
    static void writeExactly(String target, String text, PrintWriter out) {
        if (STDOUT.equals(target)) {
            out.print(text);
            out.flush();
            return;
        }
        Path file = Path.of(target);
        try {
            Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw CliException.usage("file.unwritable", "cannot write " + file + ": " + reason(e), e);
        }
    }

    private static String reason(IOException e) {
        // NoSuchFileException and friends carry only the path as their message: name the problem instead.
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return String.valueOf(e.getMessage());
    }
}
