package org.stellaops.attestor.sdk.http;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * Request bodies on the server side. A server that answers without reading the whole body leaves bytes on the
 * connection; the container then closes it after the answer has gone out, without {@code Connection: close}, and a
 * client that pooled the connection sends its next request into a closed socket ("header parser received no
 * bytes"). Reading a bounded remainder first keeps the connection usable; when even that bound does not reach the
 * end, the caller says {@code Connection: close} so that no client reuses it. A much larger body is thus cut off
 * rather than read: reading it would be the work the refusal declines to do.
 * <p>
 * Closing a connection whose client is still sending makes the server's TCP stack answer the unread bytes with a
 * reset, and a reset may erase the answer from the client's buffers before the client reads it (RFC 9112,
 * section 9.6): the client sees "header parser received no bytes" instead of its 4xx. So a server that says
 * {@code Connection: close} first sends its answer and then {@linkplain #linger lingers}: it keeps reading and
 * dropping for a bounded time, as nginx's {@code lingering_close} and httpd's lingering close do, until the client
 * has sent its body (or hung up) and the close is clean.
 */
public final class RequestBodies {

    /** How many bytes of a body the server left unread may be read and dropped to keep its connection usable. */
    public static final long DRAIN_LIMIT = 1L << 20;

    /** How long a closing connection is read and dropped after its answer went out, at most. */
    public static final Duration LINGER_TIME = Duration.ofSeconds(2);

    /** How many bytes a closing connection may have read and dropped after its answer went out, at most. */
    public static final long LINGER_LIMIT = 64L << 20;

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

    /**
     * Reads and drops the rest of a body after the answer has been sent (flushed) on a connection that closes, for at
     * most {@link #LINGER_TIME} and {@link #LINGER_LIMIT} bytes, so that the close reaches a client still sending as
     * an orderly end of stream after the answer rather than as a reset.
     *
     * @param in the body
     * @return true if the body ended or the client hung up, false if a bound cut the lingering short
     */
    public static boolean linger(InputStream in) {
        return linger(in, LINGER_LIMIT, LINGER_TIME);
    }

    /**
     * As {@link #linger(InputStream)}, with explicit bounds. The time is checked between reads; one read waits at
     * most the container's idle timeout.
     *
     * @param in the body
     * @param atMost how many bytes to read at most (and a buffer more)
     * @param time how long to keep reading at most
     * @return true if the body ended or the client hung up, false if a bound cut the lingering short
     */
    public static boolean linger(InputStream in, long atMost, Duration time) {
        long deadline = System.nanoTime() + time.toNanos();
        byte[] sink = new byte[16384];
        long dropped = 0;
        try {
            for (int n = in.read(sink); n >= 0; n = in.read(sink)) {
                dropped += n;
                if (dropped > atMost || System.nanoTime() - deadline > 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException hungUp) {
            // The answer is out and the connection closes either way: a client that resets it mid-body has stopped
            // sending, which is all lingering waits for.
            return true;
        }
    }
}
