package org.stellaops.attestor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stellaops.attestor.auth.Scope;

/**
 * Two tenants and an operator on one server over TLS, each with its own development-issuer token: every read path
 * (fetch, search, verify, batch, keys, audit, stats) shows a tenant its own data only, answers another tenant's id
 * exactly as an unknown one, and the same envelope submitted by both makes two records; the web console shows the
 * operator every tenant by name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationIT {

    private static final String OPERATOR = "ops";

    private AttestorProcess server;
    private ApiClient alice;
    private ApiClient bob;
    private ApiClient operator;
    /** Signed by a key both tenants trust, submitted by both. */
    private byte[] shared;
    /** Signed by the same key, submitted by tenant A only. */
    private byte[] aliceOnly;
    /** Signed by a key only tenant A trusts, never submitted. */
    private byte[] aliceKeyOnly;
    private JsonNode aliceRecord;
    private JsonNode sharedByAlice;
    private JsonNode sharedByBob;

    @BeforeAll
    void twoTenantsSubmit() {
        Path data = AttestorProcess.freshDataDir();
        AttestorProcess.writeConfig(data, "org.stellaops.attestor.http.json", Map.of("operatorTenant", OPERATOR));
        server = AttestorProcess.start(data);
        alice = new ApiClient(server, TestHttp.authorization(server, "team-a", Scope.values()));
        bob = new ApiClient(server, TestHttp.authorization(server, "team-b", Scope.values()));
        operator = new ApiClient(server, TestHttp.authorization(server, OPERATOR, Scope.values()));
        SigningKey common = SigningKey.generate();
        SigningKey aliceKey = SigningKey.generate();
        alice.addTrustedKey("common", common.publicKeyPem());
        bob.addTrustedKey("common", common.publicKeyPem());
        alice.addTrustedKey("alice's own", aliceKey.publicKeyPem());
        shared = envelope(common, "shared.jar");
        aliceOnly = envelope(common, "alice-only.jar");
        aliceKeyOnly = envelope(aliceKey, "alice-key.jar");
        sharedByAlice = created(alice.submit(shared));
        sharedByBob = created(bob.submit(shared));
        aliceRecord = created(alice.submit(aliceOnly));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static byte[] envelope(SigningKey key, String artifact) {
        return Attestations.json(key.sign(Attestations.bytes(Attestations.slsaStatement(artifact))));
    }

    private static JsonNode created(ApiResponse response) {
        assertEquals(201, response.status(), response::describe);
        return response.json();
    }

    private static String subject(String artifact) {
        return "sha256:" + Attestations.sha256Hex(artifact.getBytes(StandardCharsets.UTF_8));
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static List<String> digests(ApiResponse page) {
        assertEquals(200, page.status(), page::describe);
        List<String> digests = new ArrayList<>();
        page.json().path("entries").forEach(e -> digests.add(e.path("envelopeDigest").asText()));
        return digests;
    }

    @Test
    void theSameEnvelopeSubmittedByTwoTenantsMakesTwoRecords() {
        assertEquals(sharedByAlice.path("envelopeDigest"), sharedByBob.path("envelopeDigest"));
        assertEquals(sharedByAlice.path("uuid"), sharedByBob.path("uuid"), "both records hold the one log entry");
        assertEquals(1, bob.entries());
        assertEquals(2, alice.entries());
    }

    @Test
    void anotherTenantsRecordIsNotFoundByUuidOrDigestExactlyLikeAnUnknownOne() {
        JsonNode unknown = bob.get("/api/v1/rekor/entries/" + "0".repeat(64)).assertProblem(404, "entry.not_found");
        JsonNode byUuid = bob.get("/api/v1/rekor/entries/" + aliceRecord.path("uuid").asText())
                .assertProblem(404, "entry.not_found");
        bob.get("/api/v1/rekor/entries/" + encoded(aliceRecord.path("envelopeDigest").asText()))
                .assertProblem(404, "entry.not_found");
        bob.get("/api/v1/rekor/entries/" + aliceRecord.path("uuid").asText() + "/tlog-proof")
                .assertProblem(404, "entry.not_found");
        assertEquals(unknown.path("title"), byUuid.path("title"));
        assertEquals(200, alice.get("/api/v1/rekor/entries/" + aliceRecord.path("uuid").asText()).status());
    }

    @Test
    void aSearchListsOnlyTheCallersRecords() {
        assertEquals(List.of(), digests(bob.get("/api/v1/rekor/entries?subject=" + encoded(subject("alice-only.jar")))));
        assertEquals(List.of(aliceRecord.path("envelopeDigest").asText()),
                digests(alice.get("/api/v1/rekor/entries?subject=" + encoded(subject("alice-only.jar")))));
        assertEquals(List.of(sharedByBob.path("envelopeDigest").asText()), digests(bob.get("/api/v1/rekor/entries")));
    }

    @Test
    void aCursorOfAnotherTenantsSearchIsRefused() {
        ApiResponse page = alice.get("/api/v1/rekor/entries?limit=1");
        String cursor = page.json().path("nextCursor").asText();
        assertFalse(cursor.isEmpty(), page::describe);
        bob.get("/api/v1/rekor/entries?limit=1&cursor=" + encoded(cursor)).assertProblem(400, "request.invalid");
    }

    @Test
    void verifyingAnotherTenantsRecordIsNotFound() {
        bob.postJson("/api/v1/rekor/verify", Map.of("uuid", aliceRecord.path("uuid").asText()))
                .assertProblem(404, "entry.not_found");
    }

    @Test
    void aKeyOnlyAnotherTenantTrustsNeverVerifiesTheCallersEnvelope() {
        JsonNode envelope = ApiClient.MAPPER.valueToTree(readTree(aliceKeyOnly));
        ApiResponse byBob = bob.postJson("/api/v1/rekor/verify", Map.of("envelope", envelope));
        assertEquals(200, byBob.status(), byBob::describe);
        assertFalse(byBob.json().path("verified").asBoolean(), byBob::describe);
        bob.submit(aliceKeyOnly).assertProblem(422, "signature.untrusted_signer");
        assertEquals(1, bob.entries());
    }

    @Test
    void aVerifyBatchItemNamingAnotherTenantsRecordFailsAsUnknown() {
        ApiResponse batch = bob.postJson("/api/v1/rekor/verify:batch",
                Map.of("items", List.of(Map.of("uuid", aliceRecord.path("uuid").asText()),
                        Map.of("uuid", sharedByBob.path("uuid").asText()))));
        assertEquals(200, batch.status(), batch::describe);
        List<JsonNode> results = BatchApiClient.results(batch);
        assertEquals(List.of(404, 200), BatchApiClient.statuses(results), batch::describe);
    }

    @Test
    void trustedKeysListTheCallersKeysAndNoOtherTenantsOwn() {
        ApiResponse keys = bob.get("/api/v1/trust/keys");
        assertEquals(200, keys.status(), keys::describe);
        List<String> names = new ArrayList<>();
        keys.json().path("keys").forEach(k -> names.add(k.path("name").asText()));
        assertTrue(names.contains("common"), keys::describe);
        assertFalse(names.contains("alice's own"), keys::describe);
    }

    @Test
    void theAuditTrailShowsATenantOnlyItsOwnEvents() {
        String aliceDigest = aliceRecord.path("envelopeDigest").asText();
        ApiResponse bobs = bob.get("/api/v1/audit?limit=1000");
        assertEquals(200, bobs.status(), bobs::describe);
        assertTrue(bobs.json().path("events").size() > 0, bobs::describe);
        bobs.json().path("events").forEach(e -> assertFalse(aliceDigest.equals(e.path("target").asText()),
                () -> "tenant B sees " + e));
        ApiResponse alices = alice.get("/api/v1/audit?target=" + encoded(aliceDigest));
        assertEquals(200, alices.status(), alices::describe);
        assertTrue(alices.json().path("events").size() > 0, alices::describe);
    }

    @Test
    void onlyTheOperatorReadsEveryTenantsAuditEvents() {
        String aliceDigest = aliceRecord.path("envelopeDigest").asText();
        bob.get("/api/v1/audit?tenant=*").assertProblem(403, "auth.operator_only");
        bob.get("/api/v1/audit?tenant=team-a").assertProblem(403, "auth.operator_only");
        ApiResponse all = operator.get("/api/v1/audit?tenant=*&target=" + encoded(aliceDigest));
        assertEquals(200, all.status(), all::describe);
        assertTrue(all.json().path("events").size() > 0, all::describe);
    }

    @Test
    void onlyTheOperatorSharesAKeyWithEveryTenant() {
        SigningKey key = SigningKey.generate();
        bob.postJson("/api/v1/trust/keys", Map.of("name", "sneaky", "publicKeyPem", key.publicKeyPem(),
                "shared", true)).assertProblem(403, "auth.operator_only");
        ApiResponse added = operator.postJson("/api/v1/trust/keys", Map.of("name", "release",
                "publicKeyPem", key.publicKeyPem(), "shared", true));
        assertEquals(201, added.status(), added::describe);
        byte[] released = envelope(key, "released.jar");
        ApiResponse verified = bob.postJson("/api/v1/rekor/verify",
                Map.of("envelope", ApiClient.MAPPER.valueToTree(readTree(released))));
        assertEquals(200, verified.status(), verified::describe);
        // never submitted, so not logged: what matters is that tenant B's signature checks pass with the shared key
        List<String> passed = new ArrayList<>();
        verified.json().path("checks").forEach(c -> {
            if (c.path("ok").asBoolean()) {
                passed.add(c.path("check").asText());
            }
        });
        assertTrue(passed.containsAll(List.of("signature[0]", "signers")), verified::describe);
    }

    @Test
    void statsCountOnlyTheCallersRecordsAndHealthCountsNone() {
        assertEquals(0, operator.entries());
        JsonNode health = operator.get("/health").json();
        assertTrue(health.path("entries").isMissingNode(), health::toString);
    }

    @Test
    void theConsoleShowsTheOperatorEveryTenantWithItsNameAndFiltersByTenant() {
        Matcher printed = Pattern.compile("password: (\\S+)").matcher(server.output());
        assertTrue(printed.find(), "no console password in the output");
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + printed.group(1))
                .getBytes(StandardCharsets.UTF_8));
        RawClient console = RawClient.of(server);
        String aliceUuid = aliceRecord.path("uuid").asText();
        ApiResponse all = console.send("GET", "/system/console/attestor-entries", "Authorization", basic).response();
        assertEquals(200, all.status(), all::describe);
        assertTrue(all.body().contains(aliceUuid) && all.body().contains("<td>team-a</td>")
                && all.body().contains("<td>team-b</td>"), all::describe);
        ApiResponse bobs = console.send("GET", "/system/console/attestor-entries?tenant=team-b", "Authorization",
                basic).response();
        assertEquals(200, bobs.status(), bobs::describe);
        // the entries table only: tenant B's own audit events may name ids B asked about
        String entries = bobs.body().substring(0, bobs.body().indexOf("id='attestor-audit'"));
        assertTrue(entries.contains(sharedByBob.path("uuid").asText()), bobs::describe);
        assertFalse(entries.contains(aliceUuid) || bobs.body().contains("<td>team-a</td>"), bobs::describe);
    }

    private static JsonNode readTree(byte[] json) {
        try {
            return ApiClient.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
