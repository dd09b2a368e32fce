package org.stellaops.attestor.tlog.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.checkpoint.Checkpoints;
import org.stellaops.attestor.sdk.merkle.ConsistencyProofs;
import org.stellaops.attestor.sdk.merkle.MerkleProofException;
import org.stellaops.attestor.sdk.merkle.Rfc6962;
import org.stellaops.attestor.sdk.note.NoteKeys;
import org.stellaops.attestor.sdk.note.NoteSignature;
import org.stellaops.attestor.sdk.note.Notes;
import org.stellaops.attestor.sdk.note.SignedNote;
import org.stellaops.attestor.sdk.witness.AddCheckpointRequest;
import org.stellaops.attestor.sdk.witness.Cosignatures;
import org.stellaops.attestor.sdk.witness.Cosigner;

/**
 * A real C2SP tlog-witness over HTTP (JDK HttpServer) for one log: verifies the log's ECDSA signature, the old
 * size against the size it cosigned last (409 + {@code text/x.tlog.size} on mismatch), the consistency proof
 * (422), then records the new size and root and cosigns with its Ed25519 key. Check and update happen under one
 * lock, as the spec requires. A "lying" witness cosigns another text, so its line carries the right key ID but
 * does not verify.
 */
final class TestWitness implements AutoCloseable {

    private final String name;
    private final String origin;
    private final List<org.stellaops.attestor.sdk.note.NoteVerifier> logVerifiers;
    private final KeyPair keys;
    private final boolean lying;
    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger conflicts = new AtomicInteger();
    private long size;
    private byte[] root = Rfc6962.emptyRoot();

    TestWitness(String name, String origin, PublicKey logKey, boolean lying) throws IOException {
        this.name = name;
        this.origin = origin;
        this.logVerifiers = List.of(NoteKeys.ecdsaVerifier(origin, logKey));
        this.lying = lying;
        try {
            this.keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/add-checkpoint", this::handle);
        server.start();
    }

    String vkey() {
        return new Cosigner(name, keys.getPublic()).vkey();
    }

    Cosigner cosigner() {
        return new Cosigner(name, keys.getPublic());
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/add-checkpoint");
    }

    /** @return the configuration line for this witness */
    String config() {
        return vkey() + " " + url();
    }

    synchronized long size() {
        return size;
    }

    int requests() {
        return requests.get();
    }

    int conflicts() {
        return conflicts.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange; InputStream in = exchange.getRequestBody()) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                reply(exchange, 405, "text/plain", "POST only\n");
                return;
            }
            AddCheckpointRequest request;
            Checkpoint checkpoint;
            try {
                request = AddCheckpointRequest.parse(in.readAllBytes());
                checkpoint = Checkpoints.parse(request.checkpoint());
            } catch (AttestorException e) {
                reply(exchange, 400, "text/plain", e.getMessage() + "\n");
                return;
            }
            if (!checkpoint.origin().equals(origin)) {
                reply(exchange, 404, "text/plain", "unknown origin\n");
                return;
            }
            try {
                Notes.verify(request.checkpoint(), logVerifiers);
            } catch (AttestorException e) {
                reply(exchange, 403, "text/plain", "not signed by the log\n");
                return;
            }
            cosign(exchange, request, checkpoint);
        }
    }

    private synchronized void cosign(HttpExchange exchange, AddCheckpointRequest request, Checkpoint checkpoint)
            throws IOException {
        byte[] newRoot = checkpoint.rootHash().value();
        if (request.oldSize() > checkpoint.size()) {
            reply(exchange, 400, "text/plain", "old size beyond the checkpoint\n");
            return;
        }
        if (request.oldSize() != size || request.oldSize() == checkpoint.size() && !Arrays.equals(root, newRoot)) {
            conflicts.incrementAndGet();
            reply(exchange, 409, "text/x.tlog.size", size + "\n");
            return;
        }
        try {
            if (size == 0 && !request.proof().isEmpty()) {
                throw new MerkleProofException("a proof from size 0 must be empty");
            }
            if (size > 0 && size < checkpoint.size()) {
                ConsistencyProofs.verify(size, checkpoint.size(), root, newRoot, request.proof());
            }
        } catch (MerkleProofException e) {
            reply(exchange, 422, "text/plain", e.getMessage() + "\n");
            return;
        }
        size = checkpoint.size();
        root = newRoot;
        String text = SignedNote.parse(request.checkpoint()).text();
        String signed = lying ? text.replace("\n" + checkpoint.size() + "\n", "\n" + (checkpoint.size() + 1) + "\n") : text;
        NoteSignature cosignature = Cosignatures.sign(name, keys.getPrivate(), signed, System.currentTimeMillis() / 1000);
        String note = new SignedNote(text, List.of(cosignature)).format();
        reply(exchange, 200, "text/plain; charset=utf-8", note.substring(text.length() + 1));
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
