package org.stellaops.attestor.sdk.http;

import java.io.IOException;
import java.io.InputStream;

/**
 * Request bodies on the server side. A server that answers without reading the whole body leaves bytes on the
 * connection; the container then closes it after the answer has gone out, without {@code Connection: close}, and a
 * client that pooled the connection sends its next request into a closed socket ("header parser received no
 * bytes"). Reading a bounded remainder first keeps the connection usable; when even that bound does not reach the
 * end, the caller says {@code Connection: close} so that no client reuses it. A much larger body is thus cut off
 * rather than read: reading it would be the work the refusal declines to do.
 */
public final class RequestBodies {

    /** How many bytes of a body the server left unread may be read and dropped to keep its connection usable. */
    public static final long DRAIN_LIMIT = 1L << 20;

    private RequestBodies() {
    }

    /**
     * Reads and drops what is left of a body, up to {@code atMost} bytes (and a buffer more).
     *
     * @param in the body
     * @param atMost how many bytes to read at most; callers bound it, usually by {@link #DRAIN_LIMIT}
     * @return true if the end of the body was reached, so that the connection can carry another request; false if
     *         the caller must answer with {@code Connection: close}
     * @throws IOException if reading fails
     */
    public static boolean drain(InputStream in, long atMost) throws IOException {
        byte[] sink = new byte[8192];
        long drained = 0;
        while (drained <= atMost) {
            int n = in.read(sink);
            if (n < 0) {
                return true;
            }
            drained += n;
        }
        return false;
    }

    /**
     * Drains a body whose declared length is known before reading, without starting on one declared larger than
     * {@link #DRAIN_LIMIT}.
     *
     * @param in the body
     * @param declaredLength the Content-Length, or -1 when the body is chunked
     * @return as {@link #drain(InputStream, long)}
     * @throws IOException if reading fails
     */
    public static boolean drainDeclared(InputStream in, long declaredLength) throws IOException {
        return declaredLength <= DRAIN_LIMIT && drain(in, DRAIN_LIMIT);
    }
}
