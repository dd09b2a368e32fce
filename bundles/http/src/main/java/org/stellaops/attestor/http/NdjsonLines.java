package org.stellaops.attestor.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.stellaops.attestor.sdk.AttestorException;

/**
 * Splits an NDJSON body into its lines, each kept byte for byte. A line ends at LF; a CR right before it is part of
 * the terminator (CRLF). Lines that hold only whitespace are skipped (they are not items); the last line needs no
 * terminator. A line longer than the per-item limit is not kept, only reported, so it fails on its own; a body
 * longer than the batch limit fails as a whole.
 */
final class NdjsonLines {

    private static final int CHUNK = 64 * 1024;

    private final int maxLineBytes;
    private final List<Line> lines = new ArrayList<>();
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private int lineNumber = 1;
    private long lineLength;
    private boolean blank = true;

    private NdjsonLines(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * One non-blank line.
     *
     * @param number its line number in the body, from 1 (blank lines counted)
     * @param bytes its bytes without the terminator, or null if it was longer than the per-item limit
     * @param length its length in bytes without the terminator
     */
    record Line(int number, byte[] bytes, long length) {

        boolean tooLarge() {
            return bytes == null;
        }
    }

    /**
     * @param in the body
     * @param maxBodyBytes the batch limit (the whole body)
     * @param maxLineBytes the item limit (one line, without its terminator)
     * @return the non-blank lines in order
     * @throws AttestorException {@code request.too_large} if the body exceeds {@code maxBodyBytes}
     * @throws IOException if the body cannot be read
     */
    static List<Line> read(InputStream in, long maxBodyBytes, int maxLineBytes) throws IOException {
        NdjsonLines reader = new NdjsonLines(maxLineBytes);
        byte[] buffer = new byte[CHUNK];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > maxBodyBytes) {
                throw new AttestorException("request.too_large", "the request body exceeds " + maxBodyBytes
                        + " bytes");
            }
            reader.accept(buffer, n);
        }
        reader.endLine();
        return reader.lines;
    }

    private void accept(byte[] buffer, int length) {
        int from = 0;
        for (int i = 0; i < length; i++) {
            byte b = buffer[i];
            if (b == '\n') {
                keep(buffer, from, i);
                endLine();
                lineNumber++;
                from = i + 1;
            } else if (blank && !JsonItems.isWhitespace(b)) {
                blank = false;
            }
        }
        keep(buffer, from, length);
    }

    /** Keeps a piece of the current line while it may still fit (one byte over the limit: a CR may follow). */
    private void keep(byte[] buffer, int from, int to) {
        int count = to - from;
        lineLength += count;
        if (lineLength <= (long) maxLineBytes + 1) {
            current.write(buffer, from, count);
        }
    }

    private void endLine() {
        boolean kept = lineLength <= (long) maxLineBytes + 1;
        byte[] bytes = kept ? current.toByteArray() : null;
        long length = lineLength;
        if (kept && bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
            length--;
            bytes = Arrays.copyOf(bytes, bytes.length - 1);
        }
        if (!blank) {
            lines.add(new Line(lineNumber, length > maxLineBytes ? null : bytes, length));
        }
        current.reset();
        lineLength = 0;
        blank = true;
    }
}
