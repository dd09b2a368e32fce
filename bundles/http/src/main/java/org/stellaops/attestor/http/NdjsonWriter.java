package org.stellaops.attestor.http;

import java.io.IOException;
import java.io.OutputStream;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes one JSON document per line and flushes after each, so a client reads every result as soon as it is
 * written instead of waiting for the whole answer.
 */
final class NdjsonWriter implements AutoCloseable {

    /** The media type of requests and answers in this form. */
    static final String CONTENT_TYPE = "application/x-ndjson";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OutputStream out;

    NdjsonWriter(OutputStream out) {
        this.out = out;
    }

    /** Writes {@code value} as one line (JSON has no raw line break, so a line is always one document). */
    void line(Object value) throws IOException {
        out.write(JSON.writeValueAsBytes(value));
        out.write('\n');
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
