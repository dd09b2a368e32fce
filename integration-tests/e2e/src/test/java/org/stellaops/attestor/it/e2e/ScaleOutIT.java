package org.stellaops.attestor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.sdk.merkle.Rfc6962;

/**
 * Two workers on one database and one log: two Attestor jars share a MongoDB endpoint (mongo-java-server over TCP,
 * the only MongoDB wire-protocol server on these machines) for records, outbox, audit, trust roots and envelope
 * archive, and a third jar as their Rekor v2 primary log. Both receive the same envelopes at the same time. Nothing
 * may be stored twice, every envelope must end up in the log exactly once, and the shared outbox must drain.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScaleOutIT {

    private static final Duration BOUND = Duration.ofSeconds(120);
    private static final int ENVELOPES = 120;
    private static final int CLIENTS = 8;

    private MongoServer mongo;
    private AttestorProcess logServer;
    private final List<AttestorProcess> workers = new ArrayList<>();
    private final Map<String, Set<Integer>> answers = new ConcurrentHashMap<>();
    private final Set<String> digests = ConcurrentHashMap.newKeySet();

    @BeforeAll
    void submitTheSameEnvelopesToBothWorkers() throws Exception {
        mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", 0);
        String uri = "mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort();

        logServer = AttestorProcess.startFresh();
        JsonNode primary = new ApiClient(logServer).primaryLog();
        for (String name : List.of("worker-a", "worker-b")) {
            Path data = AttestorProcess.freshDataDir();
            configureWorker(data, name, uri, logServer, primary);
            workers.add(AttestorProcess.start(data));
        }
        ApiClient a = new ApiClient(workers.get(0));
        ApiClient b = new ApiClient(workers.get(1));
        for (ApiClient worker : List.of(a, b)) {
            E2eAwait.until("only the shared remote log is a publication target", BOUND, () -> worker.get("/api/v1/logs"),
                    r -> r.status() == 200 && r.json().path("logs").size() == 1
                            && "rekor-v2".equals(r.json().path("logs").path(0).path("kind").asText()));
        }
        SigningKey signer = SigningKey.generate();
        a.addTrustedKey("ci", signer.publicKeyPem());
        List<byte[]> envelopes = new ArrayList<>();
        for (int i = 0; i < ENVELOPES; i++) {
            envelopes.add(Attestations.json(signer.sign(Attestations.bytes(Attestations.slsaStatement("app-" + i + ".jar")))));
        }
        // the trusted key is in the shared store: worker B must accept what worker A was told to trust
        byte[] probe = envelopes.get(0);
        E2eAwait.until("worker B sees the shared trust roots", BOUND, () -> b.submit(probe),
                r -> r.status() == 201 || r.status() == 202 || r.status() == 200);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (byte[] envelope : envelopes) {
                digests.add(Attestations.envelopeDigest(envelope));
                for (ApiClient worker : List.of(a, b)) {
                    done.add(pool.submit(() -> {
                        ApiResponse response = worker.submit(envelope);
                        answers.computeIfAbsent(Attestations.envelopeDigest(envelope), d -> ConcurrentHashMap.newKeySet())
                                .add(response.status());
                    }));
                }
            }
            for (Future<?> f : done) {
                f.get(BOUND.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void configureWorker(Path data, String name, String mongoUri, AttestorProcess logServer,
            JsonNode primary) {
        String database = "scaleout";
        AttestorProcess.writeConfig(data, "org.stellaops.attestor.store.mongo.json",
                Map.of("uri", mongoUri, "database", database));
        AttestorProcess.writeConfig(data, "org.stellaops.attestor.cas.gridfs.json",
                Map.of("uri", mongoUri, "database", database));
        // the outbox backlog counts every tenant's records, so only the operator sees it: the test's tenant is
        AttestorProcess.writeConfig(data, "org.stellaops.attestor.http.json",
                Map.of("operatorTenant", TestHttp.TENANT));
        // pinned, so a worker never falls back to a store of its own (docs/storage.md)
        AttestorProcess.writeConfig(data, "org.stellaops.attestor.core.json", Map.of(
                "primaryDeadlineMillis", 5000, "retryBaseMillis", 200, "retryMaxMillis", 2000,
                "outboxScanMillis", 500, "workerId", name,
                "entries.target", "(attestor.store=mongo)", "trustStore.target", "(attestor.store=mongo)",
                "auditStore.target", "(attestor.store=mongo)", "cas.target", "(attestor.cas=gridfs)"));
        // the embedded log of a worker is a single writer of its own: a worker of a cluster does not publish to it
        AttestorProcess.writeConfig(data, "org.stellaops.attestor.tlog.embedded.json", Map.of(
                "origin", name + ".attestor.local", "attestor.tlog.role", "none"));
        // the log server is another Attestor over HTTPS: trust its local CA, and only that, for this log
        URI logBase = logServer.baseUri();
        AttestorProcess.writeConfig(data, "org.stellaops.attestor.tlog.rekor~primary.json", Map.of(
                "kind", "rekor-v2", "url", logBase.toString(), "readUrl", logBase.resolve(
                        URI.create(primary.path("readUrl").asText()).getPath()).toString(),
                "caFile", logServer.dataDir().resolve("tls/ca.pem").toString(),
                "origin", primary.path("origin").asText(), "publicKey", primary.path("publicKeyPem").asText(),
                "attestor.tlog.role", "primary"));
    }

    @AfterAll
    void stopEverything() {
        workers.forEach(AttestorProcess::stop);
        if (logServer != null) {
            logServer.stop();
        }
        if (mongo != null) {
            mongo.shutdownNow();
        }
    }

    @Test
    void acknowledgesEveryEnvelopeOnBothWorkers() {
        assertEquals(ENVELOPES, answers.size());
        answers.forEach((digest, statuses) -> statuses.forEach(status -> assertTrue(
                status == 200 || status == 201 || status == 202, () -> digest + " answered " + statuses)));
    }

    @Test
    void storesEachEnvelopeOnce() {
        for (AttestorProcess worker : workers) {
            assertEquals(ENVELOPES, new ApiClient(worker).entries(), worker::toString);
        }
    }

    @Test
    void writesOneCreationAuditEventPerEnvelope() {
        JsonNode events = new ApiClient(workers.get(0)).get("/api/v1/audit?action=entry.submit&outcome=success&limit=1000")
                .json().path("events");
        Set<String> targets = new HashSet<>();
        events.forEach(e -> assertTrue(targets.add(e.path("target").asText()),
                () -> "two creation events for " + e.path("target").asText()));
        assertEquals(digests, targets);
    }

    @Test
    void logsEveryEnvelopeExactlyOnceInTheSharedLog() {
        ApiClient a = new ApiClient(workers.get(0));
        for (String digest : digests) {
            E2eAwait.until(digest + " logged", BOUND, () -> a.get("/api/v1/rekor/entries/" + digest),
                    r -> r.status() == 200 && "logged".equals(r.json().path("status").asText()));
        }
        JsonNode primary = new ApiClient(logServer).primaryLog();
        LogTiles tiles = new LogTiles(URI.create(primary.path("readUrl").asText()), logServer);
        Checkpoint checkpoint = ApiClient.verifiedCheckpoint(tiles.checkpoint(), primary);
        Set<String> leaves = new HashSet<>();
        for (byte[] entry : tiles.entries(checkpoint.size())) {
            assertTrue(leaves.add(HexFormat.of().formatHex(Rfc6962.leafHash(entry))), "the log holds an entry twice");
        }
        assertEquals(ENVELOPES, leaves.size(), "log entries = envelopes (one signature each)");
    }

    @Test
    void drainsTheSharedOutbox() {
        for (AttestorProcess worker : workers) {
            ApiClient api = new ApiClient(worker);
            E2eAwait.until("no pending targets on " + worker.port(), BOUND, () -> api.get("/api/v1/logs"),
                    r -> r.status() == 200 && r.json().path("logs").path(0).path("pendingTargets").asLong(-1) == 0);
        }
    }
}
