package org.stellaops.attestor.sdk.http;

import java.io.IOException;
import java.io.InputStream;

/**
 * Request bodies on the server side. Answering an error while the client still writes makes the container close a
 * socket holding unread bytes, which resets the connection before the client can read the answer; dropping a
 * bounded remainder first lets a modestly oversized request see its error, while a much larger one is still cut off
 * rather than read.
 */
public final class RequestBodies {

    /** How much more than its limit a refused body may be read and dropped so that its client sees the answer. */
    public static final long DRAIN_LIMIT = 1L << 20;

    private RequestBodies() {
    }

    /**
     * Reads and drops what is left of a refused body, up to {@code atMost} bytes (and a buffer more).
     *
     * @param in the body
     * @param atMost how many bytes to read at most; callers bound it, usually by {@link #DRAIN_LIMIT}
     * @throws IOException if reading fails
     */
    public static void discard(InputStream in, long atMost) throws IOException {
        byte[] sink = new byte[8192];
        long drained = 0;
        int n;
        while (drained < atMost && (n = in.read(sink)) > 0) {
            drained += n;
        }
    }
}
