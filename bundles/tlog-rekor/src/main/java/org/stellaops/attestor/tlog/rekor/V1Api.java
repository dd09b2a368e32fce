package org.stellaops.attestor.tlog.rekor;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;

import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.json.StrictJson;
import org.stellaops.attestor.sdk.rekor.v1.RekorV1;
import org.stellaops.attestor.sdk.rekor.v1.RekorV1.V1Entry;

/**
 * The Rekor v1 REST endpoints this client uses (sigstore/rekor openapi.yaml), with status handling. Answers are
 * parsed here and verified by the caller.
 */
final class V1Api {

    static final String ENTRIES_PATH = "/api/v1/log/entries";
    private static final int HASH_LENGTH = 32;

    private final HttpTransport http;
    private final URI base;
    private final LogErrors errors;

    V1Api(HttpTransport http, URI base, LogErrors errors) {
        this.http = http;
        this.base = base;
        this.errors = errors;
    }

    URI entriesUri() {
        return URI.create(base + ENTRIES_PATH);
    }

    URI logInfoUri() {
        return URI.create(base + "/api/v1/log");
    }

    /** {@code POST /api/v1/log/entries}, without blocking. */
    CompletableFuture<HttpResponse<byte[]>> create(byte[] proposal) {
        return http.postJson(entriesUri(), proposal);
    }

    /**
     * @param json a LogEntry answer
     * @param from where it came from
     * @return the parsed entry
     */
    V1Entry parseEntry(byte[] json, URI from) {
        try {
            return RekorV1.parseEntryResponse(json, JsonLimits.DEFAULT);
        } catch (AttestorException e) {
            throw errors.badProof(from, "the answer is not a valid Rekor v1 LogEntry (" + e.code() + "): " + e.getMessage(), e);
        }
    }

    /**
     * Follows the {@code Location} of a 409: the existing entry. Only locations on the configured log are followed.
     *
     * @param location the header value
     * @return the entry
     */
    V1Entry existing(String location) {
        URI uri;
        try {
            uri = entriesUri().resolve(location.trim());
        } catch (IllegalArgumentException e) {
            throw errors.badProof(entriesUri(), "409 with an invalid Location '" + location + "'", e);
        }
        if (!sameOrigin(uri)) {
            throw errors.badProof(entriesUri(), "409 points to another server: " + uri, null);
        }
        return parseEntry(okBody(uri, "the existing entry"), uri);
    }

    /**
     * @param logIndex a global log index
     * @return the entry with its current proof
     */
    V1Entry entryByIndex(long logIndex) {
        URI uri = URI.create(entriesUri() + "?logIndex=" + logIndex);
        HttpResponse<byte[]> response = http.getOrFail(uri);
        if (response.statusCode() == 404) {
            throw errors.badProofRequest(uri, "the log has no entry " + logIndex);
        }
        return parseEntry(okBody(uri, response, "entry " + logIndex), uri);
    }

    /** @return the {@code signedTreeHead} of {@code GET /api/v1/log}, unverified */
    String signedTreeHead() {
        URI uri = logInfoUri();
        JsonNode info = json(okBody(uri, "the log info"), uri);
        JsonNode sth = info.path("signedTreeHead");
        if (!sth.isTextual()) {
            throw errors.badProof(uri, "log info without a signedTreeHead", null);
        }
        return sth.asText();
    }

    /**
     * {@code GET /api/v1/log/proof}.
     *
     * @param firstSize older size, at least 1
     * @param lastSize newer size
     * @param treeId the shard's tree ID, or null for the active one
     * @return the proof hashes (not yet verified)
     */
    List<byte[]> consistency(long firstSize, long lastSize, String treeId) {
        URI uri = URI.create(base + "/api/v1/log/proof?firstSize=" + firstSize + "&lastSize=" + lastSize
                + (treeId == null ? "" : "&treeID=" + treeId));
        JsonNode proof = json(okBody(uri, "the consistency proof"), uri);
        JsonNode hashes = proof.path("hashes");
        if (!hashes.isArray() && !hashes.isMissingNode() && !hashes.isNull()) {
            throw errors.badProof(uri, "consistency proof hashes are not an array", null);
        }
        List<byte[]> out = new ArrayList<>();
        for (JsonNode h : hashes) {
            out.add(hash(h, uri));
        }
        return out;
    }

    private byte[] hash(JsonNode node, URI uri) {
        try {
            byte[] h = HexFormat.of().parseHex(node.asText());
            if (!node.isTextual() || h.length != HASH_LENGTH) {
                throw errors.badProof(uri, "proof hash is not 32 bytes of hex: " + node, null);
            }
            return h;
        } catch (IllegalArgumentException e) {
            throw errors.badProof(uri, "proof hash is not hex: " + node, e);
        }
    }

    private JsonNode json(byte[] body, URI uri) {
        try {
            return StrictJson.parse(body, JsonLimits.DEFAULT);
        } catch (AttestorException e) {
            throw errors.badProof(uri, "the answer is not valid JSON (" + e.code() + "): " + e.getMessage(), e);
        }
    }

    private byte[] okBody(URI uri, String what) {
        return okBody(uri, http.getOrFail(uri), what);
    }

    private byte[] okBody(URI uri, HttpResponse<byte[]> response, String what) {
        if (response.statusCode() != 200) {
            throw errors.unavailable(uri, "reading " + what + " answered HTTP " + response.statusCode() + ": "
                    + StatusMessages.message(response.body()), null);
        }
        return response.body();
    }

    private boolean sameOrigin(URI uri) {
        return Objects.equals(uri.getScheme(), base.getScheme()) && Objects.equals(uri.getHost(), base.getHost())
                && uri.getPort() == base.getPort();
    }
}
