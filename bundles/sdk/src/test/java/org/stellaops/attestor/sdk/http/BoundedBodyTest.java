package org.stellaops.attestor.sdk.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bodies of a real loopback server, read under a limit. */
class BoundedBodyTest {

    private HttpServer server;
    private HttpRequest request;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = new byte[1000];
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/")).build();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void readsABodyWithinTheLimit() throws Exception {
        byte[] body = HttpClient.newHttpClient().send(request, BoundedBody.handler(1000)).body();
        assertArrayEquals(new byte[1000], body);
    }

    @Test
    void failsABodyOverTheLimit() {
        IOException e = assertThrows(IOException.class,
                () -> HttpClient.newHttpClient().send(request, BoundedBody.handler(999)));
        assertTrue(String.valueOf(e.getMessage()).contains("exceeds 999 bytes"), String.valueOf(e));
    }
}
