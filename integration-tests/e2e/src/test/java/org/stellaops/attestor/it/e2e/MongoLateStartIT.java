package org.stellaops.attestor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import org.junit.jupiter.api.Test;

/**
 * A worker pinned to MongoDB that starts while its database is down waits for it, then serves without anyone
 * touching it (no restart, no configuration change).
 */
class MongoLateStartIT {

    private static final Duration BOUND = Duration.ofSeconds(120);

    @Test
    void aWorkerStartedBeforeItsDatabaseServesOnceTheDatabaseIsUp() throws Exception {
        int mongoPort = AttestorProcess.freeLoopbackPort();
        String uri = "mongodb://127.0.0.1:" + mongoPort;
        Path data = AttestorProcess.freshDataDir();
        AttestorProcess.writeConfig(data, "org.stellaops.attestor.store.mongo.json", Map.of("uri", uri,
                "database", "late", "serverSelectionTimeoutMillis", 1000));
        AttestorProcess.writeConfig(data, "org.stellaops.attestor.cas.gridfs.json", Map.of("uri", uri,
                "database", "late", "serverSelectionTimeoutMillis", 1000));
        AttestorProcess.writeConfig(data, "org.stellaops.attestor.core.json", Map.of(
                "entries.target", "(attestor.store=mongo)", "trustStore.target", "(attestor.store=mongo)",
                "auditStore.target", "(attestor.store=mongo)", "cas.target", "(attestor.cas=gridfs)"));
        int port = AttestorProcess.freeLoopbackPort();
        CompletableFuture<AttestorProcess> starting = CompletableFuture.supplyAsync(
                () -> AttestorProcess.startWith(data, port));
        MongoServer mongo = new MongoServer(new MemoryBackend());
        try {
            E2eAwait.until("the worker says it waits for MongoDB", BOUND, () -> output(data),
                    text -> text.contains("waits for MongoDB"));
            mongo.bind("127.0.0.1", mongoPort);
            try (AttestorProcess worker = starting.get(BOUND.toSeconds(), TimeUnit.SECONDS)) {
                ApiClient api = new ApiClient(worker);
                ApiResponse logs = api.get("/api/v1/logs");
                assertEquals(200, logs.status(), logs::describe);
                SigningKey key = SigningKey.generate();
                api.addTrustedKey("late", key.publicKeyPem());
                ApiResponse created = api.submit(Attestations.json(key.sign(Attestations.bytes(
                        Attestations.slsaStatement("late.jar")))));
                assertTrue(created.status() == 201 || created.status() == 202, created::describe);
            }
        } finally {
            mongo.shutdownNow();
        }
    }

    /** @return what the worker printed so far, from the log file its {@link AttestorProcess} keeps */
    private static String output(Path data) {
        try (Stream<Path> files = Files.list(data.getParent())) {
            StringBuilder text = new StringBuilder();
            for (Path log : files.filter(p -> p.getFileName().toString().startsWith(data.getFileName() + "-attestor-"))
                    .toList()) {
                text.append(Files.readString(log));
            }
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
