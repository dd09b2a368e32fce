package org.stellaops.attestor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.note.SignedNote;
import org.stellaops.attestor.sdk.witness.Cosigner;
import org.stellaops.attestor.sdk.witness.Cosignatures;
import org.stellaops.attestor.sdk.witness.VerifierKeys;

/**
 * Two services on loopback: the second one is a C2SP witness for the first one's embedded log. Configured only
 * through configuration files, the log collects the witness's cosignatures, serves them on its checkpoint, and
 * verification counts them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WitnessIT {

    private static final Duration BOUND = Duration.ofSeconds(60);

    private AttestorProcess log;
    private AttestorProcess witness;
    private ApiClient logApi;
    private Cosigner witnessKey;
    private String origin;
    private String uuid;

    @BeforeAll
    void witnessTheLog() throws Exception {
        witness = AttestorProcess.startFresh();
        ApiClient witnessApi = new ApiClient(witness);
        ApiResponse key = witnessApi.get("/witness/key");
        assertEquals(200, key.status(), key::describe);
        witnessKey = Cosigner.parseVkey(key.body().trim());

        log = AttestorProcess.startFresh();
        logApi = new ApiClient(log);
        JsonNode descriptor = logApi.primaryLog();
        origin = descriptor.path("origin").asText();
        String logVkey = VerifierKeys.ecdsaVkey(origin, PublicKeys.parsePem(descriptor.path("publicKeyPem").asText()));

        AttestorProcess.writeConfig(witness.dataDir(), "org.stellaops.attestor.tlog.witness.json",
                Map.of("logs", List.of(logVkey)));
        String addCheckpoint = witness.baseUri() + "/witness/add-checkpoint";
        // the witness is another Attestor over HTTPS: the log trusts its local CA for witnessing
        AttestorProcess.writeConfig(log.dataDir(), "org.stellaops.attestor.tlog.embedded.json",
                Map.of("witnesses", List.of(witnessKey.vkey() + " " + addCheckpoint), "witnessIntervalMillis", 200,
                        "witnessCaFile", witness.dataDir().resolve("tls/ca.pem").toString()));
        AttestorProcess.writeConfig(log.dataDir(), "org.stellaops.attestor.core.json",
                Map.of("witnesses", List.of(witnessKey.vkey())));

        SigningKey signer = SigningKey.generate();
        E2eAwait.until("the log accepts submissions after reconfiguration", BOUND,
                () -> logApi.get("/api/v1/logs"), r -> r.status() == 200 && r.json().path("logs").size() == 1);
        logApi.addTrustedKey("ci", signer.publicKeyPem());
        ApiResponse created = logApi.submit(Attestations.json(signer.sign(Attestations.bytes(
                Attestations.slsaStatement("witnessed.jar")))));
        // the reconfigured log restarts while config-files applies the files: the entry may wait in the outbox
        assertTrue(created.status() == 201 || created.status() == 202, created::describe);
        uuid = created.json().path("uuid").asText();
        E2eAwait.until("the entry is logged", BOUND, () -> logApi.get("/api/v1/rekor/entries/" + uuid),
                r -> r.status() == 200 && "logged".equals(r.json().path("status").asText()));
    }

    @AfterAll
    void stopServers() {
        if (log != null) {
            log.stop();
        }
        if (witness != null) {
            witness.stop();
        }
    }

    @Test
    void servesTheCheckpointWithTheWitnessCosignature() {
        String note = E2eAwait.until("a cosigned checkpoint", BOUND, () -> new LogTiles(
                        java.net.URI.create(logApi.primaryLog().path("readUrl").asText()), log).checkpoint(),
                n -> Cosignatures.countValid(SignedNote.parse(n), List.of(witnessKey)) == 1);
        ApiClient.verifiedCheckpoint(note, logApi.primaryLog());
    }

    @Test
    void countsTheCosignatureWhenVerifying() {
        JsonNode report = E2eAwait.until("verification counts one cosignature", BOUND,
                () -> logApi.postJson("/api/v1/rekor/verify", Map.of("uuid", uuid)),
                r -> r.status() == 200 && r.json().path("verified").asBoolean(false)
                        && r.json().toString().contains("\"cosignatures\":1")).json();
        assertTrue(report.path("verified").asBoolean(), report::toString);
    }

    @Test
    void theWitnessServesTheLatestCosignedCheckpointForTheOrigin() throws Exception {
        String originHash = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(origin.getBytes(StandardCharsets.UTF_8)));
        ApiClient witnessApi = new ApiClient(witness);
        ApiResponse latest = E2eAwait.until("the witness's monitoring read", BOUND,
                () -> witnessApi.get("/witness/" + originHash + "/checkpoint"), r -> r.status() == 200);
        assertTrue(latest.body().startsWith(origin + "\n"), latest::describe);
        assertEquals(1, Cosignatures.countValid(SignedNote.parse(latest.body()), List.of(witnessKey)), latest::describe);
    }

    @Test
    void showsTheSplitViewMonitorsStateOfTheLog() {
        JsonNode log = E2eAwait.until("the monitor has checked the log", BOUND, () -> logApi.get("/api/v1/logs"),
                r -> r.status() == 200 && "ok".equals(r.json().path("logs").path(0).path("monitor").path("state")
                        .asText())).json().path("logs").path(0);
        assertTrue(log.path("monitor").path("lastVerifiedSize").asLong() >= 0, log::toString);
    }
}
