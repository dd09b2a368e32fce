package org.stellaops.attestor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.sdk.checkpoint.Checkpoints;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.note.NoteKeys;
import org.stellaops.attestor.sdk.note.Notes;

/** The HTTP API of docs/api.md, spoken over HTTPS (HTTP/1.1) with {@link HttpClient} and an access token. */
final class ApiClient {

    static final String JSON = "application/json";
    static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI base;
    private final Path dataDir;
    private final HttpClient http;
    private final String authorization;

    /** Talks to the server's API; reads its data directory only to count archived envelopes. */
    ApiClient(AttestorProcess server) {
        this(server, TestHttp.authorization(server));
    }

    /** Talks to the server's API with the given {@code Authorization} header (another tenant's token, say). */
    ApiClient(AttestorProcess server, String authorization) {
        this.base = server.baseUri();
        this.dataDir = server.dataDir();
        this.http = TestHttp.client(server);
        this.authorization = authorization;
    }

    URI base() {
        return base;
    }

    ApiResponse get(String path) {
        return send(request(path).GET());
    }

    ApiResponse delete(String path) {
        return send(request(path).DELETE());
    }

    ApiResponse post(String path, String contentType, byte[] body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    ApiResponse put(String path, String contentType, byte[] body) {
        return send(request(path).header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    ApiResponse postJson(String path, byte[] body) {
        return post(path, JSON, body);
    }

    ApiResponse postJson(String path, Object body) {
        try {
            return postJson(path, MAPPER.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code POST /api/v1/rekor/entries} with the bytes as they are. */
    ApiResponse submit(byte[] envelopeJson) {
        return postJson("/api/v1/rekor/entries", envelopeJson);
    }

    /** {@code POST /api/v1/trust/keys}; requires 201 and returns the key document. */
    JsonNode addTrustedKey(String name, String publicKeyPem) {
        ApiResponse response = postJson("/api/v1/trust/keys", Map.of("name", name, "publicKeyPem", publicKeyPem));
        assertEquals(201, response.status(), response::describe);
        return response.json();
    }

    /** @return the primary log's descriptor from {@code GET /api/v1/logs} */
    JsonNode primaryLog() {
        ApiResponse response = get("/api/v1/logs");
        assertEquals(200, response.status(), response::describe);
        return response.json().path("logs").path(0);
    }

    /** @return the current signed checkpoint of the primary log, fetched from its {@code readUrl} and verified */
    Checkpoint checkpoint() {
        JsonNode log = primaryLog();
        URI checkpointUri = base.resolve(log.path("readUrl").asText()).resolve("checkpoint");
        ApiResponse response = send(HttpRequest.newBuilder(checkpointUri).timeout(TestSettings.HTTP_TIMEOUT).GET());
        assertEquals(200, response.status(), response::describe);
        return verifiedCheckpoint(response.body(), log);
    }

    /**
     * Verifies a checkpoint note with the log's public key and parses it.
     *
     * @param note the signed note text
     * @param log the log descriptor from {@code /api/v1/logs}
     * @return the parsed checkpoint
     */
    static Checkpoint verifiedCheckpoint(String note, JsonNode log) {
        String origin = log.path("origin").asText();
        Notes.verify(note, List.of(
                NoteKeys.ecdsaVerifier(origin, PublicKeys.parsePem(log.path("publicKeyPem").asText()))));
        Checkpoint checkpoint = Checkpoints.parse(note);
        assertEquals(origin, checkpoint.origin(), "checkpoint origin");
        return checkpoint;
    }

    /**
     * @return the caller's entry count (from {@code /api/v1/stats}), the primary log's size and root (from its checkpoint) and the number
     * of archived envelopes ({@code D/cas/}, docs/operations.md)
     */
    ServerState state() {
        Checkpoint checkpoint = checkpoint();
        return new ServerState(entries(), checkpoint.size(), checkpoint.rootHash(), archivedObjects());
    }

    /** @return how many records the caller's tenant has ({@code entries} of {@code GET /api/v1/stats}) */
    long entries() {
        ApiResponse stats = get("/api/v1/stats");
        assertEquals(200, stats.status(), stats::describe);
        assertTrue(stats.json().path("entries").isIntegralNumber(), stats::describe);
        return stats.json().path("entries").asLong();
    }

    private long archivedObjects() {
        return ArchiveFiles.objects(dataDir.resolve("cas")).size();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TestSettings.HTTP_TIMEOUT)
                .header("Authorization", authorization);
    }

    private ApiResponse send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        try {
            HttpResponse<byte[]> response = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
            return new ApiResponse(built.method() + " " + built.uri(), response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    new String(response.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(built.method() + " " + built.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + built.method() + " " + built.uri(), e);
        }
    }

    /**
     * What a rejected request must leave unchanged.
     *
     * @param entries {@code entries} of {@code GET /api/v1/stats}
     * @param logSize size of the primary log's checkpoint
     * @param logRoot root hash of the primary log's checkpoint
     * @param archivedObjects distinct objects in the envelope archive
     */
    record ServerState(long entries, long logSize, Bytes logRoot, long archivedObjects) {
    }
}
