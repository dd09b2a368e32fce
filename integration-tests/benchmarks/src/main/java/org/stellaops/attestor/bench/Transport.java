package org.stellaops.attestor.bench;

import java.io.IOException;
import java.time.Duration;

/**
 * How one load client thread sends its requests: a JSON {@code POST} with the access token, answered by a status and
 * a body. A transport belongs to one thread and is closed when that thread's loop ends.
 */
interface Transport extends AutoCloseable {

    /**
     * An answer.
     *
     * @param status the HTTP status
     * @param body the whole body (empty when there is none)
     */
    record Answer(int status, byte[] body) {
    }

    /**
     * Sends {@code POST path} with a JSON body, {@code Accept: application/json} and the access token, and waits for
     * the whole answer.
     *
     * @param path an absolute path on the server, e.g. {@code /api/v1/rekor/entries}
     * @param body the JSON body
     * @return the answer, whatever its status
     * @throws IOException if the request cannot be sent or the answer cannot be read, including a timeout
     *         ({@link java.net.http.HttpTimeoutException})
     * @throws InterruptedException if the thread is interrupted
     */
    Answer post(String path, byte[] body) throws IOException, InterruptedException;

    /**
     * Releases what this transport holds of its own (a connection); a shared client stays open.
     *
     * @throws IOException if a connection cannot be closed cleanly
     */
    @Override
    void close() throws IOException;

    /**
     * @param client which client
     * @param server the base URL, TLS context, token and shared JDK client
     * @param requestTimeout the longest one request may take until its answer is read
     * @return a new transport for one client thread; a blocking one connects on its first request
     */
    static Transport open(LoadClient client, ServerAccess server, Duration requestTimeout) {
        return switch (client) {
            case BLOCKING -> KeepAliveConnection.to(server, requestTimeout);
            case JDK -> new JdkTransport(server, requestTimeout);
        };
    }
}
