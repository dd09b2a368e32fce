package org.stellaops.attestor.cli;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real HTTPS record search on loopback ({@code GET /api/v1/rekor/entries}) that pages a fixed list of records
 * newest first as the service does: {@code limit} records per page (100 by default), and a {@code nextCursor}
 * {@code c/<offset>+} — with characters that must be percent-encoded to survive the query string — while more
 * remain. A given cursor can be made to fail, or every request answered with one fixed response.
 */
final class SearchServer implements AutoCloseable {

    private static final String PATH = "/api/v1/rekor/entries";

    private final TestTls.Server server;
    private final Path caFile;
    private final List<String> records = new ArrayList<>();
    private final Map<String, TestTls.Response> failures = new ConcurrentHashMap<>();
    private final AtomicReference<TestTls.Response> fixed = new AtomicReference<>();

    SearchServer(Path dir) throws Exception {
        TestTls.Ca ca = TestTls.Ca.create("CN=Search test CA");
        caFile = ca.writePem(dir.resolve("ca.pem"));
        server = new TestTls.Server(ca.loopbackServerContext(), this::answer);
    }

    /** A record as the search answers it. */
    static String record(int n) {
        String hex = String.format("%02x", n);
        return "{\"uuid\":\"" + hex.repeat(32) + "\",\"envelopeDigest\":\"sha256:" + "e" + hex.repeat(31) + "f\","
                + "\"status\":\"logged\",\"createdAt\":\"2026-05-0" + (10 - n) + "T09:00:00Z\","
                + "\"predicateType\":\"https://slsa.dev/provenance/v1\",\"subjects\":[{\"name\":\"app-" + n + "\","
                + "\"digest\":{\"sha256\":\"" + ("d" + n).repeat(32) + "\"}}]}";
    }

    /** The uuid of {@link #record(int)}. */
    static String uuid(int n) {
        return String.format("%02x", n).repeat(32);
    }

    /** Holds records 1 to {@code count}, record 1 the newest. */
    SearchServer holding(int count) {
        for (int n = 1; n <= count; n++) {
            records.add(record(n));
        }
        return this;
    }

    /** Answers a request with this cursor with a failure. */
    SearchServer failing(String cursor, int status, String body) {
        failures.put(cursor, TestTls.Response.json(status, body));
        return this;
    }

    /** Answers every request with this. */
    SearchServer answering(int status, String body) {
        fixed.set(TestTls.Response.json(status, body));
        return this;
    }

    private TestTls.Response answer(TestTls.Request request) {
        if (fixed.get() != null) {
            return fixed.get();
        }
        Map<String, String> query = parameters(request.query());
        if (!request.method().equals("GET") || !request.path().equals(PATH)) {
            return TestTls.Response.json(404, "{\"status\":404,\"code\":\"request.not_found\"}");
        }
        String cursor = query.get("cursor");
        if (cursor != null && failures.containsKey(cursor)) {
            return failures.get(cursor);
        }
        int offset = cursor == null ? 0 : Integer.parseInt(cursor.substring(2, cursor.length() - 1));
        int limit = query.containsKey("limit") ? Integer.parseInt(query.get("limit")) : 100;
        int end = Math.min(records.size(), offset + limit);
        String next = end < records.size() ? "\"c/" + end + "+\"" : "null";
        return TestTls.Response.json(200, "{\"entries\":[" + String.join(",", records.subList(offset, end))
                + "],\"nextCursor\":" + next + "}");
    }

    /** The query as a servlet container decodes it (form decoding: {@code +} is a space). */
    static Map<String, String> parameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    List<TestTls.Request> requests() {
        return server.requests();
    }

    /** The decoded parameters of the request at that index. */
    Map<String, String> parameters(int index) {
        return parameters(requests().get(index).query());
    }

    String url() {
        return server.url();
    }

    /** Runs stella against this server with a token. */
    Cli.Result run(String... args) {
        List<String> all = new ArrayList<>(List.of("--url", server.url(), "--cacert", caFile.toString(), "--token",
                "tok"));
        all.addAll(List.of(args));
        return Cli.runWithEnv(Map.of(), all.toArray(String[]::new));
    }

    @Override
    public void close() {
        server.close();
    }
}
