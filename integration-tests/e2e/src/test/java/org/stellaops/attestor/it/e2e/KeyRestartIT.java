package org.stellaops.attestor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The key registry and the file driver's keys across a restart of the jar on the same data directory (SIGTERM, then
 * a new process): every key, version and state is as it was, the driver still holds the private keys of the active
 * versions, and what was retired or revoked stays so.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyRestartIT {

    private AttestorProcess server;
    private KeyApi keys;
    private JsonNode keysBefore;
    private JsonNode keysAfter;
    private String durableV1;
    private JsonNode durableV2;
    private String recordBefore;
    private String revokedV1;

    @BeforeAll
    void shapeTheRegistryThenRestart() {
        server = AttestorProcess.startFresh();
        Path dataDir = server.dataDir();
        keys = new KeyApi(new ApiClient(server));
        durableV1 = KeyApi.version(keys.create("durable", null), 1).path("keyId").asText();
        recordBefore = keys.submitted(KeyApi.envelope(keys.sign("durable", "before-restart.jar"))).path("uuid").asText();
        durableV2 = keys.rotate("durable", Map.of());
        keys.retire("durable", durableV1);
        keys.create("durable-ed", "ED25519");
        keys.create("rotates-after-restart", null);
        revokedV1 = KeyApi.version(keys.create("revoked", null), 1).path("keyId").asText();
        keys.revoke("revoked", revokedV1, "key_compromise", null);
        keys.create("scheduled", null);
        keys.rotate("scheduled", Map.of("at", Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS)
                .toString()));
        keys.api().addTrustedKey("external", SigningKey.generate().publicKeyPem());
        keysBefore = keys.api().get("/api/v1/keys").json().path("keys");

        server.stop();
        server = AttestorProcess.start(dataDir);
        keys = new KeyApi(new ApiClient(server));
        keysAfter = keys.api().get("/api/v1/keys").json().path("keys");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void everyKeyVersionAndStateSurvivesTheRestart() {
        assertEquals(6, keysBefore.size(), keysBefore::toString);
        assertEquals(keysBefore, keysAfter);
    }

    @Test
    void theActiveVersionStillSignsAfterTheRestart() {
        JsonNode signed = keys.sign("durable", "after-restart.jar");
        assertEquals(durableV2.path("keyId").asText(), signed.path("keyId").asText(), signed::toString);
        assertTrue(KeyApi.verifiesWith(KeyApi.envelope(signed), durableV2.path("publicKeyPem").asText()));
        JsonNode record = keys.submitted(KeyApi.envelope(signed));
        assertTrue(keys.verifyRecord(record.path("uuid").asText()).path("verified").asBoolean(), record::toString);
    }

    @Test
    void anEd25519KeyStillSignsAfterTheRestart() {
        JsonNode signed = keys.sign("durable-ed", "ed-after-restart.jar");
        String pem = KeyApi.version(keys.show("durable-ed"), 1).path("publicKeyPem").asText();
        assertTrue(KeyApi.verifiesWith(KeyApi.envelope(signed), pem), signed::toString);
    }

    @Test
    void aRecordAcceptedBeforeTheRestartStillVerifies() {
        assertTrue(keys.verifyRecord(recordBefore).path("verified").asBoolean());
    }

    @Test
    void aRetiredVersionStillCannotSignAfterTheRestart() {
        keys.signResponse(durableV1, "retired-after-restart.jar").assertProblem(409, "key.not_active");
    }

    @Test
    void aRevokedVersionStillCannotSignAfterTheRestart() {
        keys.signResponse(revokedV1, "revoked-after-restart.jar").assertProblem(409, "key.not_active");
    }

    @Test
    void aScheduledRotationIsStillPendingAfterTheRestart() {
        assertEquals(1, keys.sign("scheduled", "scheduled-after-restart.jar").path("version").asInt());
    }

    @Test
    void aKeyNameIsStillTakenAfterTheRestart() {
        keys.api().postJson("/api/v1/keys", Map.of("name", "durable", "driver", "file"))
                .assertProblem(409, "key.name_conflict");
    }

    @Test
    void rotationContinuesWithTheNextVersionNumberAfterTheRestart() {
        JsonNode v2 = keys.rotate("rotates-after-restart", Map.of());
        assertEquals(2, v2.path("version").asInt(), v2::toString);
        assertEquals(v2.path("keyId"), keys.sign("rotates-after-restart", "rotated-after-restart.jar").path("keyId"));
    }
}
