package org.stellaops.attestor.tlog.rekor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.checkpoint.Checkpoints;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.crypto.Signatures;
import org.stellaops.attestor.sdk.json.Jcs;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.json.StrictJson;
import org.stellaops.attestor.sdk.merkle.Rfc6962;
import org.stellaops.attestor.sdk.note.NoteKeys;
import org.stellaops.attestor.sdk.note.Notes;

/**
 * A small Rekor v1 server for tests, after sigstore/rekor pkg/api: create (201 with SET, proof and checkpoint; 409
 * with Location), get by UUID and by index, log info and consistency proofs, over an in-memory RFC 6962 tree signed
 * with a real ECDSA P-256 log key. The checkpoints carry rekor's {@code "<host> - <treeID>"} origin, are signed under
 * the host name and carry a {@code Timestamp:} line.
 */
final class V1TestLog implements AutoCloseable {

    static final String HOST = "rekor.v1.test";
    static final long TREE_ID = 1_193_050_959_916_656_506L;
    static final String ORIGIN = HOST + " - " + TREE_ID;
    private static final String ENTRIES = "/api/v1/log/entries";
    private static final long FIRST_TIME = 1_700_000_000L;

    private final KeyPair key = Keys.p256();
    private final String logId = Checkpoints.logIdEcdsa(key.getPublic());
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private volatile V1Tree tree = new V1Tree();
    private volatile boolean corruptSet;

