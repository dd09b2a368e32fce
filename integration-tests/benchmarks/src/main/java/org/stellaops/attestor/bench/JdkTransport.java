package org.stellaops.attestor.bench;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The load requests through the JDK's {@code HttpClient} that {@link ServerAccess} shares between all threads: the
 * way the driver sent every request before {@code --client} existed, kept to compare the two.
 */
final class JdkTransport implements Transport {

    private final ServerAccess server;
    private final Duration requestTimeout;

    /**
     * @param server the shared client, base URL and token
     * @param requestTimeout the timeout of each request (the JDK client's: until the answer's headers arrive)
     */
    JdkTransport(ServerAccess server, Duration requestTimeout) {
        this.server = server;
        this.requestTimeout = requestTimeout;
    }

    @Override
    public Answer post(String path, byte[] body) throws IOException, InterruptedException {
        HttpRequest request = server.request(path, requestTimeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<byte[]> response = server.client().send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), response.body());
    }

    /** Nothing to release: the client and its connection pool are shared with every other thread. */
    @Override
    public void close() {
    }
}
