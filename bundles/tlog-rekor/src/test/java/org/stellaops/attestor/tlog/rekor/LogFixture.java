package org.stellaops.attestor.tlog.rekor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.tlog.TransparencyLogException;
import org.stellaops.attestor.sdk.checkpoint.Checkpoints;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.merkle.InclusionProofs;
import org.stellaops.attestor.sdk.merkle.Rfc6962;
import org.stellaops.attestor.sdk.note.NoteKeys;

/** Shared set-up and independent checks for the Rekor client tests. */
final class LogFixture implements AutoCloseable {

    /** Split-view notifications received: logId, origin, detail. */
    final List<List<String>> splitViews = Collections.synchronizedList(new ArrayList<>());
    private final List<AutoCloseable> open = new ArrayList<>();
    private final Path dir;

    LogFixture(Path dir) {
        this.dir = dir;
    }

    Path stateRoot() {
        return dir.resolve("state");
    }

    Map<String, Object> v2Config(V2TestLog server, PublicKey logKey) {
        Map<String, Object> config = new HashMap<>();
        config.put("kind", "rekor-v2");
        config.put("url", server.url());
        config.put("readUrl", server.readUrl());
        config.put("origin", V2TestLog.ORIGIN);
        config.put("publicKey", PublicKeys.toPem(logKey));
        return config;
    }

    RekorV2Log v2(Map<String, Object> config) {
        RekorSettings settings = RekorSettings.from(TestConfigs.of(config), stateRoot(), "test");
        RekorV2Log log = new RekorV2Log(settings, (logId, origin, detail) -> splitViews.add(List.of(logId, origin, detail)));
        open.add(log);
        return log;
    }

    RekorV1Log v1(Map<String, Object> config) {
        RekorSettings settings = RekorSettings.from(TestConfigs.of(config), stateRoot(), "test");
        RekorV1Log log = new RekorV1Log(settings, (logId, origin, detail) -> splitViews.add(List.of(logId, origin, detail)));
        open.add(log);
        return log;
    }

    <T extends AutoCloseable> T closeLater(T resource) {
        open.add(resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    static LogEntry await(CompletionStage<LogEntry> stage) {
        return V2TestLog.await(stage);
    }

    static TransparencyLogException failure(CompletionStage<LogEntry> stage, String code) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> stage.toCompletableFuture().get(60, TimeUnit.SECONDS));
        TransparencyLogException t = assertInstanceOf(TransparencyLogException.class, e.getCause());
        assertEquals(code, t.code(), t.getMessage());
        return t;
    }

    /** Checks an entry as an independent verifier would: signed checkpoint, then the proof of the body's leaf. */
    static void verifyV2(LogEntry entry, PublicKey logKey) {
        InclusionProof proof = entry.inclusionProof();
        Checkpoint checkpoint = Checkpoints.parseVerified(proof.checkpoint(), List.of(NoteKeys.ecdsaVerifier(V2TestLog.ORIGIN, logKey)));
        assertEquals(checkpoint.size(), proof.treeSize());
        assertEquals(checkpoint.rootHash(), proof.rootHash());
        byte[] leaf = Rfc6962.leafHash(entry.canonicalizedBody().value());
        assertEquals(Bytes.of(leaf).hex(), entry.uuid());
        InclusionProofs.verify(entry.logIndex(), proof.treeSize(), leaf, proof.hashes().stream().map(Bytes::value).toList(),
                checkpoint.rootHash().value());
    }
}
