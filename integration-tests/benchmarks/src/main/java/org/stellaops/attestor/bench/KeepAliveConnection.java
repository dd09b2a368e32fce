package org.stellaops.attestor.bench;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One blocking, keep-alive HTTP/1.1 connection of one load client thread: a plain {@link Socket}, or an
 * {@link SSLSocket} layered over it for https, that carries one request after the other. It exists because the
 * driver shares its cores with the server it measures: with the JDK's {@code HttpClient} the driver spent about
 * 0.42 ms of CPU per request over TLS; this connection does one buffered write and a few blocking reads per request,
 * on the client's own thread, with no selector thread or futures in between.
 *
 * <p>Only what the load phases need: {@code POST} of a JSON body, an answer framed by {@code Content-Length}, by
 * {@code Transfer-Encoding: chunked} or by the server closing the connection (RFC 9112, section 6.3), interim
 * {@code 1xx} answers skipped. The same guarantees as the JDK client: the server certificate must chain to the given
 * CA <em>and</em> name the URL's host ({@code HTTPS} endpoint identification), no redirect is followed, no proxy used.
 *
 * <p>The connection is opened by the first request, and again by the first request after it was closed: after an
 * answer with {@code Connection: close} (or an HTTP/1.0 answer without {@code keep-alive}), after an answer whose
 * end is the end of the connection, and after any {@link IOException}, so that no request is ever sent on a
 * connection in an unknown state. A failed request is never sent again: a {@code POST} is not idempotent (the JDK
 * client does not retry one either), so a server closing an idle connection unannounced costs that one request an
 * error. The gap between two requests of a load client is far below any server's idle timeout.
 *
 * <p>Time: each request has one deadline, {@code requestTimeout} from its start, that bounds connecting (at most the
 * connect timeout), the TLS handshake and every read of the answer; passing it throws
 * {@link HttpTimeoutException} ({@link HttpConnectTimeoutException} while connecting), the exceptions the JDK client
 * throws, so both clients' failures are counted under the same names. Writes have no timeout in {@code java.net}: a
 * server that stops reading a large request shows as a hung client, which the load run reports.
 *
 * <p>Not thread-safe: one instance per client thread.
 */
final class KeepAliveConnection implements Transport {

    /** The most bytes of an answer's status line and header fields (and, separately, of a chunked trailer). */
    static final int MAX_HEAD_BYTES = 64 * 1024;
    /** The largest answer body accepted. */
    static final int MAX_BODY_BYTES = 64 * 1024 * 1024;
    /** The longest chunk-size line (size plus extensions) of a chunked body. */
    private static final int MAX_CHUNK_LINE_BYTES = 4096;
    /** Read buffer, and the output buffer that takes a request's head and (small) body for one flush. */
    private static final int BUFFER_BYTES = 16 * 1024;
    private static final byte[] EMPTY = new byte[0];

    private final String host;
    private final int port;
    private final SSLContext tls;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    /** {@code Host}, {@code Authorization}, {@code Content-Type} and {@code Accept}: the same for every request. */
    private final String fixedHeaders;
    private final byte[] buffer = new byte[BUFFER_BYTES];

    private Socket socket;
    private InputStream input;
    private OutputStream output;
    /** Unread answer bytes are {@code buffer[position, limit)}. */
    private int position;
    private int limit;
    /** The {@code SO_TIMEOUT} last set, so that it is only set again when the deadline says otherwise. */
    private int soTimeoutMillis;
    private long deadline;
    /** Bytes, terminator included, of the line {@link #readLine} returned last. */
    private int lastLineBytes;
    /** Whether the answer being read ends the connection. */
    private boolean closeAfter;
    private int answersOnConnection;
    private int connectionsOpened;

