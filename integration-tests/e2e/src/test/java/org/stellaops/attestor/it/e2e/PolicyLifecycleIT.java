package org.stellaops.attestor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.Signature;
import org.stellaops.attestor.auth.Scope;

/**
 * A verification policy's life over HTTP on the built distribution, in a tenant under the two-person rule (issue 8,
 * "End-to-end"): the tests' principal authors a policy, a colleague approves it, verifications use it, the author
 * writes a stricter draft (two release signers instead of one) and simulates it over 1,000 stored attestations —
 * 300 signed by two release signers, 700 by one — before the colleague approves it too. The steps build on each
 * other, so the methods run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PolicyLifecycleIT {

    private static final String POLICY = "release-signed";
    private static final String POLICIES = "/api/v1/policies";
    private static final String RULE_TWO_SIGNERS = "two-release-signers";
    private static final int RECORDS = 1_000;
    private static final int DOUBLY_SIGNED = 300;
    private static final int BATCH = 250;
    private static final String APPROVER = "e2e-approver";

    private AttestorProcess server;
    private ApiClient author;
    private ApiClient approver;
    private BatchApiClient batches;
    /** Digests of the records signed by one release signer, then of those signed by two. */
    private final List<String> singlySigned = new ArrayList<>();
    private final List<String> doublySigned = new ArrayList<>();
    /** Signed twice by the same release signer: one distinct signer. */
    private String sameKeyTwice;

    @BeforeAll
    void storeAThousandAttestations() {
        Path data = AttestorProcess.freshDataDir();
        AttestorProcess.writeConfig(data, "org.stellaops.attestor.core.json", Map.of(
                "policyApprovalTenants", List.of(TestHttp.TENANT),
                "policyKeySets", List.of("release-signers=rel-a,rel-b,rel-c"),
                "starterPolicies", false));
        server = AttestorProcess.start(data);
        author = new ApiClient(server);
        approver = new ApiClient(server, TestHttp.authorization(server, TestHttp.TENANT, APPROVER, Scope.values()));
        batches = new BatchApiClient(server);
        SigningKey a = SigningKey.generate();
        SigningKey b = SigningKey.generate();
        author.addTrustedKey("rel-a", a.publicKeyPem());
        author.addTrustedKey("rel-b", b.publicKeyPem());
        author.addTrustedKey("rel-c", SigningKey.generate().publicKeyPem());

        List<byte[]> envelopes = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            byte[] statement = Attestations.bytes(Attestations.slsaStatement("pkg:oci/acme/app-" + i));
            byte[] envelope = i < DOUBLY_SIGNED ? signedBy(statement, a, b) : signedBy(statement, a);
            (i < DOUBLY_SIGNED ? doublySigned : singlySigned).add(Attestations.envelopeDigest(envelope));
            envelopes.add(envelope);
        }
        byte[] twice = signedBy(Attestations.bytes(Attestations.slsaStatement("pkg:oci/acme/twice")), a, a);
        sameKeyTwice = Attestations.envelopeDigest(twice);
        envelopes.add(twice);
        for (int from = 0; from < envelopes.size(); from += BATCH) {
            submitLogged(envelopes.subList(from, Math.min(envelopes.size(), from + BATCH)));
        }
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** One envelope with a signature of each key over the same statement. */
    private static byte[] signedBy(byte[] statement, SigningKey... keys) {
        List<Signature> signatures = new ArrayList<>();
        Envelope first = null;
        for (SigningKey key : keys) {
            Envelope signed = key.sign(statement);
            first = first == null ? signed : first;
            signatures.addAll(signed.signatures());
        }
        return Attestations.json(new Envelope(first.payloadType(), first.payload(), signatures));
    }

    /** Submits a batch and waits until every record is in the primary log, so every verification can pass. */
    private void submitLogged(List<byte[]> envelopes) {
        List<JsonNode> results = BatchApiClient.results(batches.post(BatchApiClient.ENTRIES_BATCH,
                ApiClient.JSON, BatchApiClient.jsonBatch("envelopes", envelopes)));
        assertEquals(envelopes.size(), results.size());
        for (JsonNode result : results) {
            int status = result.path("status").asInt();
            assertTrue(status == 201 || status == 202, result::toString);
            if (status == 202) {
                E2eAwait.until("logged: " + result, Duration.ofSeconds(60),
                        () -> author.get(result.path("statusUrl").asText()),
                        r -> r.status() == 200 && r.json().path("status").asText().equals("logged"));
            }
        }
    }

    /** A policy of the tests' tenant over SLSA provenance of acme's images, with the given signer rule. */
    private static ObjectNode policy(int version, ObjectNode signerRule) {
        ObjectNode policy = ApiClient.MAPPER.createObjectNode();
        policy.put("apiVersion", "stella-ops.org/attestor/policy/v1");
        policy.put("kind", "VerificationPolicy");
        policy.put("id", POLICY);
        policy.put("version", version);
        policy.put("description", "acme's releases are signed by the release signers and logged");
        policy.put("mode", "enforce");
        ObjectNode selector = policy.putObject("selector");
        selector.putArray("predicateTypes").add("https://slsa.dev/provenance/*");
        selector.putArray("subjects").addObject().put("name", "pkg:oci/acme/*");
        policy.putArray("rules").add(signerRule).addObject().put("id", "logged").put("type", "transparency")
                .putObject("config").put("min", 1);
        return policy;
    }

    private static ObjectNode oneReleaseSigner() {
        ObjectNode rule = ApiClient.MAPPER.createObjectNode().put("id", "release-signer").put("type", "issuer");
        rule.putObject("config").putArray("keySets").add("release-signers");
        return rule;
    }

    private static ObjectNode twoReleaseSigners() {
        ObjectNode rule = ApiClient.MAPPER.createObjectNode().put("id", RULE_TWO_SIGNERS)
                .put("type", "signatureThreshold");
        rule.putObject("config").put("keySet", "release-signers").put("min", 2);
        return rule;
    }

    private static byte[] bytes(JsonNode node) {
        return Attestations.bytes(node);
    }

    private ApiResponse verify(String digest, String policy) {
        return author.postJson("/api/v1/rekor/verify", Map.of("uuid", digest, "policy", policy));
    }

    private static ApiResponse approve(ApiClient principal, int version) {
        return principal.post(POLICIES + "/" + POLICY + "/versions/" + version + "/approve", ApiClient.JSON,
                new byte[0]);
    }

    private JsonNode policyState() {
        ApiResponse response = author.get(POLICIES + "/" + POLICY);
        assertEquals(200, response.status(), response::describe);
        return response.json();
    }

    @Test
    @Order(1)
    void aPolicyWrittenUnderTheTwoPersonRuleWaitsForApproval() {
        ApiResponse created = author.post(POLICIES + "?comment=first%20cut", ApiClient.JSON,
                bytes(policy(1, oneReleaseSigner())));
        assertEquals(201, created.status(), created::describe);
        JsonNode version = created.json().path("versions").path(0);
        assertEquals("pending", version.path("state").asText(), created::describe);
        assertTrue(version.path("approvalRequired").asBoolean(), created::describe);
        assertEquals(TestHttp.ACTOR, version.path("author").asText(), created::describe);
        assertTrue(created.json().path("activeVersion").isNull(), created::describe);

        verify(singlySigned.get(0), POLICY).assertProblem(409, "policy.not_active");
    }

    @Test
    @Order(2)
    void theAuthorCannotApproveTheirOwnVersion() {
        approve(author, 1).assertProblem(403, "policy.self_approval");
        assertTrue(policyState().path("activeVersion").isNull());
    }

    @Test
    @Order(3)
    void aColleaguesApprovalMakesTheVersionActive() {
        ApiResponse approved = approve(approver, 1);
        assertEquals(200, approved.status(), approved::describe);
        assertEquals(1, approved.json().path("activeVersion").asInt(), approved::describe);
        JsonNode approval = approved.json().path("versions").path(0).path("approvals").path(0);
        assertEquals(actor(APPROVER), approval.path("approver").asText(), approved::describe);

        approve(approver, 1).assertProblem(409, "policy.already_approved");
    }

    @Test
    @Order(4)
    void verificationUnderTheActiveVersionAllowsARecordSignedByOneReleaseSigner() {
        ApiResponse response = verify(singlySigned.get(0), POLICY);
        assertEquals(200, response.status(), response::describe);
        JsonNode answer = response.json();
        assertTrue(answer.path("verified").asBoolean(), response::describe);
        assertTrue(answer.path("allowed").asBoolean(), response::describe);
        assertEquals("store", answer.path("policySource").asText());
        JsonNode decision = answer.path("policy");
        assertEquals("pass", decision.path("verdict").asText(), response::describe);
        assertEquals(1, decision.path("policy").path("version").asInt());
        JsonNode issuer = decision.path("rules").path(0);
        assertEquals("release-signer", issuer.path("id").asText());
        assertEquals("pass", issuer.path("outcome").asText(), issuer::toString);
        assertEquals("rel-a", issuer.path("evidence").path("signatures").path(0).path("key").asText(),
                issuer::toString);
        assertEquals("service", decision.path("trustedTime").path("source").asText(), decision::toString);
    }

    @Test
    @Order(5)
    void aStricterVersionWaitsWhileTheApprovedOneStaysInForce() {
        ApiResponse changed = author.put(POLICIES + "/" + POLICY + "?comment=two%20signers", ApiClient.JSON,
                bytes(policy(2, twoReleaseSigners())));
        assertEquals(200, changed.status(), changed::describe);
        assertEquals(1, changed.json().path("activeVersion").asInt(), changed::describe);
        assertEquals(2, changed.json().path("latestVersion").asInt(), changed::describe);
        assertEquals("pending", changed.json().path("versions").path(1).path("state").asText(), changed::describe);

        ApiResponse stillAllowed = verify(singlySigned.get(1), POLICY);
        assertEquals(200, stillAllowed.status(), stillAllowed::describe);
        assertTrue(stillAllowed.json().path("allowed").asBoolean(), stillAllowed::describe);

        author.put(POLICIES + "/" + POLICY, ApiClient.JSON, bytes(policy(2, twoReleaseSigners())))
                .assertProblem(409, "policy.version_conflict");
    }

    @Test
    @Order(6)
    void simulatingTheStricterDraftOverTheThousandRecordsCountsWhatWouldChangeAndChangesNothing() {
        long entries = author.entries();
        JsonNode before = policyState();

        ApiResponse response = author.postJson(POLICIES + "/" + POLICY + "/simulate",
                Map.of("draftVersion", 2, "limit", 1000));
        assertEquals(200, response.status(), response::describe);
        JsonNode simulation = response.json();
        assertEquals(RECORDS + 1, simulation.path("evaluated").asInt(), response::describe);
        assertEquals(1, simulation.path("activeVersion").asInt());
        assertEquals(2, simulation.path("draftVersion").asInt());
        JsonNode summary = simulation.path("summary");
        // the 700 singly signed records and the one signed twice by the same key fail the stricter draft
        assertEquals(RECORDS - DOUBLY_SIGNED + 1, summary.path("newlyFailing").asInt(), summary::toString);
        assertEquals(DOUBLY_SIGNED, summary.path("unchangedPassing").asInt(), summary::toString);
        assertEquals(0, summary.path("newlyPassing").asInt(), summary::toString);
        assertEquals(0, summary.path("unchangedFailing").asInt(), summary::toString);
        assertEquals(0, summary.path("errors").asInt(), summary::toString);
        assertFalse(simulation.path("truncated").asBoolean(), "701 changes fit in lists of 1,000");

        List<String> failing = new ArrayList<>();
        simulation.path("newlyFailing").forEach(change -> {
            assertEquals("pass", change.path("active").asText(), change::toString);
            assertEquals("fail", change.path("draft").asText(), change::toString);
            assertEquals(List.of(RULE_TWO_SIGNERS), texts(change.path("draftFailures")), change::toString);
            failing.add(change.path("envelopeDigest").asText());
        });
        List<String> expected = new ArrayList<>(singlySigned);
        expected.add(sameKeyTwice);
        assertEquals(expected.stream().sorted().toList(), failing.stream().sorted().toList());

        assertEquals(entries, author.entries(), "a simulation stores no record");
        assertEquals(before, policyState(), "a simulation changes no policy, version or approval");
    }

    @Test
    @Order(7)
    void aSimulationNarrowedToOneSubjectEvaluatesOneRecord() {
        String subject = "sha256:" + Attestations.sha256Hex("pkg:oci/acme/app-0".getBytes(StandardCharsets.UTF_8));
        ApiResponse response = author.postJson(POLICIES + "/" + POLICY + "/simulate", Map.of(
                "draft", policy(3, twoReleaseSigners()), "subject", subject));
        assertEquals(200, response.status(), response::describe);
        assertEquals(1, response.json().path("evaluated").asInt(), response::describe);
        assertEquals(1, response.json().path("summary").path("unchangedPassing").asInt(), response::describe);
    }

    @Test
    @Order(8)
    void onceApprovedTheStricterVersionDeniesWhatOneSignerSignedAndAllowsWhatTwoSigned() {
        ApiResponse approved = approve(approver, 2);
        assertEquals(200, approved.status(), approved::describe);
        assertEquals(2, approved.json().path("activeVersion").asInt(), approved::describe);

        ApiResponse denied = verify(singlySigned.get(0), POLICY);
        assertEquals(200, denied.status(), denied::describe);
        assertTrue(denied.json().path("verified").asBoolean(), denied::describe);
        assertFalse(denied.json().path("allowed").asBoolean(), denied::describe);
        JsonNode rule = denied.json().path("policy").path("rules").path(0);
        assertEquals(RULE_TWO_SIGNERS, rule.path("id").asText());
        assertEquals("fail", rule.path("outcome").asText(), rule::toString);
        assertEquals(1, rule.path("evidence").path("distinctSigners").asInt(), rule::toString);

        ApiResponse twice = verify(sameKeyTwice, POLICY);
        assertFalse(twice.json().path("allowed").asBoolean(), twice::describe);
        assertEquals(1, twice.json().path("policy").path("rules").path(0).path("evidence")
                .path("distinctSigners").asInt(), twice::describe);

        ApiResponse allowed = verify(doublySigned.get(0), POLICY);
        assertTrue(allowed.json().path("allowed").asBoolean(), allowed::describe);
        assertEquals(2, allowed.json().path("policy").path("rules").path(0).path("evidence")
                .path("distinctSigners").asInt(), allowed::describe);

        ApiResponse earlier = verify(singlySigned.get(0), POLICY + "@1");
        assertTrue(earlier.json().path("allowed").asBoolean(), "the approved version 1 still judges by number: "
                + earlier.describe());
    }

    @Test
    @Order(9)
    void everyStepIsInTheTenantsAuditTrail() {
        assertEquals(List.of("policy.create"), actions("policy.create", TestHttp.ACTOR));
        assertEquals(List.of("policy.update", "policy.update"), actions("policy.update", TestHttp.ACTOR),
                "the change and the refused conflicting change");
        List<JsonNode> approvals = events("action", "policy.approve");
        assertEquals(List.of("success", "policy.already_approved", "success", "policy.self_approval"),
                approvals.stream().map(e -> e.path("outcome").asText()).toList());
        assertEquals(2, events("action", "policy.simulate").size());
        List<JsonNode> denials = events("action", "entry.verify", "outcome", "policy.denied");
        assertEquals(2, denials.size(), denials::toString);
    }

    private List<String> actions(String action, String actor) {
        return events("action", action, "actor", actor).stream().map(e -> e.path("action").asText()).toList();
    }

    /** @return the tenant's audit events matching the filters, newest first */
    private List<JsonNode> events(String... filters) {
        ApiResponse response = author.get("/api/v1/audit?" + BatchApiClient.query(filters) + "&limit=100");
        assertEquals(200, response.status(), response::describe);
        List<JsonNode> events = new ArrayList<>();
        response.json().path("events").forEach(events::add);
        return events;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.asText()));
        return texts;
    }

    /** @return how the service names a principal of the development issuer */
    private static String actor(String subject) {
        return TestHttp.ACTOR.substring(0, TestHttp.ACTOR.lastIndexOf('#') + 1) + subject;
    }
}
