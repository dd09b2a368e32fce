package org.stellaops.attestor.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The load driver's blocking keep-alive connection over plain HTTP: against the JDK's {@link HttpServer} for what a
 * real server does (keep-alive, chunked and fixed-length answers, {@code Connection: close}), and against a server
 * that writes scripted bytes for what a real server rarely does (an answer framed by the end of the connection,
 * interim answers, malformed or oversized answers, silence). HTTPS is in {@link HttpsClientTest}.
 */
class KeepAliveConnectionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final byte[] REQUEST = "{\"n\":1}".getBytes(StandardCharsets.US_ASCII);

    /**
     * One request as the JDK server saw it.
     *
     * @param port the client's port, i.e. which connection carried it
     * @param method the method
     * @param path the path
     * @param headers the headers this test looks at, lower-case name = value
     * @param body the body
     */
    record Seen(int port, String method, String path, List<String> headers, String body) {
    }

    private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    private HttpServer server;
    private ExecutorService executor;
    private ScriptedServer scripted;
    private KeepAliveConnection connection;

    @AfterEach
    void stop() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            executor.awaitTermination(10, TimeUnit.SECONDS);
        }
        if (scripted != null) {
            scripted.close();
        }
    }

    @Test
    void sendsEveryRequestOfAClientOverOneConnectionWithTheTokenAndJsonHeaders() throws Exception {
        startServer();
        connection = connect(base(), "Bearer abc.def");
        for (int i = 0; i < 5; i++) {
            Transport.Answer answer = connection.post("/echo", ("{\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8));
            assertEquals(200, answer.status());
            assertEquals("{\"i\":" + i + "}", new String(answer.body(), StandardCharsets.UTF_8));
        }
        assertEquals(1, ports().size(), "one TCP connection: " + seen);
        assertEquals(1, connection.connectionsOpened());
        Seen first = seen.get(0);
        assertEquals("POST", first.method());
        assertEquals("/echo", first.path());
        assertEquals(List.of("host=127.0.0.1:" + server.getAddress().getPort(), "authorization=Bearer abc.def",
                "content-type=application/json", "accept=application/json", "content-length=7"), first.headers());
    }

    @Test
    void sendsNoAuthorizationHeaderWithoutAToken() throws Exception {
        startServer();
        connection = connect(base(), null);
        assertEquals(200, connection.post("/echo", REQUEST).status());
        assertFalse(seen.get(0).headers().stream().anyMatch(h -> h.startsWith("authorization=")), seen.toString());
    }

    @Test
    void readsChunkedAnswersAndKeepsTheConnectionForTheNextRequest() throws Exception {
        startServer();
        connection = connect(base(), null);
        for (int i = 0; i < 3; i++) {
            Transport.Answer answer = connection.post("/chunked", REQUEST);
            assertEquals(200, answer.status());
            assertArrayEquals(chunkedBody(), answer.body());
        }
        assertEquals(1, ports().size(), seen.toString());
        assertEquals(1, connection.connectionsOpened());
    }

    @Test
    void readsContentLengthAnswersLargerThanItsBuffer() throws Exception {
        startServer();
        connection = connect(base(), null);
        for (int i = 0; i < 2; i++) {
            Transport.Answer answer = connection.post("/big", REQUEST);
            assertEquals(201, answer.status());
            assertArrayEquals(bigBody(), answer.body());
        }
        assertEquals(1, connection.connectionsOpened());
    }

    @Test
    void aNoContentAnswerHasNoBodyAndLeavesTheConnectionReadyForTheNextRequest() throws Exception {
        startServer();
        connection = connect(base(), null);
        Transport.Answer none = connection.post("/nothing", REQUEST);
        assertEquals(204, none.status());
        assertEquals(0, none.body().length);
        assertEquals(200, connection.post("/echo", REQUEST).status());
        assertEquals(1, ports().size(), seen.toString());
    }

    @Test
    void reconnectsAfterAnAnswerThatSaysConnectionClose() throws Exception {
        startServer();
        connection = connect(base(), null);
        assertEquals(200, connection.post("/close", REQUEST).status());
        assertFalse(connection.isOpen(), "closed as the server said");
        assertEquals(200, connection.post("/echo", REQUEST).status());
        assertEquals(200, connection.post("/echo", REQUEST).status());
        assertTrue(connection.isOpen());
        assertEquals(2, ports().size(), seen.toString());
        assertEquals(2, connection.connectionsOpened());
    }

    @Test
    void aConnectionTheServerClosedBetweenRequestsFailsThatRequestOnlyAndTheNextOneReconnects() throws Exception {
        // Answers one request per connection, announcing nothing, then closes.
        scripted = new ScriptedServer((in, out) -> {
            readRequest(in);
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"));
        });
        connection = connect(scripted.base(), null);
        assertEquals(200, connection.post("/a", REQUEST).status());
        assertTrue(connection.isOpen(), "nothing said the connection would end");
        assertThrows(IOException.class, () -> connection.post("/a", REQUEST), "a POST is never sent twice");
        assertFalse(connection.isOpen());
        assertEquals(200, connection.post("/a", REQUEST).status());
        assertEquals(2, connection.connectionsOpened());
        assertEquals(2, scripted.accepted());
    }

    @Test
    void readsTheBodyUntilTheServerClosesWhenTheAnswerHasNeitherLengthNorChunks() throws Exception {
        scripted = new ScriptedServer((in, out) -> {
            readRequest(in);
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"until\":\"close\"}"));
        });
        connection = connect(scripted.base(), null);
        for (int i = 0; i < 2; i++) {
            Transport.Answer answer = connection.post("/a", REQUEST);
            assertEquals("{\"until\":\"close\"}", new String(answer.body(), StandardCharsets.US_ASCII));
            assertFalse(connection.isOpen());
        }
        assertEquals(2, connection.connectionsOpened());
    }

    @Test
    void readsFramingHeaderFieldsWhateverTheirCaseAndDropsTheChunksExtensionsAndTrailer() throws Exception {
        scripted = new ScriptedServer((in, out) -> {
            readRequest(in);
            out.write(ascii("HTTP/1.1 200 OK\r\nTRANSFER-ENCODING: Chunked\r\nconnection: Keep-Alive,\r\n CLOSE\r\n"
                    + "\r\n5;name=value\r\nhello\r\n6\r\n world\r\n0\r\nChecksum: x\r\n\r\n"));
        });
        connection = connect(scripted.base(), null);
        Transport.Answer answer = connection.post("/a", REQUEST);
        assertEquals("hello world", new String(answer.body(), StandardCharsets.US_ASCII));
        assertFalse(connection.isOpen(), "the folded Connection field said close");
    }

    @Test
    void skipsInterimAnswersAndReturnsTheFinalOne() throws Exception {
        scripted = new ScriptedServer((in, out) -> {
            readRequest(in);
            out.write(ascii("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
                    + "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}"));
            readRequest(in);
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
        });
        connection = connect(scripted.base(), null);
        Transport.Answer answer = connection.post("/a", REQUEST);
        assertEquals(201, answer.status());
        assertEquals("{}", new String(answer.body(), StandardCharsets.US_ASCII));
        assertEquals(200, connection.post("/a", REQUEST).status());
        assertEquals(1, connection.connectionsOpened());
    }

    @Test
    void anHttp10AnswerEndsTheConnectionUnlessItSaysKeepAlive() throws Exception {
        scripted = new ScriptedServer((in, out) -> {
            readRequest(in);
            out.write(ascii("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\n{}"));
            readRequest(in);
            out.write(ascii("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\n{}"));
        });
        connection = connect(scripted.base(), null);
        assertEquals(200, connection.post("/a", REQUEST).status());
        assertTrue(connection.isOpen());
        assertEquals(200, connection.post("/a", REQUEST).status());
        assertFalse(connection.isOpen());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "HTTP/2 200 OK\r\nContent-Length: 2\r\n\r\n{}",
        "HTTP/1.1 20 OK\r\nContent-Length: 2\r\n\r\n{}",
        "HTTP/1.1 200 OK\r\nContent-Length : 2\r\n\r\n{}",
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
        "HTTP/1.1 200 OK\r\nContent-Length: -2\r\n\r\n{}",
        "HTTP/1.1 200 OK\r\nContent-Length: 67108865\r\n\r\n{}",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4000001\r\n{}\r\n0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n{}\r\n0\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n",
        "HTTP/1.1 200 OK\r\n continued\r\nContent-Length: 2\r\n\r\n{}"})
    void refusesAMalformedAnswerWithAProtocolExceptionAndDropsTheConnection(String answer) throws Exception {
        scripted = new ScriptedServer((in, out) -> {
            readRequest(in);
            out.write(ascii(answer));
            in.read();
        });
        connection = connect(scripted.base(), null);
        assertThrows(ProtocolException.class, () -> connection.post("/a", REQUEST), answer);
        assertFalse(connection.isOpen());
    }

    @Test
    void refusesAnAnswerHeadLongerThan64KiB() throws Exception {
        String header = "X-Filler: " + "f".repeat(KeepAliveConnection.MAX_HEAD_BYTES) + "\r\n";
        scripted = new ScriptedServer((in, out) -> {
            readRequest(in);
            out.write(ascii("HTTP/1.1 200 OK\r\n" + header + "Content-Length: 2\r\n\r\n{}"));
        });
        connection = connect(scripted.base(), null);
        ProtocolException e = assertThrows(ProtocolException.class, () -> connection.post("/a", REQUEST));
        assertTrue(e.getMessage().contains("longer than 65536 bytes"), e.getMessage());
        assertFalse(connection.isOpen());
    }

    @Test
    void acceptsAnAnswerHeadJustUnder64KiBSpreadOverManyReads() throws Exception {
        StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n");
        while (head.length() < KeepAliveConnection.MAX_HEAD_BYTES - 200) {
            head.append("X-Filler: ").append("f".repeat(90)).append("\r\n");
        }
        String answer = head.append("\r\n{}").toString();
        scripted = new ScriptedServer((in, out) -> {
            readRequest(in);
            out.write(ascii(answer));
        });
        connection = connect(scripted.base(), null);
        assertEquals("{}", new String(connection.post("/a", REQUEST).body(), StandardCharsets.US_ASCII));
    }

    @Test
    void anAnswerCutShortIsAnEofAndTheNextRequestReconnects() throws Exception {
        scripted = new ScriptedServer((in, out) -> {
            readRequest(in);
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{\"a\""));
        });
        connection = connect(scripted.base(), null);
        EOFException e = assertThrows(EOFException.class, () -> connection.post("/a", REQUEST));
        assertTrue(e.getMessage().contains("after 4 of the 10 bytes"), e.getMessage());
        assertFalse(connection.isOpen());
        assertThrows(EOFException.class, () -> connection.post("/a", REQUEST));
        assertEquals(2, scripted.accepted());
    }

    @Test
    void aServerThatNeverAnswersTimesOutAfterTheRequestTimeout() throws Exception {
        scripted = new ScriptedServer((in, out) -> {
            readRequest(in);
            in.read(); // until the client gives up and closes
        });
        connection = new KeepAliveConnection(scripted.base(), null, null, TIMEOUT, Duration.ofMillis(300));
        long t0 = System.nanoTime();
        HttpTimeoutException e = assertThrows(HttpTimeoutException.class, () -> connection.post("/a", REQUEST));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(millis >= 250 && millis < 5000, millis + " ms");
        assertTrue(e.getMessage().contains("300 ms"), e.getMessage());
        assertFalse(connection.isOpen());
    }

    @Test
    void aServerThatTricklesItsAnswerStillTimesOutAfterTheRequestTimeout() throws Exception {
        scripted = new ScriptedServer((in, out) -> {
            readRequest(in);
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"));
            for (int i = 0; i < 100; i++) {
                out.write('x');
                out.flush();
                sleep(50);
            }
        });
        connection = new KeepAliveConnection(scripted.base(), null, null, TIMEOUT, Duration.ofMillis(400));
        long t0 = System.nanoTime();
        assertThrows(HttpTimeoutException.class, () -> connection.post("/a", REQUEST));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(millis < 2000, "one deadline for the whole request, not one per read: " + millis + " ms");
    }

    @Test
    void closingTheConnectionEndsItForTheServer() throws Exception {
        AtomicInteger afterAnswer = new AtomicInteger(-2);
        scripted = new ScriptedServer((in, out) -> {
            readRequest(in);
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
            out.flush();
            afterAnswer.set(in.read());
        });
        connection = connect(scripted.base(), null);
        connection.post("/a", REQUEST);
        connection.close();
        assertFalse(connection.isOpen());
        scripted.awaitScripts();
        assertEquals(-1, afterAnswer.get(), "the server read the end of the connection");
    }

    @Test
    void refusesAPathThatCouldRewriteTheRequestBeforeConnecting() throws Exception {
        scripted = new ScriptedServer((in, out) -> readRequest(in));
        connection = connect(scripted.base(), null);
        for (String path : new String[] {"relative", "/a b", "/a\r\nX-Injected: 1", "", "/caf\u00e9"}) {
            assertThrows(IllegalArgumentException.class, () -> connection.post(path, REQUEST), path);
        }
        assertEquals(0, connection.connectionsOpened());
    }

    @Test
    void refusesAnHttpsUrlWithoutTlsContextAndAnHttpUrlWithOne() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> new KeepAliveConnection(URI.create("https://127.0.0.1:1"),
                null, null, TIMEOUT, TIMEOUT));
        assertThrows(IllegalArgumentException.class, () -> new KeepAliveConnection(URI.create("http://127.0.0.1:1"),
                javax.net.ssl.SSLContext.getDefault(), null, TIMEOUT, TIMEOUT));
    }

    // --- the JDK server ---

    private void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/echo", ex -> {
            byte[] body = record(ex);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.createContext("/chunked", ex -> {
            record(ex);
            ex.sendResponseHeaders(200, 0); // length 0 = chunked
            byte[] body = chunkedBody();
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < body.length; i += 7000) {
                    out.write(body, i, Math.min(7000, body.length - i));
                    out.flush();
                }
            }
        });
        server.createContext("/big", ex -> {
            record(ex);
            byte[] body = bigBody();
            ex.sendResponseHeaders(201, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.createContext("/nothing", ex -> {
            record(ex);
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.createContext("/close", ex -> {
            record(ex);
            ex.getResponseHeaders().set("Connection", "close");
            ex.sendResponseHeaders(200, 2);
            ex.getResponseBody().write(ascii("{}"));
            ex.close();
        });
        server.start();
    }

    private byte[] record(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        List<String> headers = new ArrayList<>();
        for (String name : new String[] {"Host", "Authorization", "Content-Type", "Accept", "Content-Length"}) {
            String value = ex.getRequestHeaders().getFirst(name);
            if (value != null) {
                headers.add(name.toLowerCase(Locale.ROOT) + "=" + value);
            }
        }
        seen.add(new Seen(ex.getRemoteAddress().getPort(), ex.getRequestMethod(), ex.getRequestURI().getPath(),
                headers, new String(body, StandardCharsets.UTF_8)));
        return body;
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private Set<Integer> ports() {
        synchronized (seen) {
            Set<Integer> ports = new HashSet<>();
            seen.forEach(s -> ports.add(s.port()));
            return ports;
        }
    }

    private static byte[] chunkedBody() {
        return "{\"chunk\":\"".concat("c".repeat(100_000)).concat("\"}").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] bigBody() {
        byte[] body = new byte[1 << 20];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ('a' + i % 26);
        }
        return body;
    }

    private static KeepAliveConnection connect(URI base, String authorization) {
        return new KeepAliveConnection(base, null, authorization, TIMEOUT, TIMEOUT);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads one request (head, then a body of its Content-Length) and returns its head; fails at EOF. */
    static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the client closed the connection");
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        in.readNBytes(length);
        return text;
    }

    /** What a scripted server does with one accepted connection. */
    @FunctionalInterface
    interface Script {
        void run(InputStream in, OutputStream out) throws IOException;
    }

    /**
     * A loopback server that runs the same script on every connection it accepts and closes the connection when the
     * script ends: it writes exactly the bytes a test wants, right or wrong.
     */
    static final class ScriptedServer implements AutoCloseable {
        private final ServerSocket socket;
        private final ExecutorService threads = Executors.newCachedThreadPool();
        private final AtomicInteger accepted = new AtomicInteger();
        private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());

        ScriptedServer(Script script) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            threads.execute(() -> {
                while (!socket.isClosed()) {
                    Socket s;
                    try {
                        s = socket.accept();
                    } catch (IOException e) {
                        return; // closed by the test
                    }
                    accepted.incrementAndGet();
                    open.add(s);
                    threads.execute(() -> {
                        try (s) {
                            script.run(s.getInputStream(), s.getOutputStream());
                            s.getOutputStream().flush();
                        } catch (IOException e) {
                            // The client went away first: what the test checks is on the client's side.
                        }
                    });
                }
            });
        }

        URI base() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        int accepted() {
            return accepted.get();
        }

        /** Waits for the scripts that are running to end. */
        void awaitScripts() throws InterruptedException {
            threads.shutdown();
            try {
                socket.close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS), "the scripts ended");
        }

        @Override
        public void close() throws Exception {
            socket.close();
            synchronized (open) {
                for (Socket s : open) {
                    s.close();
                }
            }
            threads.shutdownNow();
            assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
        }
    }
}