    /**
     * @param base the server's base URL, {@code http://} or {@code https://}
     * @param tls the TLS context trusting the server's CA: required for https, null for http
     * @param authorization the {@code Authorization} header value of every request, or null for none
     * @param connectTimeout the longest a TCP connect may take (the request's deadline may cut it shorter)
     * @param requestTimeout the longest one request may take, from connecting to the last byte of its answer
     * @throws IllegalArgumentException if the scheme and the TLS context do not go together or the header value
     *         would break the request
     */
    KeepAliveConnection(URI base, SSLContext tls, String authorization, Duration connectTimeout,
            Duration requestTimeout) {
        String scheme = base.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("not an http or https URL: " + base);
        }
        if ("https".equals(scheme) != (tls != null)) {
            throw new IllegalArgumentException(base + " needs " + (tls == null ? "a" : "no") + " TLS context");
        }
        if (authorization != null && !visibleAscii(authorization, true)) {
            throw new IllegalArgumentException("the Authorization value must be printable ASCII");
        }
        String hostText = base.getHost();
        this.host = hostText.startsWith("[") ? hostText.substring(1, hostText.length() - 1) : hostText;
        this.port = base.getPort() != -1 ? base.getPort() : tls != null ? 443 : 80;
        this.tls = tls;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.fixedHeaders = "Host: " + hostText + ":" + port + "\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Content-Type: application/json\r\n"
                + "Accept: application/json\r\n";
    }

    /**
     * @param server the base URL, TLS context, token and connect timeout
     * @param requestTimeout the longest one request may take
     * @return a connection to that server, opened by its first request
     */
    static KeepAliveConnection to(ServerAccess server, Duration requestTimeout) {
        return new KeepAliveConnection(server.base(), server.tls().orElse(null), server.authorization().orElse(null),
                server.connectTimeout(), requestTimeout);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the path is not an absolute path of visible ASCII characters
     */
    @Override
    public Answer post(String path, byte[] body) throws IOException, InterruptedException {
        byte[] head = requestHead(path, body.length);
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before POST " + path);
        }
        deadline = System.nanoTime() + requestTimeout.toNanos();
        try {
            if (socket == null) {
                connect();
            }
            output.write(head);
            output.write(body);
            output.flush();
            Answer answer = readAnswer();
            answersOnConnection++;
            if (closeAfter) {
                closeSocket();
            }
            return answer;
        } catch (SocketTimeoutException e) {
            HttpTimeoutException timeout = timedOut(e);
            discard(timeout);
            throw timeout;
        } catch (IOException | RuntimeException e) {
            discard(e);
            throw e;
        }
    }

    /** Closes the connection, if one is open; a later request would open a new one. */
    @Override
    public void close() throws IOException {
        closeSocket();
    }

    /** @return how many connections this object has opened so far */
    int connectionsOpened() {
        return connectionsOpened;
    }

    /** @return whether a connection is open for the next request */
    boolean isOpen() {
        return socket != null;
    }

    private byte[] requestHead(String path, int length) {
        if (path.isEmpty() || path.charAt(0) != '/' || !visibleAscii(path, false)) {
            // A space, CR or LF in the request target would let the path rewrite the request.
            throw new IllegalArgumentException("not an absolute path of visible ASCII characters: " + path);
        }
        return new StringBuilder(fixedHeaders.length() + path.length() + 48)
                .append("POST ").append(path).append(" HTTP/1.1\r\n")
                .append(fixedHeaders)
                .append("Content-Length: ").append(length).append("\r\n\r\n")
                .toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private void connect() throws IOException {
        Socket plain = new Socket();
        try {
            plain.setTcpNoDelay(true);
            int connectMillis = (int) Math.max(1, Math.min(connectTimeout.toMillis(), remainingMillis()));
            try {
                plain.connect(new InetSocketAddress(host, port), connectMillis);
            } catch (SocketTimeoutException e) {
                HttpConnectTimeoutException timeout = new HttpConnectTimeoutException("connecting to " + host + ":"
                        + port + " timed out after " + connectMillis + " ms");
                timeout.initCause(e);
                throw timeout;
            }
            soTimeoutMillis = 0;
            Socket connected = plain;
            if (tls != null) {
                // The handshake's reads are bounded by the request's deadline like the answer's.
                applyDeadline(plain);
                SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(plain, host, port, true);
                SSLParameters parameters = ssl.getSSLParameters();
                // Without it, any certificate the CA ever issued would do; with it, it must name the URL's host.
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(parameters);
                ssl.startHandshake();
                connected = ssl;
            }
            socket = connected;
            input = connected.getInputStream();
            output = new BufferedOutputStream(connected.getOutputStream(), BUFFER_BYTES);
            position = 0;
            limit = 0;
            answersOnConnection = 0;
            connectionsOpened++;
        } catch (IOException | RuntimeException e) {
            try {
                plain.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private Answer readAnswer() throws IOException {
        if (position == limit && fill() < 0) {
            throw new EOFException("the server closed the connection without answering" + (answersOnConnection > 0
                    ? " (it had answered " + answersOnConnection + " requests on it)" : ""));
        }
        while (true) {
            Head head = readHead();
            if (head.status() / 100 != 1) {
                closeAfter = head.closesConnection();
                return new Answer(head.status(), readBody(head));
            }
            if (head.status() == 101) {
                throw new ProtocolException("the server switched protocols, which was never asked for");
            }
            // An interim answer (100 Continue, 103 Early Hints) has no body; the final answer follows.
        }
    }

    /** Reads a status line and header fields, keeping the three that frame the body and the connection. */
    private Head readHead() throws IOException {
        int left = MAX_HEAD_BYTES;
        String statusLine = readLine(left, "the answer's head", MAX_HEAD_BYTES);
        left -= lastLineBytes;
        if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.") || statusLine.charAt(8) != ' '
                || (statusLine.charAt(7) != '0' && statusLine.charAt(7) != '1')
                || (statusLine.length() > 12 && statusLine.charAt(12) != ' ')
                || !digits(statusLine, 9, 12)) {
            throw new ProtocolException("not an HTTP/1.x status line: " + excerpt(statusLine));
        }
        boolean http10 = statusLine.charAt(7) == '0';
        int status = Integer.parseInt(statusLine, 9, 12, 10);
        String contentLength = null;
        String transferEncoding = null;
        String connection = null;
        Field last = null;
        while (true) {
            String line = readLine(left, "the answer's head", MAX_HEAD_BYTES);
            left -= lastLineBytes;
            if (line.isEmpty()) {
                return new Head(status, http10, contentLength, transferEncoding, connection);
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                // obs-fold: a user agent replaces it with a space and reads on (RFC 9112, section 5.2).
                if (last == null) {
                    throw new ProtocolException("the answer's head continues a header field it never started");
                }
                String more = " " + ows(line);
                switch (last) {
                    case CONTENT_LENGTH -> contentLength += more;
                    case TRANSFER_ENCODING -> transferEncoding += more;
                    case CONNECTION -> connection += more;
                    case OTHER -> { }
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !token(line, colon)) {
                throw new ProtocolException("malformed header field in the answer: " + excerpt(line));
            }
            String value = ows(line.substring(colon + 1));
            last = Field.of(line, colon);
            switch (last) {
                case CONTENT_LENGTH -> contentLength = join(contentLength, value);
                case TRANSFER_ENCODING -> transferEncoding = join(transferEncoding, value);
                case CONNECTION -> connection = join(connection, value);
                case OTHER -> { }
            }
        }
    }

    /** The body's length by RFC 9112, section 6.3 (a POST's answer; interim answers never get here). */
    private byte[] readBody(Head head) throws IOException {
        if (head.status() == 204 || head.status() == 304) {
            return EMPTY;
        }
        if (head.transferEncoding() != null) {
            if (head.contentLength() != null) {
                // Two framings of one body: the textbook sign of response splitting, an error by RFC 9112.
                throw new ProtocolException("the answer has both Transfer-Encoding and Content-Length");
            }
            if (!"chunked".equalsIgnoreCase(head.transferEncoding())) {
                // Nothing asked for another coding (no TE header), and the body could not be read without it.
                throw new ProtocolException("unsupported transfer coding: " + excerpt(head.transferEncoding()));
            }
            return readChunked();
        }
        if (head.contentLength() != null) {
            byte[] body = new byte[contentLength(head.contentLength())];
            readFully(body, 0, body.length);
            return body;
        }
        // Neither: the body is everything until the server closes the connection.
        closeAfter = true;
        return readUntilClose();
    }

    private static int contentLength(String value) throws ProtocolException {
        long length = -1;
        // Repeated fields or a list: every value must be the same number (RFC 9110, section 8.6).
        for (String part : value.split(",", -1)) {
            String number = ows(part);
            if (number.isEmpty() || number.length() > 18 || !digits(number, 0, number.length())) {
                throw new ProtocolException("not a Content-Length: " + excerpt(value));
            }
            long n = Long.parseLong(number);
            if (length != -1 && n != length) {
                throw new ProtocolException("conflicting Content-Length values: " + excerpt(value));
            }
            length = n;
        }
        if (length > MAX_BODY_BYTES) {
            throw new ProtocolException("an answer body of " + length + " bytes is above the cap of "
                    + MAX_BODY_BYTES + " bytes");
        }
        return (int) length;
    }

    private byte[] readChunked() throws IOException {
        byte[] data = new byte[BUFFER_BYTES];
        int length = 0;
        while (true) {
            String line = readLine(MAX_CHUNK_LINE_BYTES, "a chunk-size line", MAX_CHUNK_LINE_BYTES);
            int semicolon = line.indexOf(';');
            String hex = ows(semicolon < 0 ? line : line.substring(0, semicolon));
            if (hex.isEmpty() || !hexDigits(hex)) {
                throw new ProtocolException("not a chunk size: " + excerpt(line));
            }
            long size = hex.length() > 15 ? Long.MAX_VALUE : Long.parseLong(hex, 16);
            if (size == 0) {
                break;
            }
            if (size > MAX_BODY_BYTES - length) {
                throw new ProtocolException("a chunked answer body above the cap of " + MAX_BODY_BYTES + " bytes");
            }
            data = grow(data, length + (int) size);
            readFully(data, length, (int) size);
            length += (int) size;
            if (!readLine(2, "the end of a chunk", 2).isEmpty()) {
                throw new ProtocolException("chunk data longer than its size");
            }
        }
        int left = MAX_HEAD_BYTES;
        while (!readLine(left, "the chunked body's trailer", MAX_HEAD_BYTES).isEmpty()) {
            left -= lastLineBytes;
        }
        return Arrays.copyOf(data, length);
    }

    private byte[] readUntilClose() throws IOException {
        byte[] data = new byte[BUFFER_BYTES];
        int length = 0;
        while (position < limit || fill() >= 0) {
            int n = limit - position;
            if (n > MAX_BODY_BYTES - length) {
                throw new ProtocolException("an answer body above the cap of " + MAX_BODY_BYTES + " bytes");
            }
            data = grow(data, length + n);
            System.arraycopy(buffer, position, data, length, n);
            length += n;
            position = limit;
        }
        return Arrays.copyOf(data, length);
    }

    private static byte[] grow(byte[] data, int needed) {
        if (needed <= data.length) {
            return data;
        }
        return Arrays.copyOf(data, (int) Math.min(MAX_BODY_BYTES, Math.max(needed, 2L * data.length)));
    }

    /**
     * Reads one line ending in LF (a CR before it is dropped, a bare LF accepted as RFC 9112 allows).
     *
     * @param max the most bytes the line may take, terminator included
     * @param what what the line is part of, for the error
     * @param cap the limit on {@code what} that {@code max} is what is left of, for the error
     */
    private String readLine(int max, String what, int cap) throws IOException {
        byte[] spill = null;
        int spilled = 0;
        while (true) {
            if (position == limit && fill() < 0) {
                throw new EOFException("the connection closed in the middle of " + what);
            }
            int end = position;
            while (end < limit && buffer[end] != '\n') {
                end++;
            }
            boolean complete = end < limit;
            int taken = end - position + (complete ? 1 : 0);
            if (spilled + taken > max) {
                throw new ProtocolException(what + " is longer than " + cap + " bytes");
            }
            if (complete && spill == null) {
                int length = end - position;
                int start = position;
                position = end + 1;
                lastLineBytes = taken;
                if (length > 0 && buffer[start + length - 1] == '\r') {
                    length--;
                }
                return new String(buffer, start, length, StandardCharsets.ISO_8859_1);
            }
            spill = grow(spill == null ? new byte[256] : spill, spilled + (end - position));
            System.arraycopy(buffer, position, spill, spilled, end - position);
            spilled += end - position;
            position = complete ? end + 1 : limit;
            if (complete) {
                lastLineBytes = spilled + 1;
                int length = spilled > 0 && spill[spilled - 1] == '\r' ? spilled - 1 : spilled;
                return new String(spill, 0, length, StandardCharsets.ISO_8859_1);
            }
        }
    }

    private void readFully(byte[] target, int offset, int length) throws IOException {
        int buffered = Math.min(length, limit - position);
        System.arraycopy(buffer, position, target, offset, buffered);
        position += buffered;
        int done = buffered;
        while (done < length) {
            applyDeadline(socket);
            int n = input.read(target, offset + done, length - done);
            if (n < 0) {
                throw new EOFException("the connection closed after " + done + " of the " + length
                        + " bytes the answer announced");
            }
            done += n;
        }
    }

    /** Refills the empty buffer; returns what {@link InputStream#read} returned. */
    private int fill() throws IOException {
        applyDeadline(socket);
        int n = input.read(buffer, 0, buffer.length);
        position = 0;
        limit = Math.max(n, 0);
        return n;
    }

    /** Bounds the next blocking read by what is left of the request's deadline. */
    private void applyDeadline(Socket target) throws IOException {
        int millis = (int) Math.min(Integer.MAX_VALUE, remainingMillis());
        if (millis != soTimeoutMillis) {
            target.setSoTimeout(millis);
            soTimeoutMillis = millis;
        }
    }

    /** @return the milliseconds left until the deadline, rounded up (never 0, which would mean no timeout) */
    private long remainingMillis() throws HttpTimeoutException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw timedOut(null);
        }
        return (left + 999_999) / 1_000_000;
    }

    private HttpTimeoutException timedOut(Throwable cause) {
        HttpTimeoutException e = new HttpTimeoutException("request timed out after " + requestTimeout.toMillis()
                + " ms");
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    /** Closes the connection after a failed request, so the next request starts on a fresh one. */
    private void discard(Exception failure) {
        try {
            closeSocket();
        } catch (IOException closing) {
            failure.addSuppressed(closing);
        }
    }

    private void closeSocket() throws IOException {
        Socket open = socket;
        socket = null;
        input = null;
        output = null;
        position = 0;
        limit = 0;
        if (open != null) {
            open.close();
        }
    }

    private static boolean visibleAscii(String text, boolean spaceAllowed) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > '~' || c < ' ' || (c == ' ' && !spaceAllowed)) {
                return false;
            }
        }
        return true;
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean hexDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code line[0, end)} is a field name (an RFC 9110 token; white space before the colon is not). */
    private static boolean token(String line, int end) {
        for (int i = 0; i < end; i++) {
            char c = line.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Strips optional white space (spaces and tabs) from both ends. */
    private static String ows(String text) {
        int from = 0;
        int to = text.length();
        while (from < to && (text.charAt(from) == ' ' || text.charAt(from) == '\t')) {
            from++;
        }
        while (to > from && (text.charAt(to - 1) == ' ' || text.charAt(to - 1) == '\t')) {
            to--;
        }
        return text.substring(from, to);
    }

    private static String join(String earlier, String value) {
        return earlier == null ? value : earlier + ", " + value;
    }

    private static String excerpt(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }

    /** The header fields that frame an answer's body and say whether the connection stays open. */
    private enum Field {
        CONTENT_LENGTH("content-length"), TRANSFER_ENCODING("transfer-encoding"), CONNECTION("connection"), OTHER("");

        private final String name;

        Field(String name) {
            this.name = name;
        }

        /** Field names are case-insensitive. */
        static Field of(String line, int colon) {
            for (Field f : values()) {
                if (f.name.length() == colon && line.regionMatches(true, 0, f.name, 0, colon)) {
                    return f;
                }
            }
            return OTHER;
        }
    }

    /**
     * An answer's status line and framing fields.
     *
     * @param status the status code
     * @param http10 whether the answer is HTTP/1.0 (its connection closes unless it says {@code keep-alive})
     * @param contentLength the {@code Content-Length} value(s), or null
     * @param transferEncoding the {@code Transfer-Encoding} value(s), or null
     * @param connection the {@code Connection} value(s), or null
     */
    private record Head(int status, boolean http10, String contentLength, String transferEncoding,
                        String connection) {

        boolean closesConnection() {
            return hasToken("close") || (http10 && !hasToken("keep-alive"));
        }

        private boolean hasToken(String token) {
            if (connection == null) {
                return false;
            }
            for (String part : connection.split(",")) {
                if (ows(part).equalsIgnoreCase(token)) {
                    return true;
                }
            }
            return false;
        }
    }
}