    V1TestLog() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext(ENTRIES, this::entries);
        server.createContext("/api/v1/log/proof", this::proof);
        server.createContext("/api/v1/log", this::info);
        server.start();
    }

    KeyPair key() {
        return key;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Signed entry timestamps from now on do not verify. */
    void corruptSet() {
        corruptSet = true;
    }

    /** Replaces the whole tree with other entries (a fork), same key and origin. */
    void fork(List<byte[]> bodies) {
        V1Tree other = new V1Tree();
        bodies.forEach(other::append);
        tree = other;
    }

    /** Appends an entry directly, as another client would. */
    int append(byte[] body) {
        return tree.append(body);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void entries(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getQuery();
            if ("POST".equals(exchange.getRequestMethod()) && path.equals(ENTRIES)) {
                create(exchange);
            } else if (path.equals(ENTRIES) && query != null && query.startsWith("logIndex=")) {
                int index = Integer.parseInt(query.substring("logIndex=".length()));
                V1Tree current = tree;
                if (index >= current.size()) {
                    error(exchange, 404, "not found");
                } else {
                    json(exchange, 200, entryJson(current, index));
                }
            } else if (path.startsWith(ENTRIES + "/")) {
                String id = path.substring(ENTRIES.length() + 1);
                V1Tree current = tree;
                int index = id.length() < 64 ? -1 : current.indexOf(HexFormat.of().parseHex(id.substring(id.length() - 64)));
                if (index < 0) {
                    error(exchange, 404, "not found");
                } else {
                    json(exchange, 200, entryJson(current, index));
                }
            } else {
                error(exchange, 404, "not found");
            }
        }
    }

    private void create(HttpExchange exchange) throws IOException {
        byte[] body;
        try {
            body = V1Canonical.body(StrictJson.parse(exchange.getRequestBody().readAllBytes(), JsonLimits.DEFAULT));
        } catch (AttestorException | IllegalArgumentException e) {
            error(exchange, 400, "validation error: " + e.getMessage());
            return;
        }
        V1Tree current = tree;
        int existing = current.indexOf(Rfc6962.leafHash(body));
        if (existing >= 0) {
            exchange.getResponseHeaders().add("Location", ENTRIES + "/" + entryId(current, existing));
            error(exchange, 409, "an equivalent entry already exists in the transparency log with UUID "
                    + entryId(current, existing));
            return;
        }
        int index = current.append(body);
        exchange.getResponseHeaders().add("Location", ENTRIES + "/" + entryId(current, index));
        exchange.getResponseHeaders().add("ETag", entryId(current, index));
        json(exchange, 201, entryJson(current, index));
    }

    private void info(HttpExchange exchange) throws IOException {
        try (exchange) {
            V1Tree current = tree;
            ObjectNode node = StrictJson.mapper().createObjectNode();
            node.put("rootHash", HexFormat.of().formatHex(current.root(current.size())));
            node.put("treeSize", current.size());
            node.put("signedTreeHead", checkpoint(current, current.size()));
            node.put("treeID", Long.toString(TREE_ID));
            node.putArray("inactiveShards");
            json(exchange, 200, node);
        }
    }

    private void proof(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> params = query(exchange.getRequestURI().getQuery());
            long first = Long.parseLong(params.getOrDefault("firstSize", "1"));
            long last = Long.parseLong(params.getOrDefault("lastSize", "0"));
            V1Tree current = tree;
            if (first < 1 || last < first || last > current.size()) {
                error(exchange, 400, "firstSize(" + first + ") and lastSize(" + last + ") are not valid");
                return;
            }
            ObjectNode node = StrictJson.mapper().createObjectNode();
            node.put("rootHash", HexFormat.of().formatHex(current.root(last)));
            ArrayNode hashes = node.putArray("hashes");
            current.consistency(first, last).forEach(h -> hashes.add(HexFormat.of().formatHex(h)));
            json(exchange, 200, node);
        }
    }

    private JsonNode entryJson(V1Tree current, int index) {
        int size = current.size();
        byte[] body = current.body(index);
        ObjectNode anon = StrictJson.mapper().createObjectNode();
        anon.put("body", Base64.getEncoder().encodeToString(body));
        anon.put("integratedTime", FIRST_TIME + index);
        anon.put("logID", logId);
        anon.put("logIndex", index);
        byte[] set = Signatures.sign(key.getPrivate(), KeyAlgorithm.ECDSA_P256_SHA256, Jcs.canonicalize(anon));
        if (corruptSet) {
            set[set.length - 1] ^= 1;
        }
        ObjectNode verification = anon.putObject("verification");
        ObjectNode proof = verification.putObject("inclusionProof");
        proof.put("logIndex", index);
        proof.put("rootHash", HexFormat.of().formatHex(current.root(size)));
        proof.put("treeSize", size);
        ArrayNode hashes = proof.putArray("hashes");
        current.inclusion(index, size).forEach(h -> hashes.add(HexFormat.of().formatHex(h)));
        proof.put("checkpoint", checkpoint(current, size));
        verification.put("signedEntryTimestamp", Base64.getEncoder().encodeToString(set));
        ObjectNode entry = StrictJson.mapper().createObjectNode();
        entry.set(entryId(current, index), anon);
        return entry;
    }

    private String checkpoint(V1Tree current, long size) {
        String text = Checkpoints.body(ORIGIN, size, current.root(size)) + "Timestamp: " + (FIRST_TIME * 1_000_000_000L + size) + "\n";
        return Notes.sign(text, List.of(NoteKeys.signer(HOST, key.getPrivate())));
    }

    private static String entryId(V1Tree current, int index) {
        return String.format("%016x", TREE_ID) + HexFormat.of().formatHex(Rfc6962.leafHash(current.body(index)));
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> query(String query) {
        Map<String, String> out = new HashMap<>();
        if (query != null) {
            for (String part : query.split("&")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    out.put(part.substring(0, eq), part.substring(eq + 1));
                }
            }
        }
        return out;
    }

    private static void error(HttpExchange exchange, int status, String message) throws IOException {
        ObjectNode node = StrictJson.mapper().createObjectNode();
        node.put("code", status);
        node.put("message", message);
        json(exchange, status, node);
    }

    private static void json(HttpExchange exchange, int status, JsonNode node) throws IOException {
        byte[] bytes = node.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** The public key of the log as PEM, for client configurations. */
    String publicKeyPem() {
        return PublicKeys.toPem(key.getPublic());
    }
}
