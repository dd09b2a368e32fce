package org.stellaops.attestor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.sdk.merkle.Rfc6962;

/**
 * The outage drill of issue 3. A second attestor.jar acts as the primary Rekor v2 log of the first one, whose own
 * embedded log is a mirror. Under a sustained submission load the primary is stopped, the submitting service is
 * killed with SIGKILL in the middle of the outage and restarted, and then the primary comes back on the same port.
 * Afterwards every acknowledged envelope must be logged exactly once in each log, and the outage and the recovery
 * must be in the audit trail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransparencyChaosIT {

    private static final Duration PHASE_BOUND = Duration.ofSeconds(120);
    private static final Duration DRAIN_BOUND = Duration.ofSeconds(180);
    private static final int CLIENTS = 8;

    private AttestorProcess logServer;
    private AttestorProcess submitter;
    private SubmissionLoad load;
    private Map<String, Integer> acknowledged;
    private Map<String, JsonNode> records;

    @BeforeAll
    void runTheDrill() {
        int logPort = AttestorProcess.freeLoopbackPort();
        Path logData = AttestorProcess.freshDataDir();
        logServer = AttestorProcess.start(logData, logPort);
        JsonNode primaryLog = new ApiClient(logServer).primaryLog();

        Path data = AttestorProcess.freshDataDir();
        configureSubmitter(data, logServer, primaryLog);
        submitter = AttestorProcess.start(data);
        ApiClient api = new ApiClient(submitter);
        awaitTwoLogs(api);
        SigningKey key = SigningKey.generate();
        api.addTrustedKey("chaos", key.publicKeyPem());

        load = new SubmissionLoad(key, api, CLIENTS);
        load.awaitMoreAcks(200, PHASE_BOUND);
        logServer.stop();
        load.awaitMoreAcks(150, PHASE_BOUND);
        load.detach();
        submitter.kill();
        submitter = AttestorProcess.start(data);
        api = new ApiClient(submitter);
        load.attach(api);
        load.awaitMoreAcks(100, PHASE_BOUND);
        logServer = AttestorProcess.start(logData, logPort);
        load.awaitMoreAcks(100, PHASE_BOUND);
        load.close();
        acknowledged = load.acknowledged();
        records = awaitAllLogged(api, acknowledged.keySet());
    }

    @AfterAll
    void stopServers() {
        if (load != null) {
            load.close();
        }
        if (submitter != null) {
            submitter.stop();
        }
        if (logServer != null) {
            logServer.stop();
        }
    }

    private static void configureSubmitter(Path data, AttestorProcess logServer, JsonNode primaryLog) {
        URI logBase = logServer.baseUri();
        // log outages are the deployment's events (tenant ""): the test's tenant is the operator to read them
        AttestorProcess.writeConfig(data, "org.stellaops.attestor.http.json",
                Map.of("operatorTenant", TestHttp.TENANT));
        AttestorProcess.writeConfig(data, "org.stellaops.attestor.core.json", Map.of(
                "primaryDeadlineMillis", 2000, "retryBaseMillis", 200, "retryMaxMillis", 2000, "outboxScanMillis", 1000));
        AttestorProcess.writeConfig(data, "org.stellaops.attestor.tlog.embedded.json", Map.of(
                "origin", "submitter.attestor.local", "attestor.tlog.role", "mirror"));
        AttestorProcess.writeConfig(data, "org.stellaops.attestor.tlog.rekor~primary.json", Map.of(
                "kind", "rekor-v2", "url", logBase.toString(), "readUrl", logBase.resolve(
                        URI.create(primaryLog.path("readUrl").asText()).getPath()).toString(),
                "caFile", logServer.dataDir().resolve("tls/ca.pem").toString(),
                "origin", primaryLog.path("origin").asText(), "publicKey", primaryLog.path("publicKeyPem").asText(),
                "attestor.tlog.role", "primary"));
    }

    private static void awaitTwoLogs(ApiClient api) {
        E2eAwait.until("the rekor-v2 primary and the embedded mirror are registered", PHASE_BOUND,
                () -> api.get("/api/v1/logs"),
                r -> r.status() == 200 && r.json().path("logs").size() == 2
                        && "rekor-v2".equals(r.json().path("logs").path(0).path("kind").asText()));
    }

    private static Map<String, JsonNode> awaitAllLogged(ApiClient api, Set<String> digests) {
        Map<String, JsonNode> logged = new LinkedHashMap<>();
        for (String digest : digests) {
            JsonNode record = E2eAwait.until(digest + " logged in every log", DRAIN_BOUND,
                    () -> api.get("/api/v1/rekor/entries/" + digest),
                    r -> r.status() == 200 && "logged".equals(r.json().path("status").asText())).json();
            logged.put(digest, record);
        }
        return logged;
    }

    @Test
    void acknowledgedEnvelopesDuringTheOutageWithAccepted() {
        assertTrue(acknowledged.containsValue(202), () -> "no 202 during the outage: " + load.statuses());
        assertTrue(acknowledged.containsValue(201), () -> "no 201 while the primary was up: " + load.statuses());
    }

    @Test
    void logsEveryAcknowledgedEnvelopeInBothLogs() {
        for (JsonNode record : records.values()) {
            JsonNode logs = record.path("logs");
            assertEquals(2, logs.size(), record::toString);
            logs.forEach(log -> {
                assertEquals("logged", log.path("state").asText(), record::toString);
                assertEquals(1, log.path("entries").size(), record::toString);
            });
        }
    }

    @Test
    void logsEachSubmissionExactlyOnceInThePrimary() {
        ApiClient api = new ApiClient(submitter);
        long stored = api.entries();
        JsonNode primary = api.get("/api/v1/logs").json().path("logs").path(0);
        LogTiles tiles = new LogTiles(URI.create(primary.path("readUrl").asText()), logServer);
        Checkpoint checkpoint = ApiClient.verifiedCheckpoint(tiles.checkpoint(), primary);
        assertExactlyOnce(tiles.entries(checkpoint.size()), stored, "primary");
        assertEquals(stored, checkpoint.size(), "primary log size = stored records (one signature each)");
        Set<Long> indexes = new HashSet<>();
        records.values().forEach(r -> assertTrue(indexes.add(primaryIndex(r)), () -> "index reused: " + r));
    }

    @Test
    void logsEachSubmissionExactlyOnceInTheMirror() {
        ApiClient api = new ApiClient(submitter);
        long stored = api.entries();
        JsonNode mirror = api.get("/api/v1/logs").json().path("logs").path(1);
        LogTiles tiles = new LogTiles(URI.create(mirror.path("readUrl").asText()), submitter);
        Checkpoint checkpoint = ApiClient.verifiedCheckpoint(tiles.checkpoint(), mirror);
        assertExactlyOnce(tiles.entries(checkpoint.size()), stored, "mirror");
    }

    @Test
    void recordsTheOutageAndTheRecoveryInTheAuditTrail() {
        JsonNode events = new ApiClient(submitter).get("/api/v1/audit?tenant=*&limit=1000").json().path("events");
        List<String> actions = new ArrayList<>();
        events.forEach(e -> actions.add(e.path("action").asText()));
        assertTrue(actions.contains("tlog.unavailable"), () -> "no tlog.unavailable in " + actions);
        assertTrue(actions.contains("tlog.recovered"), () -> "no tlog.recovered in " + actions);
    }

    @Test
    void verifiesEveryLogEntryOfASampleOfRecords() {
        ApiClient api = new ApiClient(submitter);
        records.values().stream().limit(20).forEach(record -> {
            ApiResponse report = api.postJson("/api/v1/rekor/verify", Map.of("uuid", record.path("uuid").asText()));
            assertEquals(200, report.status(), report::describe);
            assertTrue(report.json().path("verified").asBoolean(false), report::describe);
        });
    }

    private static long primaryIndex(JsonNode record) {
        for (JsonNode log : record.path("logs")) {
            if ("primary".equals(log.path("role").asText())) {
                return log.path("entries").path(0).path("logIndex").asLong();
            }
        }
        throw new AssertionError("no primary entry: " + record);
    }

    private static void assertExactlyOnce(List<byte[]> entries, long stored, String which) {
        Set<String> leaves = new HashSet<>();
        for (byte[] entry : entries) {
            assertTrue(leaves.add(HexFormat.of().formatHex(Rfc6962.leafHash(entry))),
                    () -> which + " log holds an entry twice");
        }
        assertEquals(stored, leaves.size(), which + " log entries = stored records");
    }
}
