package org.stellaops.attestor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A server stopped with SIGTERM and started again on the same data directory keeps its records, archive, trust
 * roots and log, and continues the log where it stopped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestartIT {

    private AttestorProcess server;
    private ApiClient api;
    private SigningKey key;
    private String uuid;
    private String envelopeDigest;
    private JsonNode fetchedBeforeRestart;
    private ApiClient.ServerState stateBeforeRestart;
    private ApiClient.ServerState stateAfterRestart;

    @BeforeAll
    void submitThenRestart() {
        server = AttestorProcess.startFresh();
        Path dataDir = server.dataDir();
        api = new ApiClient(server);
        key = SigningKey.generate();
        api.addTrustedKey("ci-signer", key.publicKeyPem());
        ApiResponse created = api.submit(Attestations.json(key.sign(Attestations.bytes(
                Attestations.slsaStatement("before-restart.jar")))));
        assertEquals(201, created.status(), created::describe);
        uuid = created.json().path("uuid").asText();
        envelopeDigest = created.json().path("envelopeDigest").asText();
        fetchedBeforeRestart = fetch(uuid);
        stateBeforeRestart = api.state();

        server.stop();
        server = AttestorProcess.start(dataDir);
        api = new ApiClient(server);
        stateAfterRestart = api.state();
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    private JsonNode fetch(String id) {
        ApiResponse fetched = api.get("/api/v1/rekor/entries/" + id);
        assertEquals(200, fetched.status(), fetched::describe);
        return fetched.json();
    }

    @Test
    void keepsLogSizeRootAndEntryCount() {
        assertEquals(stateBeforeRestart, stateAfterRestart);
    }

    @Test
    void servesTheSameRecordAndEnvelopeByUuid() {
        assertEquals(fetchedBeforeRestart, fetch(uuid));
    }

    @Test
    void servesTheSameRecordAndEnvelopeByEnvelopeDigest() {
        assertEquals(fetchedBeforeRestart, fetch(envelopeDigest));
    }

    @Test
    void stillVerifiesTheStoredEntry() {
        ApiResponse report = api.postJson("/api/v1/rekor/verify", Map.of("uuid", uuid));
        assertEquals(200, report.status(), report::describe);
        assertTrue(report.json().path("verified").asBoolean(false), report::describe);
        report.json().path("checks").forEach(check ->
                assertTrue(check.path("ok").asBoolean(false), () -> "failed check " + check + ": " + report.describe()));
    }

    @Test
    void appendsTheNextSubmissionAtTheNextIndex() {
        ApiResponse created = api.submit(Attestations.json(key.sign(Attestations.bytes(
                Attestations.slsaStatement("after-restart.jar")))));
        assertEquals(201, created.status(), created::describe);
        assertEquals(stateAfterRestart.logSize(), created.json().path("logEntries").path(0).path("logIndex").asLong(),
                created::describe);
    }
}
