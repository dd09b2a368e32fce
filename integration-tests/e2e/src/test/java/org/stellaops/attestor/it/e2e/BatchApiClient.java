package org.stellaops.attestor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The batch, search and audit operations of docs/api.md, beside {@link ApiClient}: requests with extra headers
 * (Accept), bodies built byte by byte (so the tests control every byte the server must keep), NDJSON answers and
 * paging through searches.
 */
final class BatchApiClient {

    static final String NDJSON = "application/x-ndjson";
    static final String ENTRIES_BATCH = "/api/v1/rekor/entries:batch";
    static final String VERIFY_BATCH = "/api/v1/rekor/verify:batch";

    private final URI base;
    private final Path dataDir;
    private final HttpClient http;
    private final String authorization;

    BatchApiClient(AttestorProcess server) {
        this.base = server.baseUri();
        this.dataDir = server.dataDir();
        this.http = TestHttp.client(server);
        this.authorization = TestHttp.authorization(server);
    }

    /** POSTs the bytes as they are, with {@code headers} as name/value pairs. */
    ApiResponse post(String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TestSettings.HTTP_TIMEOUT)
                .header("Authorization", authorization)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    ApiResponse get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(TestSettings.HTTP_TIMEOUT)
                .header("Authorization", authorization).GET().build());
    }

    private ApiResponse send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new ApiResponse(request.method() + " " + request.uri(), response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    new String(response.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + request.method() + " " + request.uri(), e);
        }
    }

    /**
     * {@code {"<member>" : [ item , item ]}} with the items' bytes copied unchanged and irregular whitespace around
     * them, so that only a byte-exact extraction gives the items back.
     */
    static byte[] jsonBatch(String member, List<byte[]> items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("{ \"" + member + "\" :\n [ ").getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.writeBytes(" ,\r\n\t".getBytes(StandardCharsets.UTF_8));
            }
            out.writeBytes(items.get(i));
        }
        out.writeBytes("\n ]\n}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** One item per line, ended by {@code terminator} (the last line has none). */
    static byte[] ndjson(List<byte[]> items, String terminator) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.writeBytes(terminator.getBytes(StandardCharsets.UTF_8));
            }
            out.writeBytes(items.get(i));
        }
        return out.toByteArray();
    }

    /** Requires an NDJSON answer with status 200 and returns its lines as JSON. */
    static List<JsonNode> lines(ApiResponse response) {
        assertEquals(200, response.status(), response::describe);
        assertTrue(response.contentType().startsWith(NDJSON), response::describe);
        List<JsonNode> lines = new ArrayList<>();
        response.body().lines().filter(line -> !line.isEmpty()).forEach(line -> lines.add(Attestations.tree(
                line.getBytes(StandardCharsets.UTF_8))));
        return lines;
    }

    /** Requires a JSON answer with status 200 and returns its {@code results} array as a list. */
    static List<JsonNode> results(ApiResponse response) {
        assertEquals(200, response.status(), response::describe);
        assertTrue(response.contentType().startsWith("application/json"), response::describe);
        List<JsonNode> results = new ArrayList<>();
        response.json().path("results").forEach(results::add);
        return results;
    }

    static List<Integer> statuses(List<JsonNode> results) {
        return results.stream().map(r -> r.path("status").asInt()).toList();
    }

    /** @return {@code name=value&…} with every value percent-encoded */
    static String query(String... nameValuePairs) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            query.append(i == 0 ? "" : "&").append(nameValuePairs[i]).append('=')
                    .append(URLEncoder.encode(nameValuePairs[i + 1], StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    /**
     * Reads every page of a record search, following {@code nextCursor}; requires that no record comes twice.
     *
     * @param filters the query without {@code limit} and {@code cursor} (may be empty)
     * @param limit the page size
     * @return every record found, in the order served
     */
    List<JsonNode> searchAll(String filters, int limit) {
        List<JsonNode> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String cursor = null;
        for (int page = 0; page < 10_000; page++) {
            String q = (filters.isEmpty() ? "" : filters + "&") + "limit=" + limit
                    + (cursor == null ? "" : "&" + query("cursor", cursor));
            ApiResponse response = get("/api/v1/rekor/entries?" + q);
            assertEquals(200, response.status(), response::describe);
            JsonNode body = response.json();
            assertTrue(body.path("entries").size() <= limit, response::describe);
            for (JsonNode entry : body.path("entries")) {
                assertTrue(seen.add(entry.path("envelopeDigest").asText()), () -> "served twice: " + entry);
                all.add(entry);
            }
            if (body.path("nextCursor").isNull()) {
                return all;
            }
            cursor = body.path("nextCursor").asText();
        }
        throw new AssertionError("the search never ended");
    }

    /** @return the archived bytes, failing if there are none (read from the archive's files, docs/storage.md) */
    byte[] archivedBytes(byte[] envelopeBytes) {
        String hex = Attestations.sha256Hex(envelopeBytes);
        byte[] archived = ArchiveFiles.objects(dataDir.resolve("cas")).get(hex);
        assertTrue(archived != null, () -> "not archived: " + hex);
        return archived;
    }
}
